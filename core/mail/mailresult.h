#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace oc {

// How one send ended: Ok, or a kind programs can branch on plus a message for the people who fix it.
struct MailResult {
    Q_GADGET
public:
    enum class Kind {
        Ok,
        Invalid,             // the message or configuration was refused before connecting
        Connection,          // could not reach the server, or it hung up
        Timeout,
        Tls,                 // the TLS handshake failed for another reason than trust
        Certificate,         // the server's certificate is not trusted, or the CA file is unusable
        StartTlsUnavailable, // smtp:// server that does not offer STARTTLS: we never send in clear text
        Authentication,
        Rejected,            // the server refused the sender, a recipient or the message
        Canceled,
        Other,
    };
    Q_ENUM(Kind)

    Kind kind = Kind::Ok;
    QString message;

    bool ok() const { return kind == Kind::Ok; }
    static MailResult success() { return {}; }
    static MailResult failure(Kind kind, QString message) { return {kind, std::move(message)}; }
};

} // namespace oc

Q_DECLARE_METATYPE(oc::MailResult)
