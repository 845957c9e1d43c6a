#pragma once

#include <QString>
#include <QUrl>

#include <chrono>

namespace oc {

// Where and how the mailer sends. The password is injected by whoever read it from the SecretStore;
// the mailer never looks for it anywhere else.
struct SmtpConfig {
    QUrl url;         // smtps://host:465 (implicit TLS) or smtp://host:587 (STARTTLS, always required)
    QString user;
    QString password;
    QString caFile;   // optional PEM bundle to trust instead of the system store (tests, private CAs)
    std::chrono::milliseconds timeout{std::chrono::seconds(60)};

    // Empty when usable, else why not (unsupported scheme, no host, no user, control characters).
    QString problem() const;
};

} // namespace oc
