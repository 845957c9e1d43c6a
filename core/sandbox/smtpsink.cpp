#include "smtpsink.h"

#include "sandbox/smtpsession.h"

#include <QSslSocket>

namespace oc::sandbox {

SmtpSink::SmtpSink(QSslCertificate certificate, QSslKey key, QString user, QString password, QObject *parent)
    : QTcpServer(parent), m_certificate(std::move(certificate)), m_key(std::move(key)), m_user(std::move(user)),
      m_password(std::move(password))
{
}

void SmtpSink::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        socket->deleteLater();
        return;
    }
    socket->setLocalCertificate(m_certificate);
    socket->setPrivateKey(m_key);
    auto *session = new SmtpSession(socket, m_user, m_password, socket, m_authFault);
    connect(session, &SmtpSession::messageReceived, this, [this](const SmtpMessage &message) {
        m_messages.append(message);
        Q_EMIT messageReceived(int(m_messages.size()) - 1);
    });
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    session->greet();
}

} // namespace oc::sandbox
