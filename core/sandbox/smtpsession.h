#pragma once

#include "sandbox/faultplan.h"
#include "sandbox/smtpmessage.h"

#include <QObject>
#include <QSslSocket>

#include <functional>
#include <optional>

namespace oc::sandbox {

// One SMTP conversation (RFC 5321 + STARTTLS 3207 + AUTH PLAIN/LOGIN 4954), driven by readyRead.
class SmtpSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSession)

public:
    // Asked once per AUTH attempt, when the credentials are complete: the fault to apply (FaultPlan's
    // smtp.auth), if any.
    using AuthFault = std::function<std::optional<FaultRule>()>;

    SmtpSession(QSslSocket *socket, QString user, QString password, QObject *parent, AuthFault authFault = {});
    void greet();

    // The reply lines of the `echo` fault: a 535 that repeats the password in prose, then bare.
    static QList<QByteArray> echoReply(const QString &user, const QString &password);

Q_SIGNALS:
    void messageReceived(const SmtpMessage &message);

private:
    enum class Stage { Command, AuthPlain, AuthLoginUser, AuthLoginPassword, Data };

    void readLines();
    void command(const QByteArray &line);
    void dataLine(QByteArray line);
    void authenticatePlain(const QByteArray &base64);
    void authenticate(const QString &user, const QString &password);
    void finishAuth(bool ok);
    void reply(const QByteArray &line);
    void resetTransaction();

    QSslSocket *m_socket;
    QString m_user;
    QString m_password;
    AuthFault m_authFault;
    Stage m_stage = Stage::Command;
    bool m_greeted = false;       // EHLO/HELO seen since the last TLS handshake
    bool m_authenticated = false;
    QString m_loginUser;
    SmtpMessage m_message;
    bool m_hasFrom = false;
};

} // namespace oc::sandbox
