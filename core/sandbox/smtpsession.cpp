#include "smtpsession.h"

#include "util/logging.h"

#include <QTimer>

namespace oc::sandbox {

namespace {

QString addressIn(const QByteArray &argument)
{
    const qsizetype open = argument.indexOf('<');
    const qsizetype close = argument.indexOf('>', open + 1);
    if (open < 0 || close < 0)
        return {};
    return QString::fromUtf8(argument.mid(open + 1, close - open - 1));
}

} // namespace

SmtpSession::SmtpSession(QSslSocket *socket, QString user, QString password, QObject *parent, AuthFault authFault)
    : QObject(parent), m_socket(socket), m_user(std::move(user)), m_password(std::move(password)), m_authFault(std::move(authFault))
{
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpSession::readLines);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        // RFC 3207: after the handshake the client starts over with EHLO; nothing from before counts.
        m_greeted = false;
        m_authenticated = false;
        resetTransaction();
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [](const QList<QSslError> &errors) {
        qCWarning(lcSandbox) << "SMTP sink TLS errors" << errors;
    });
}

void SmtpSession::greet()
{
    reply("220 localhost OrgConsole sandbox ESMTP (a sink: nothing is relayed)");
}

void SmtpSession::reply(const QByteArray &line)
{
    m_socket->write(line + "\r\n");
}

void SmtpSession::resetTransaction()
{
    m_message = SmtpMessage{};
    m_hasFrom = false;
}

void SmtpSession::readLines()
{
    while (m_socket->canReadLine()) {
        QByteArray line = m_socket->readLine();
        if (line.endsWith("\r\n"))
            line.chop(2);
        else if (line.endsWith('\n'))
            line.chop(1);
        switch (m_stage) {
        case Stage::Data: dataLine(line); break;
        case Stage::AuthPlain: m_stage = Stage::Command; authenticatePlain(line); break;
        case Stage::AuthLoginUser:
            m_loginUser = QString::fromUtf8(QByteArray::fromBase64(line));
            m_stage = Stage::AuthLoginPassword;
            reply("334 UGFzc3dvcmQ6");
            break;
        case Stage::AuthLoginPassword:
            m_stage = Stage::Command;
            authenticate(m_loginUser, QString::fromUtf8(QByteArray::fromBase64(line)));
            break;
        case Stage::Command: command(line); break;
        }
        // STARTTLS: stop reading plaintext the moment the handshake begins.
        if (m_socket->mode() == QSslSocket::SslServerMode && !m_socket->isEncrypted())
            return;
    }
}

void SmtpSession::command(const QByteArray &line)
{
    const qsizetype space = line.indexOf(' ');
    const QByteArray verb = (space < 0 ? line : line.left(space)).toUpper();
    const QByteArray argument = space < 0 ? QByteArray() : line.mid(space + 1).trimmed();
    const bool tls = m_socket->isEncrypted();
    if (verb == "EHLO" || verb == "HELO") {
        m_greeted = true;
        resetTransaction();
        if (verb == "HELO")
            return reply("250 localhost");
        reply("250-localhost");
        reply("250-8BITMIME");
        reply("250-SIZE 10485760");
        reply(tls ? "250 AUTH PLAIN LOGIN" : "250 STARTTLS");
    } else if (verb == "STARTTLS") {
        if (tls)
            return reply("503 5.5.1 TLS already active");
        reply("220 2.0.0 Ready to start TLS");
        m_socket->startServerEncryption();
    } else if (verb == "NOOP") {
        reply("250 2.0.0 OK");
    } else if (verb == "RSET") {
        resetTransaction();
        reply("250 2.0.0 OK");
    } else if (verb == "QUIT") {
        reply("221 2.0.0 Bye");
        m_socket->disconnectFromHost();
    } else if (!m_greeted) {
        reply("503 5.5.1 Send EHLO first");
    } else if (!tls && (verb == "AUTH" || verb == "MAIL" || verb == "RCPT" || verb == "DATA")) {
        reply("530 5.7.0 Must issue a STARTTLS command first");
    } else if (verb == "AUTH") {
        if (m_authenticated)
            return reply("503 5.5.1 Already authenticated");
        const QList<QByteArray> parts = argument.split(' ');
        const QByteArray mechanism = parts.value(0).toUpper();
        if (mechanism == "PLAIN") {
            if (parts.size() > 1)
                return authenticatePlain(parts.at(1));
            m_stage = Stage::AuthPlain;
            reply("334 ");
        } else if (mechanism == "LOGIN") {
            m_stage = Stage::AuthLoginUser;
            reply("334 VXNlcm5hbWU6");
        } else {
            reply("504 5.5.4 Unrecognized authentication type");
        }
    } else if (!m_authenticated && (verb == "MAIL" || verb == "RCPT" || verb == "DATA")) {
        reply("530 5.7.0 Authentication required");
    } else if (verb == "MAIL") {
        if (!argument.toUpper().startsWith("FROM:") || addressIn(argument).isNull())
            return reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        resetTransaction();
        m_message.mailFrom = addressIn(argument);
        m_hasFrom = true;
        reply("250 2.1.0 OK");
    } else if (verb == "RCPT") {
        if (!m_hasFrom)
            return reply("503 5.5.1 MAIL first");
        const QString to = addressIn(argument);
        if (!argument.toUpper().startsWith("TO:") || to.isEmpty())
            return reply("501 5.5.4 Syntax: RCPT TO:<address>");
        m_message.rcptTo << to;
        reply("250 2.1.5 OK");
    } else if (verb == "DATA") {
        if (m_message.rcptTo.isEmpty())
            return reply("503 5.5.1 RCPT first");
        m_stage = Stage::Data;
        reply("354 End data with <CR><LF>.<CR><LF>");
    } else {
        reply("502 5.5.2 Command not recognized");
    }
}

