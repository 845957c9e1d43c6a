#include "apiserver.h"

#include "domain/auditrecord.h"
#include "net/callstats.h"
#include "pipeline/stepevent.h"
#include "provisioning/approveoperation.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/operation.h"
#include "provisioning/retryoperation.h"
#include "provisioning/statusreport.h"
#include "store/store.h"
#include "team/queueworker.h"
#include "util/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpServer>
#include <QTimer>

#include <memory>

namespace oc::service {

namespace {

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

http::Reply jsonReply(int status, const QJsonObject &o)
{
    return http::Reply(status, json(o));
}

// Compares in time independent of where the first difference is, so a signature cannot be guessed byte by byte.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QString text(const QJsonObject &body, const char *key)
{
    const QJsonValue v = body.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString();
}

QJsonObject organizationJson(const Organization &org)
{
    return QJsonObject{{QStringLiteral("id"), QString::number(org.id)},
                       {QStringLiteral("status"), statusName(org.status)},
                       {QStringLiteral("isVerified"), org.isVerified}};
}

} // namespace

http::Reply errorReply(int status, const QString &message)
{
    return jsonReply(status, QJsonObject{{QStringLiteral("error"), message}});
}

int httpStatus(const OperationOutcome &o)
{
    if (o.ok() || o.runStatus)
        return 200;
    if (o.result == OperationOutcome::Result::TakenOver)
        return 503;
    switch (o.errorKind) {
    case Error::Kind::Invalid: return 400;
    case Error::Kind::NotFound: return 404;
    case Error::Kind::Conflict: return 409;
    case Error::Kind::Forbidden: return 403; // the database role of the service may not
    case Error::Kind::Connection:
    case Error::Kind::Unavailable:
    case Error::Kind::Storage: return 503;
    default: return 500;
    }
}

ApiServer::ApiServer(ProvisioningServices &services, QByteArray webhookSecret, QObject *parent)
    : QObject(parent), m_services(services), m_webhookSecret(std::move(webhookSecret)),
      m_http([this](http::Request request, QPointer<QTcpSocket> socket) { handle(std::move(request), std::move(socket)); })
{
}

void ApiServer::startDraining()
{
    if (m_worker)
        return;
    QueueWorker::Options options;
    options.kind = QStringLiteral("serve");
    options.concurrency = qEnvironmentVariableIsSet("ORGCONSOLE_SERVE_CONCURRENCY")
                              ? std::max(0, qEnvironmentVariableIntValue("ORGCONSOLE_SERVE_CONCURRENCY"))
                              : 8;
    if (options.concurrency == 0)
        return;
    m_worker = std::make_unique<QueueWorker>(m_services, QStringLiteral("orgctl serve"), options);
    // A claimed run is this server's like one it started: its live events, and SIGTERM waits for it.
    connect(m_worker.get(), &QueueWorker::runStarted, this, [this](const ProvisioningRun &run, Operation *op) {
        m_byRun.insert(run.id, op);
    });
    connect(m_worker.get(), &QueueWorker::runEnded, this, [this](const QString &runId) { m_byRun.remove(runId); });
    connect(m_worker.get(), &QueueWorker::stopped, this, &ApiServer::maybeDrained);
    m_worker->start();
}

void ApiServer::maybeDrained()
{
    if (m_stopping && m_running.isEmpty() && (!m_worker || m_worker->held() == 0))
        Q_EMIT drained();
}

ApiServer::~ApiServer()
{
    m_worker.reset();
    const QSet<Operation *> running = m_running;
    m_running.clear();
    qDeleteAll(running);
}

quint16 ApiServer::listen(const QHostAddress &host, quint16 port)
{
    const quint16 bound = m_http.listen(host, port);
    if (bound != 0)
        startDraining();
    return bound;
}

Result<void> ApiServer::useTls(const QString &certificateFile, const QString &keyFile)
{
    const auto certificates = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (certificates.isEmpty())
        return Error::invalid(QStringLiteral("no PEM certificate in %1").arg(certificateFile));
    QFile keyIn(keyFile);
    if (!keyIn.open(QIODevice::ReadOnly))
        return Error::invalid(QStringLiteral("cannot read the TLS key %1: %2").arg(keyFile, keyIn.errorString()));
    const QByteArray keyPem = keyIn.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return Error::invalid(QStringLiteral("%1 is not a PEM RSA or EC private key (an encrypted key is not supported)").arg(keyFile));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(certificates);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    m_http.sslSetup(tls);
    m_tls = true;
    return {};
}

void ApiServer::stopAccepting()
{
    m_stopping = true;
    for (QTcpServer *server : m_http.servers())
        server->close();
    if (m_worker)
        m_worker->stop();
    maybeDrained();
}

QByteArray ApiServer::signature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" + QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

void ApiServer::reply(const QPointer<QTcpSocket> &socket, const http::Request &request, const Caller &caller, const http::Reply &r)
{
    audit(request, caller, r.status);
    http::AsyncServer::writeReply(socket, r);
}

// Every call is audited: who (the token's name and role, or the webhook), what, and how it was answered.
void ApiServer::audit(const http::Request &request, const Caller &caller, int status)
{
    AuditRecord audit;
    audit.actor = caller.actor.isEmpty() ? QStringLiteral("api:anonymous") : caller.actor;
    audit.action = QStringLiteral("api.request");
    audit.outcome = QString::number(status);
    audit.detail = QStringLiteral("%1 %2%3").arg(QString::fromLatin1(request.method), request.path,
                                                 caller.role.isEmpty() ? QString() : QStringLiteral(" (role %1)").arg(caller.role));
    static const QRegularExpression org(QStringLiteral("^/(?:api|admin)/organizations/([0-9]+)/"));
    if (const auto m = org.match(request.path); m.hasMatch())
        audit.organizationId = m.captured(1).toLongLong();
    if (auto written = m_services.store.audit().append(audit); !written)
        qCWarning(lcPipeline) << "could not audit a service call:" << written.error().message;
    ++m_answered[status];
}

std::optional<ApiServer::Caller> ApiServer::authenticate(const http::Request &request, const QPointer<QTcpSocket> &socket, ApiRole needed)
{
    const QByteArray header = request.header("Authorization");
    if (!header.startsWith("Bearer ") || header.size() <= 7) {
        http::Reply r = errorReply(401, QStringLiteral("authentication required: send Authorization: Bearer <token> (orgctl token create)"));
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
        reply(socket, request, {}, r);
        return std::nullopt;
    }
    auto token = m_services.store.tokens().authenticate(QString::fromLatin1(header.mid(7).trimmed()));
    if (!token) {
        const bool unknown = token.error().kind == Error::Kind::NotFound;
        http::Reply r = unknown ? errorReply(401, QStringLiteral("unknown or revoked token"))
                                : errorReply(503, QStringLiteral("cannot check the token: the database is unavailable"));
        if (unknown)
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\"")));
        reply(socket, request, {}, r);
        return std::nullopt;
    }
    const Caller caller{QStringLiteral("api:") + token->name, roleName(token->role)};
    if (int(token->role) < int(needed)) {
        reply(socket, request, caller,
              errorReply(403, QStringLiteral("token \"%1\" has role %2; this needs %3").arg(token->name, roleName(token->role), roleName(needed))));
        return std::nullopt;
    }
    return caller;
}

