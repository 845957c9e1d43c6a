#pragma once

#include "sandbox/httpexchange.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <functional>

namespace oc::sandbox {

// QHttpServer's parser without its synchronous router: each request is handed on with its socket, so the
// answer can come later (latency timers), never (hang), or as a reset — things a route handler cannot do.
class SandboxHttpServer : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxHttpServer)

public:
    using Handler = std::function<void(HttpCall, QPointer<QTcpSocket>)>;

    explicit SandboxHttpServer(Handler handler, QObject *parent = nullptr);

    static void writeReply(QTcpSocket *socket, const HttpReply &reply);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace oc::sandbox
