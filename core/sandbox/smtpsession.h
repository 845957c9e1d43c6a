#pragma once

#include "sandbox/smtpmessage.h"

#include <QObject>
#include <QSslSocket>

namespace oc::sandbox {

// One SMTP conversation (RFC 5321 + STARTTLS 3207 + AUTH PLAIN/LOGIN 4954), driven by readyRead.
class SmtpSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSession)

public:
    SmtpSession(QSslSocket *socket, QString user, QString password, QObject *parent);
    void greet();

Q_SIGNALS:
    void messageReceived(const SmtpMessage &message);

private:
    enum class Stage { Command, AuthPlain, AuthLoginUser, AuthLoginPassword, Data };

    void readLines();
    void command(const QByteArray &line);
    void dataLine(QByteArray line);
    bool checkPlain(const QByteArray &base64);
    void finishAuth(bool ok);
    void reply(const QByteArray &line);
    void resetTransaction();

    QSslSocket *m_socket;
    QString m_user;
    QString m_password;
    Stage m_stage = Stage::Command;
    bool m_greeted = false;       // EHLO/HELO seen since the last TLS handshake
    bool m_authenticated = false;
    QString m_loginUser;
    SmtpMessage m_message;
    bool m_hasFrom = false;
};

} // namespace oc::sandbox
