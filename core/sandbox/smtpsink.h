#pragma once

#include "sandbox/smtpsession.h"
#include "sandbox/smtpmessage.h"

#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>

namespace oc::sandbox {

// An SMTP server that keeps what it is sent (for the Outbox view and tests) and relays nothing.
// It insists on STARTTLS before AUTH or MAIL, and on AUTH before MAIL, like a submission server.
class SmtpSink : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSink)

public:
    SmtpSink(QSslCertificate certificate, QSslKey key, QString user, QString password, QObject *parent = nullptr);

    // Consulted on every AUTH attempt of every session (the sandbox's fault plan, endpoint smtp.auth).
    void setAuthFault(SmtpSession::AuthFault authFault) { m_authFault = std::move(authFault); }

    const QList<SmtpMessage> &messages() const { return m_messages; }
    void clearMessages() { m_messages.clear(); }

Q_SIGNALS:
    void messageReceived(int index);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_user;
    QString m_password;
    SmtpSession::AuthFault m_authFault;
    QList<SmtpMessage> m_messages;
};

} // namespace oc::sandbox
