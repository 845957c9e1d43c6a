#pragma once

#include "httpserver/exchange.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

namespace oc::http {

// QHttpServer's parser without its synchronous router: each request is handed on with its socket, so the
// answer can come later (an operation that takes seconds, the sandbox's latency timers), never (a hang), as a
// stream (server-sent events) or as a reset — things a route handler cannot do. The sandbox and the service
// (`orgctl serve`) both serve through it.
class AsyncServer : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncServer)

public:
    using Handler = std::function<void(Request, QPointer<QTcpSocket>)>;

    explicit AsyncServer(Handler handler, QObject *parent = nullptr);

    static void writeReply(QTcpSocket *socket, const Reply &reply);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace oc::http
