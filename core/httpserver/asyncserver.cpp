#include "asyncserver.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QHttpServerResponder>

namespace oc::http {

AsyncServer::AsyncServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{
}

bool AsyncServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Request call;
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

void AsyncServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    writeReply(socket, Reply(404, "{}"));
}

void AsyncServer::writeReply(QTcpSocket *socket, const Reply &reply)
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

} // namespace oc::http