void ApiServer::handle(http::Request request, QPointer<QTcpSocket> socket)
{
    if (m_stopping)
        return reply(socket, request, {}, errorReply(503, QStringLiteral("the service is shutting down")));
    if (request.body.size() > kMaxBody)
        return reply(socket, request, {}, errorReply(413, QStringLiteral("the request body is over 64 KiB")));
    QJsonObject body;
    if (request.method == "POST" && !request.body.trimmed().isEmpty()) {
        const QByteArray type = request.header("Content-Type").toLower();
        if (!type.startsWith("application/json"))
            return reply(socket, request, {}, errorReply(415, QStringLiteral("send the body as JSON (Content-Type: application/json)")));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return reply(socket, request, {},
                         errorReply(400, parseError.error != QJsonParseError::NoError
                                             ? QStringLiteral("malformed JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString())
                                             : QStringLiteral("the body must be a JSON object")));
        body = doc.object();
    }
    route(request, socket, body);
}

void ApiServer::route(const http::Request &request, const QPointer<QTcpSocket> &socket, const QJsonObject &body)
{
    static const QRegularExpression orgPath(QStringLiteral("^/api/organizations/([^/]+)/(verify|ai-status|retry-ai-setup|ai-setup)$"));
    static const QRegularExpression adminPath(QStringLiteral("^/admin/organizations/([^/]+)/approve$"));
    static const QRegularExpression runPath(QStringLiteral("^/api/runs/([^/]+)(/events)?$"));
    const QByteArray &method = request.method;
    const QString &path = request.path;

    if (path == QLatin1String("/healthz")) {
        if (method != "GET")
            return reply(socket, request, {}, errorReply(405, QStringLiteral("use GET")));
        auto count = m_services.store.organizations().count({});
        return reply(socket, request, {},
                     count ? jsonReply(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}, {QStringLiteral("database"), true}})
                           : jsonReply(503, QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")}, {QStringLiteral("database"), false},
                                                        {QStringLiteral("error"), count.error().message}}));
    }

    if (path == QLatin1String("/webhooks/organization-approved")) {
        if (method != "POST")
            return reply(socket, request, {}, errorReply(405, QStringLiteral("use POST")));
        const Caller webhook{QStringLiteral("webhook"), {}};
        if (m_webhookSecret.isEmpty())
            return reply(socket, request, webhook, errorReply(503, QStringLiteral("the webhook is not configured: set ORGCONSOLE_WEBHOOK_SECRET")));
        if (!constantTimeEquals(request.header("X-OrgConsole-Signature"), signature(m_webhookSecret, request.body)))
            return reply(socket, request, webhook, errorReply(401, QStringLiteral("bad or missing X-OrgConsole-Signature")));
        const QJsonValue idValue = body.value(QStringLiteral("organizationId"));
        const qint64 id = idValue.isString() ? idValue.toString().toLongLong() : idValue.toInteger();
        if (id <= 0)
            return reply(socket, request, webhook, errorReply(400, QStringLiteral("organizationId must be an organization id such as 42")));
        const QJsonObject approval = body.value(QStringLiteral("approvalData")).toObject();
        const QString country = text(approval, "countryCode").isEmpty() ? QStringLiteral("US") : text(approval, "countryCode");
        return drive(new ApproveOperation(m_services, id, country, text(approval, "areaCode"), webhook.actor), socket, request, webhook,
                     [](const OperationOutcome &o) {
                         if (o.ok())
                             return jsonReply(200, QJsonObject{{QStringLiteral("success"), true}});
                         return errorReply(500, o.error);
                     });
    }

    if (path == QLatin1String("/openapi.json")) {
        if (method != "GET")
            return reply(socket, request, {}, errorReply(405, QStringLiteral("use GET")));
        QFile document(QStringLiteral(":/service/openapi.json"));
        if (!document.open(QIODevice::ReadOnly))
            return reply(socket, request, {}, errorReply(500, QStringLiteral("the OpenAPI document is missing from this build")));
        return reply(socket, request, {}, http::Reply(200, document.readAll()));
    }

    if (path == QLatin1String("/metrics")) {
        if (method != "GET")
            return reply(socket, request, {}, errorReply(405, QStringLiteral("use GET")));
        const auto caller = authenticate(request, socket, ApiRole::Viewer);
        if (!caller)
            return;
        http::Reply r(200, metrics());
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        return reply(socket, request, *caller, r);
    }

    if (const auto m = runPath.match(path); m.hasMatch()) {
        if (method != "GET")
            return reply(socket, request, {}, errorReply(405, QStringLiteral("use GET")));
        const auto caller = authenticate(request, socket, ApiRole::Viewer);
        if (!caller)
            return;
        const QString runId = m.captured(1);
        auto run = m_services.store.runs().find(runId);
        if (!run)
            return reply(socket, request, *caller,
                         run.error().kind == Error::Kind::NotFound ? errorReply(404, QStringLiteral("no run %1").arg(runId))
                                                                   : errorReply(503, run.error().message));
        if (m.captured(2).isEmpty()) {
            auto steps = m_services.store.runs().steps(runId);
            return reply(socket, request, *caller, jsonReply(200, runJson(run.value(), steps ? steps.value() : QList<RunStep>{})));
        }
        audit(request, *caller, 200); // the answer is the stream
        return streamEvents(runId, socket);
    }

    const auto orgMatch = orgPath.match(path);
    const auto adminMatch = adminPath.match(path);
    if (!orgMatch.hasMatch() && !adminMatch.hasMatch())
        return reply(socket, request, {}, errorReply(404, QStringLiteral("no such endpoint: %1 %2").arg(QString::fromLatin1(method), path)));
    const QString idText = orgMatch.hasMatch() ? orgMatch.captured(1) : adminMatch.captured(1);
    const QString action = orgMatch.hasMatch() ? orgMatch.captured(2) : QStringLiteral("approve");
    const QByteArray expected = action == QLatin1String("ai-status") ? "GET" : action == QLatin1String("ai-setup") ? "DELETE" : "POST";
    if (method != expected)
        return reply(socket, request, {}, errorReply(405, QStringLiteral("use %1").arg(QString::fromLatin1(expected))));
    const ApiRole needed = action == QLatin1String("ai-status") ? ApiRole::Viewer
                           : action == QLatin1String("ai-setup") ? ApiRole::Admin
                                                                 : ApiRole::Operator;
    const auto caller = authenticate(request, socket, needed);
    if (!caller)
        return;
    bool numeric = false;
    const qint64 id = idText.toLongLong(&numeric);
    if (!numeric || id <= 0)
        return reply(socket, request, *caller,
                     errorReply(400, QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)").arg(idText.left(40))));
    auto org = m_services.store.organizations().find(id);
    if (!org)
        return reply(socket, request, *caller,
                     org.error().kind == Error::Kind::NotFound ? errorReply(404, QStringLiteral("organization %1 not found").arg(id))
                                                               : errorReply(503, org.error().message));

    if (action == QLatin1String("ai-status")) {
        auto report = statusReport(m_services.store, id);
        return reply(socket, request, *caller, report ? jsonReply(200, report.value()) : errorReply(503, report.error().message));
    }
    const QString country = text(body, "countryCode").trimmed().isEmpty() ? QStringLiteral("US") : text(body, "countryCode");
    const QString area = text(body, "areaCode");
    const auto seedAnswer = [](const OperationOutcome &o) {
        const int status = httpStatus(o);
        return status == 200 ? jsonReply(200, o.answer) : errorReply(status, o.error);
    };
    if (action == QLatin1String("verify")) {
        const QString status = text(body, "status");
        if (status == QLatin1String("verified") && request.header("Prefer").toLower().contains("respond-async")) {
            // Queued: verified now, set up by this server's worker (or any other) — the answer is at once.
            auto queued = queueApproval(m_services.store, id, country, area, caller->actor);
            if (!queued)
                return reply(socket, request, *caller, errorReply(httpStatus(OperationOutcome::failed(queued.error().message, queued.error().kind)),
                                                                  queued.error().message));
            if (!queued->existing) {
                if (m_worker)
                    m_worker->nudge();
                const QString location = QStringLiteral("/api/runs/%1").arg(queued->runId);
                http::Reply r = jsonReply(202, QJsonObject{{QStringLiteral("success"), true},
                                                          {QStringLiteral("message"), QStringLiteral("AI setup queued")},
                                                          {QStringLiteral("runId"), queued->runId},
                                                          {QStringLiteral("location"), location},
                                                          {QStringLiteral("events"), location + QStringLiteral("/events")}});
                r.headers.append(qMakePair(QByteArray("Location"), location.toLatin1()));
                return reply(socket, request, *caller, r);
            }
            // Already set up: the seed's answer with the existing setup, buying nothing.
        }
        if (status == QLatin1String("verified"))
            return drive(new ApproveOperation(m_services, id, country, area, caller->actor), socket, request, *caller, seedAnswer);
        const auto to = status == QLatin1String("rejected") ? std::optional(OrgStatus::Rejected)
                        : status == QLatin1String("suspended") ? std::optional(OrgStatus::Suspended)
                                                               : std::nullopt;
        if (!to)
            return reply(socket, request, *caller,
                         errorReply(400, QStringLiteral("status must be \"verified\", \"rejected\" or \"suspended\"")));
        if (auto set = m_services.store.organizations().setStatus(id, *to); !set)
            return reply(socket, request, *caller, errorReply(set.error().kind == Error::Kind::Invalid ? 400 : 409, set.error().message));
        AuditRecord audit;
        audit.actor = caller->actor;
        audit.action = QStringLiteral("org.status");
        audit.organizationId = id;
        audit.outcome = status;
        (void)m_services.store.audit().append(audit);
        auto updated = m_services.store.organizations().find(id);
        return reply(socket, request, *caller,
                     jsonReply(200, QJsonObject{{QStringLiteral("success"), true},
                                                {QStringLiteral("message"), QStringLiteral("Organization status updated to %1").arg(status)},
                                                {QStringLiteral("data"), QJsonObject{{QStringLiteral("organization"),
                                                                                      organizationJson(updated ? updated.value() : org.value())}}}}));
    }
    if (action == QLatin1String("retry-ai-setup"))
        return drive(new RetryOperation(m_services, id, text(body, "countryCode"), area, caller->actor), socket, request, *caller, seedAnswer);
    if (action == QLatin1String("ai-setup"))
        return drive(new CleanupOperation(m_services, id, caller->actor), socket, request, *caller, [](const OperationOutcome &o) {
            // A cleanup that ran but could not delete everything still answers with its five booleans.
            const int status = o.runStatus || o.answer.contains(QStringLiteral("data")) ? 200 : httpStatus(o);
            return status == 200 ? jsonReply(200, o.answer) : errorReply(status, o.error);
        });
    // POST /admin/organizations/:id/approve: the seed's "approved and AI setup initiated", with the verify result.
    return drive(new ApproveOperation(m_services, id, country, area, caller->actor), socket, request, *caller, [](const OperationOutcome &o) {
        const int status = httpStatus(o);
        if (status != 200)
            return errorReply(status, o.error);
        return jsonReply(200, QJsonObject{{QStringLiteral("success"), true},
                                          {QStringLiteral("message"), QStringLiteral("Organization approved and AI setup initiated")},
                                          {QStringLiteral("data"), o.answer}});
    });
}

