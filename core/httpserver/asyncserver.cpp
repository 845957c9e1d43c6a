#include "sandboxhttpserver.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QHttpServerResponder>

namespace oc::sandbox {

SandboxHttpServer::SandboxHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

bool SandboxHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpCall call;
    const QByteArray methodName = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method()));
    call.method = methodName.toUpper();
    const QUrl url = request.url();
    call.path = url.path(QUrl::FullyDecoded);
    call.rawQuery = url.query(QUrl::FullyEncoded).toLatin1();
    call.headers = request.headers();
    call.body = request.body();
    m_handler(std::move(call), QPointer<QTcpSocket>(socket));
    return true;
}

void SandboxHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    writeReply(socket, HttpReply(404, "{}"));
}

void SandboxHttpServer::writeReply(QTcpSocket *socket, const HttpReply &reply)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray reason = QMetaEnum::fromType<QHttpServerResponder::StatusCode>().valueToKey(reply.status);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + (reason.isEmpty() ? "Status" : reason) + "\r\n";
    if (reply.status != 204) {
        out += "Content-Type: " + reply.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    }
    for (const auto &h : reply.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    if (reply.status != 204)
        out += reply.body;
    socket->write(out);
}

} // namespace oc::sandbox