void SmtpSession::dataLine(QByteArray line)
{
    if (line == ".") {
        m_stage = Stage::Command;
        m_message.receivedAt = QDateTime::currentDateTimeUtc();
        m_message.authenticatedUser = m_user;
        Q_EMIT messageReceived(m_message);
        resetTransaction();
        reply("250 2.0.0 OK: queued in the sandbox outbox");
        return;
    }
    if (line.startsWith('.'))
        line.remove(0, 1); // dot-unstuffing, RFC 5321 4.5.2
    m_message.data += line + "\r\n";
}

void SmtpSession::authenticatePlain(const QByteArray &base64)
{
    // authzid \0 authcid \0 passwd
    const QList<QByteArray> fields = QByteArray::fromBase64(base64).split('\0');
    if (fields.size() != 3)
        return finishAuth(false);
    authenticate(QString::fromUtf8(fields.at(1)), QString::fromUtf8(fields.at(2)));
}

QList<QByteArray> SmtpSession::echoReply(const QString &user, const QString &password)
{
    return {"535-5.7.8 Authentication with password " + password.toUtf8() + " rejected for user " + user.toUtf8(),
            "535 5.7.8 " + password.toUtf8()};
}

void SmtpSession::authenticate(const QString &user, const QString &password)
{
    const bool ok = user == m_user && password == m_password;
    const std::optional<FaultRule> fault = m_authFault ? m_authFault() : std::nullopt;
    if (!fault)
        return finishAuth(ok);
    m_authenticated = false;
    switch (fault->kind) {
    case FaultRule::Kind::Echo:
        for (const QByteArray &line : echoReply(user, password))
            reply(line);
        return;
    case FaultRule::Kind::Status:
        return reply(QByteArray::number(fault->httpStatus) + ' ' + QByteArray::number(fault->httpStatus / 100) + ".7.0 Injected fault");
    case FaultRule::Kind::Hang:
        qCDebug(lcSandbox) << "smtp.auth hangs (fault)";
        return;
    case FaultRule::Kind::Reset:
        m_socket->abort();
        return;
    case FaultRule::Kind::Delay:
        QTimer::singleShot(fault->delayMs, this, [this, ok] { finishAuth(ok); });
        return;
    case FaultRule::Kind::Malformed: // refused by FaultPlan::parse for smtp.auth
    case FaultRule::Kind::Resend:
        break;
    }
    finishAuth(ok);
}

void SmtpSession::finishAuth(bool ok)
{
    m_authenticated = ok;
    reply(ok ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication credentials invalid");
}

} // namespace oc::sandbox