void ApiServer::drive(Operation *op, QPointer<QTcpSocket> socket, const http::Request &request, const Caller &caller,
                      std::function<http::Reply(const OperationOutcome &)> answer)
{
    op->setParent(this);
    m_running.insert(op);
    const bool async = request.header("Prefer").toLower().contains("respond-async");
    auto answered = std::make_shared<bool>(false);
    connect(op, &Operation::stepEvent, this, [this, op, socket, request, caller, async, answered](const pipeline::StepEvent &e) {
        if (e.runId.isEmpty() || m_byRun.contains(e.runId))
            return;
        m_byRun.insert(e.runId, op);
        if (async && !*answered) { // the run exists now: its location, at once
            *answered = true;
            const QString location = QStringLiteral("/api/runs/%1").arg(e.runId);
            http::Reply r = jsonReply(202, QJsonObject{{QStringLiteral("success"), true},
                                                      {QStringLiteral("message"), QStringLiteral("AI setup started")},
                                                      {QStringLiteral("runId"), e.runId},
                                                      {QStringLiteral("location"), location},
                                                      {QStringLiteral("events"), location + QStringLiteral("/events")}});
            r.headers.append(qMakePair(QByteArray("Location"), location.toLatin1()));
            reply(socket, request, caller, r);
        }
    });
    connect(op, &Operation::finished, this, [this, op, socket, request, caller, answered, answer = std::move(answer)] {
        m_running.remove(op);
        for (auto it = m_byRun.begin(); it != m_byRun.end();)
            it = it.value() == op ? m_byRun.erase(it) : std::next(it);
        if (!*answered)
            reply(socket, request, caller, answer(op->outcome()));
        op->deleteLater();
        maybeDrained();
    });
    op->start();
}

