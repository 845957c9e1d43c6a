#pragma once

#include "mailjob.h"
#include "mailmessage.h"
#include "smtpconfig.h"

#include <QObject>

#include <memory>

namespace oc {

class CurlMulti;

// Sends e-mail over SMTP with TLS always on: smtps:// (implicit TLS) or smtp:// with STARTTLS required.
// Certificates are always verified; SmtpConfig::caFile only changes whom we trust. Everything runs on
// the event loop of the thread that owns the Mailer; jobs must not outlive it.
class Mailer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Mailer)

public:
    explicit Mailer(SmtpConfig config, QObject *parent = nullptr);
    ~Mailer() override;

    // Starts sending; the job reports through MailJob::finished. An invalid message or configuration
    // finishes the job with Kind::Invalid without opening a connection.
    std::unique_ptr<MailJob> send(const MailMessage &message);

private:
    SmtpConfig m_config;
    std::unique_ptr<CurlMulti> m_multi;
};

} // namespace oc
