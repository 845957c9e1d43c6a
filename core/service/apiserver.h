#pragma once

#include "httpserver/asyncserver.h"
#include "provisioning/provisioningcontext.h"
#include "store/tokenrepository.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <map>

#include <memory>

namespace oc {
class QueueWorker;
class Operation;
struct OperationOutcome;
}

namespace oc::service {

// `orgctl serve`: the seed's REST API and approval webhook over the same core (DESIGN §2.4's operations, the
// engine's journal and leases), so the platform, scripts and other tools approve organizations the way the
// console does. Exactly the seed's paths, bodies and answers; errors as the seed's {"error": "…"}.
// Every call but the webhook (HMAC-signed) and /healthz needs `Authorization: Bearer <token>`
// (TokenRepository): viewer reads, operator also verifies, retries and approves, admin also cleans up.
// Every call is audited with the token's name and role. Setups run asynchronously on the event loop, sharing
// the process's vendor-call limit: a GET answers at once while they run. `Prefer: respond-async` on a setup
// answers 202 with Location: /api/runs/:runId as soon as the run exists; GET /api/runs/:runId/events streams
// its step events (server-sent events: the journal so far, then each event as it happens, then "end");
// GET /metrics is Prometheus text (runs by kind and status, setup times, vendor requests, API answers).
class ApiServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    // Bodies above this are refused with 413 before anything is parsed.
    static constexpr qsizetype kMaxBody = 64 * 1024;

    ApiServer(ProvisioningServices &services, QByteArray webhookSecret, QObject *parent = nullptr);
    ~ApiServer() override;

    // HTTPS when given a certificate and key (TLS 1.2 or later). Returns the port (0 = taken).
    quint16 listen(const QHostAddress &host, quint16 port);
    Result<void> useTls(const QString &certificateFile, const QString &keyFile);
    bool isTls() const { return m_tls; }

    // SIGTERM: stops accepting connections; drained() follows once every running operation has ended.
    void stopAccepting();
    int runningOperations() const { return int(m_running.size()); }

    // HMAC-SHA256 of `body` with `secret`, as the webhook's X-OrgConsole-Signature carries it ("sha256=<hex>").
    static QByteArray signature(const QByteArray &secret, const QByteArray &body);

Q_SIGNALS:
    void drained();

private:
    struct Caller {
        QString actor;  // "api:<name>" or "webhook"
        QString role;   // the token's role, for the audit
    };

    void handle(http::Request request, QPointer<QTcpSocket> socket);
    void route(const http::Request &request, const QPointer<QTcpSocket> &socket, const QJsonObject &body);
    // Runs `op`; `answer` turns its outcome into the HTTP reply.
    void drive(Operation *op, QPointer<QTcpSocket> socket, const http::Request &request, const Caller &caller,
               std::function<http::Reply(const OperationOutcome &)> answer);
    void reply(const QPointer<QTcpSocket> &socket, const http::Request &request, const Caller &caller, const http::Reply &reply);
    void audit(const http::Request &request, const Caller &caller, int status);
    std::optional<Caller> authenticate(const http::Request &request, const QPointer<QTcpSocket> &socket, ApiRole needed);
    void streamEvents(const QString &runId, const QPointer<QTcpSocket> &socket);
    QByteArray metrics();

    ProvisioningServices &m_services;
    QByteArray m_webhookSecret;
    http::AsyncServer m_http;
    QSet<Operation *> m_running;
    std::unique_ptr<QueueWorker> m_worker; // drains the queue (respond-async verifies, other processes' --queue)
    void startDraining();
    void maybeDrained();
    QHash<QString, QPointer<Operation>> m_byRun; // the runs this server drives, by id (for their live events)
    std::map<int, quint64> m_answered;           // API answers by HTTP status, for /metrics
    bool m_tls = false;
    bool m_stopping = false;
};

// The seed's error answer: {"error": message}, with `status`.
http::Reply errorReply(int status, const QString &message);
// The HTTP status of an operation's outcome: a setup that ran answers 200 (its body says how it went);
// a refusal by kind: 400 bad input, 404 unknown, 409 a conflicting state or run, 503 the store or vendors down.
int httpStatus(const OperationOutcome &outcome);

} // namespace oc::service