namespace {

QByteArray sseEvent(const char *event, const QJsonObject &data)
{
    return QByteArray("event: ") + event + "\ndata: " + json(data) + "\n\n";
}

QJsonObject stepEventJson(const pipeline::StepEvent &e)
{
    return QJsonObject{{QStringLiteral("runId"), e.runId},           {QStringLiteral("step"), e.step},
                       {QStringLiteral("state"), pipeline::stateName(e.state)}, {QStringLiteral("attempt"), e.attempt},
                       {QStringLiteral("detail"), e.detail},         {QStringLiteral("error"), e.error},
                       {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)}};
}

QJsonObject journalJson(const QString &runId, const RunStep &s)
{
    return QJsonObject{{QStringLiteral("runId"), runId},
                       {QStringLiteral("step"), s.step},
                       {QStringLiteral("journal"), statusName(s.status)},
                       {QStringLiteral("attempt"), s.attempt},
                       {QStringLiteral("detail"), s.detail},
                       {QStringLiteral("error"), s.error},
                       {QStringLiteral("at"), (s.updatedAt.isValid() ? s.updatedAt : s.startedAt).toString(Qt::ISODateWithMs)}};
}

} // namespace

// Server-sent events of one run: the journal so far (event "journal", one per step), then — for a run this
// server drives — each step event as the console sees it (event "step"), or — for a run another process
// drives — each journal line as it changes (polled), and "end" with the run's status once it has ended.
void ApiServer::streamEvents(const QString &runId, const QPointer<QTcpSocket> &socket)
{
    if (!socket)
        return;
    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-cache\r\n"
                  "Connection: close\r\nX-Accel-Buffering: no\r\n\r\n");
    auto seen = std::make_shared<QHash<QString, QString>>(); // step → its last journal line, as sent
    const auto sendJournal = [this, runId, socket, seen] {
        auto steps = m_services.store.runs().steps(runId);
        if (!steps || !socket)
            return;
        for (const RunStep &s : steps.value()) {
            const QByteArray line = json(journalJson(runId, s));
            if (seen->value(s.step) == QString::fromUtf8(line))
                continue;
            seen->insert(s.step, QString::fromUtf8(line));
            socket->write(sseEvent("journal", journalJson(runId, s)));
        }
    };
    const auto endIfEnded = [this, runId, socket] {
        auto run = m_services.store.runs().find(runId);
        if (!socket || (run && isLive(run->status)))
            return false;
        socket->write(sseEvent("end", QJsonObject{{QStringLiteral("runId"), runId},
                                                  {QStringLiteral("status"), run ? statusName(run->status) : QStringLiteral("unknown")}}));
        socket->disconnectFromHost();
        return true;
    };
    sendJournal();
    if (endIfEnded())
        return;
    // Driven here: its live step events. Queued (or driven elsewhere): the journal as it changes — and live
    // events from the moment this server's worker claims it.
    const auto follow = [socket, runId, endIfEnded](Operation *op) {
        connect(op, &Operation::stepEvent, socket, [socket, runId](const pipeline::StepEvent &e) {
            if (e.runId == runId || e.runId.isEmpty())
                socket->write(sseEvent("step", stepEventJson(e)));
        });
        connect(op, &Operation::finished, socket, [endIfEnded] { endIfEnded(); });
    };
    if (QPointer<Operation> op = m_byRun.value(runId))
        return follow(op);
    auto *poll = new QTimer(socket);
    poll->setInterval(250);
    connect(poll, &QTimer::timeout, socket, [this, runId, poll, sendJournal, endIfEnded, follow] {
        sendJournal();
        if (endIfEnded())
            return poll->stop();
        if (QPointer<Operation> op = m_byRun.value(runId)) {
            poll->stop();
            follow(op);
        }
    });
    poll->start();
}

QByteArray ApiServer::metrics()
{
    QByteArray out;
    const auto label = [](const QString &v) {
        QString e = v;
        e.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\"")).replace(QLatin1Char('\n'), QLatin1String("\\n"));
        return e.toUtf8();
    };
    out += "# HELP orgconsole_runs Provisioning runs in the database, by kind and status.\n# TYPE orgconsole_runs gauge\n";
    if (auto counts = m_services.store.runs().countsByKindAndStatus()) {
        for (const auto &c : counts.value())
            out += "orgconsole_runs{kind=\"" + label(c.kind) + "\",status=\"" + label(c.status) + "\"} " + QByteArray::number(c.count) + '\n';
    }
    static const QList<qint64> bounds{500, 1000, 2000, 5000, 10000, 20000, 30000, 60000, 120000};
    out += "# HELP orgconsole_setup_time_seconds From a run's start to its pivot (the saved configuration), succeeded runs.\n"
           "# TYPE orgconsole_setup_time_seconds histogram\n";
    if (auto times = m_services.store.runs().setupTimes(bounds)) {
        for (int i = 0; i < bounds.size(); ++i)
            out += "orgconsole_setup_time_seconds_bucket{le=\"" + QByteArray::number(double(bounds[i]) / 1000.0) + "\"} "
                   + QByteArray::number(times->atMost.value(i)) + '\n';
        out += "orgconsole_setup_time_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(times->count) + '\n';
        out += "orgconsole_setup_time_seconds_sum " + QByteArray::number(double(times->sumMs) / 1000.0) + '\n';
        out += "orgconsole_setup_time_seconds_count " + QByteArray::number(times->count) + '\n';
    }
    const QList<CallStats::Row> calls = CallStats::instance().snapshot();
    out += "# HELP orgconsole_vendor_requests_total Vendor HTTP requests this process made (retries included), by endpoint and status (0: no answer).\n"
           "# TYPE orgconsole_vendor_requests_total counter\n";
    for (const auto &r : calls)
        out += "orgconsole_vendor_requests_total{host=\"" + label(r.host) + "\",method=\"" + label(r.method) + "\",endpoint=\""
               + label(r.endpoint) + "\",status=\"" + QByteArray::number(r.status) + "\"} " + QByteArray::number(r.count) + '\n';
    out += "# HELP orgconsole_vendor_errors_total Vendor HTTP requests that failed (no answer, or 4xx/5xx), by endpoint.\n"
           "# TYPE orgconsole_vendor_errors_total counter\n";
    std::map<std::tuple<QString, QString, QString>, quint64> errors;
    for (const auto &r : calls) {
        if (r.status == 0 || r.status >= 400)
            errors[{r.host, r.method, r.endpoint}] += r.count;
    }
    for (const auto &[key, count] : errors)
        out += "orgconsole_vendor_errors_total{host=\"" + label(std::get<0>(key)) + "\",method=\"" + label(std::get<1>(key)) + "\",endpoint=\""
               + label(std::get<2>(key)) + "\"} " + QByteArray::number(count) + '\n';
    out += "# HELP orgconsole_api_responses_total Answers of this service, by HTTP status.\n# TYPE orgconsole_api_responses_total counter\n";
    for (const auto &[status, count] : m_answered)
        out += "orgconsole_api_responses_total{status=\"" + QByteArray::number(status) + "\"} " + QByteArray::number(count) + '\n';
    out += "# HELP orgconsole_api_setups_running Setups this service is driving now.\n# TYPE orgconsole_api_setups_running gauge\n";
    out += "orgconsole_api_setups_running " + QByteArray::number(m_running.size()) + '\n';
    return out;
}

} // namespace oc::service
