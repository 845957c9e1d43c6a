#include "requestdispatcher.h"

#include "sandbox/httpexchange.h"
#include "util/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <memory>

namespace oc::sandbox {

namespace {

HttpReply jsonReply(int status, const QJsonObject &body)
{
    return HttpReply(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

// Releases one in-flight slot exactly once: when answered, or when the client gives up on a hung request.
struct Slot {
    int *counter;
    bool released = false;
    void release()
    {
        if (!released) {
            released = true;
            --*counter;
        }
    }
};

} // namespace

RequestDispatcher::RequestDispatcher(SandboxConfig &config, SandboxState &state, QObject *parent)
    : QObject(parent), m_config(config), m_state(state), m_twilio(state, config), m_vapi(state, config)
{
    m_faults.add(config.faults);
}

int RequestDispatcher::latencyMs(const QString &endpoint) const
{
    if (m_config.profile == LatencyProfile::Fast)
        return 0;
    // The seed's per-step midpoints; everything else is a quick API call.
    int ms = 300;
    if (endpoint == QLatin1String("twilio.buy"))
        ms = 5500;
    else if (endpoint == QLatin1String("vapi.assistant.create"))
        ms = 7500;
    else if (endpoint == QLatin1String("vapi.phone.create"))
        ms = 3500;
    return qRound(ms * m_config.scale);
}

QJsonObject RequestDispatcher::ledger() const
{
    QJsonObject ledger = m_state.ledger();
    ledger.insert(QStringLiteral("inFlight"), m_inFlight);
    // What each endpoint costs in this profile: a benchmark computes the rate-limit bound from it.
    QJsonObject latency;
    for (const QString &endpoint : FaultPlan::endpoints())
        latency.insert(endpoint, latencyMs(endpoint));
    ledger.insert(QStringLiteral("latencyMs"), latency);
    ledger.insert(QStringLiteral("tooMany"), m_tooMany);
    return ledger;
}

HttpReply RequestDispatcher::tooMany(bool vapi) const
{
    HttpReply reply = vapi ? VapiEmulator::error(429, QStringLiteral("Too Many Requests"))
                           : TwilioEmulator::error(429, 20429, QStringLiteral("Too Many Requests"));
    reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    return reply;
}

void RequestDispatcher::dispatch(HttpCall call, QPointer<QTcpSocket> socket)
{
    if (call.path.startsWith(QLatin1String("/__sandbox/"))) {
        serveControl(call, socket);
        return;
    }
    const bool isTwilio = TwilioEmulator::ownsPath(call.path);
    const QString endpoint = isTwilio ? m_twilio.route(call) : m_vapi.route(call);
    if (endpoint.isEmpty()) {
        SandboxHttpServer::writeReply(socket, isTwilio ? TwilioEmulator::error(404, 20404, QStringLiteral("The requested resource %1 was not found").arg(call.path))
                                                       : VapiEmulator::error(404, QStringLiteral("Cannot %1 %2").arg(QString::fromLatin1(call.method), call.path)));
        return;
    }
    if (m_config.concurrencyLimit > 0 && m_inFlight >= m_config.concurrencyLimit) {
        ++m_tooMany;
        SandboxHttpServer::writeReply(socket, tooMany(!isTwilio));
        Q_EMIT requestServed(endpoint, 429);
        return;
    }
    if (auto denied = isTwilio ? m_twilio.authenticate(call) : m_vapi.authenticate(call)) {
        SandboxHttpServer::writeReply(socket, *denied);
        Q_EMIT requestServed(endpoint, denied->status);
        return;
    }
    m_state.countCall(endpoint);
    const std::optional<FaultRule> fault = m_faults.take(endpoint, call.path);
    if (fault)
        m_state.countFault(endpoint);
    ++m_inFlight;
    auto slot = std::make_shared<Slot>(Slot{&m_inFlight});
    if (socket) {
        connect(socket, &QTcpSocket::disconnected, this, [slot] { slot->release(); });
        connect(socket, &QObject::destroyed, this, [slot] { slot->release(); });
    }
    if (fault && fault->kind == FaultRule::Kind::Hang) {
        qCDebug(lcSandbox) << endpoint << "hangs (fault)";
        Q_EMIT requestServed(endpoint, 0);
        return;
    }
    const int delay = latencyMs(endpoint) + (fault && fault->kind == FaultRule::Kind::Delay ? fault->delayMs : 0);
    QTimer::singleShot(delay, this, [this, endpoint, call = std::move(call), fault, socket, slot] {
        slot->release();
        finish(endpoint, call, fault, socket);
    });
}

void RequestDispatcher::finish(const QString &endpoint, const HttpCall &call, const std::optional<FaultRule> &fault,
                               QPointer<QTcpSocket> socket)
{
    const bool isTwilio = TwilioEmulator::ownsPath(call.path);
    if (fault && fault->kind == FaultRule::Kind::Status) {
        const int code = fault->vendorCode ? fault->vendorCode : (fault->httpStatus == 429 ? 20429 : 20500);
        HttpReply reply = isTwilio ? TwilioEmulator::error(fault->httpStatus, code, QStringLiteral("Injected fault"))
                                   : VapiEmulator::error(fault->httpStatus, QStringLiteral("Injected fault"));
        if (fault->httpStatus == 429)
            reply.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
        SandboxHttpServer::writeReply(socket, reply);
        Q_EMIT requestServed(endpoint, reply.status);
        return;
    }
    if (fault && fault->kind == FaultRule::Kind::Echo) {
        const HttpReply reply = isTwilio ? TwilioEmulator::echoError(call) : VapiEmulator::echoError(endpoint, call);
        SandboxHttpServer::writeReply(socket, reply);
        Q_EMIT requestServed(endpoint, reply.status);
        return;
    }
    // The effect happens even when nobody is listening any more: that is what makes a timeout ambiguous.
    HttpReply reply = isTwilio ? m_twilio.handle(endpoint, call) : m_vapi.handle(endpoint, call);
    Q_EMIT stateChanged();
    if (fault && fault->kind == FaultRule::Kind::Resend)
        m_state.acceptNextDuplicate(endpoint);
    if (fault && (fault->kind == FaultRule::Kind::Reset || fault->kind == FaultRule::Kind::Resend)) {
        if (socket)
            socket->abort();
        Q_EMIT requestServed(endpoint, 0);
        return;
    }
    if (fault && fault->kind == FaultRule::Kind::Malformed) {
        reply.body = reply.body.isEmpty() ? QByteArray("{\"sid\": \"PN") : reply.body.left(qMax<qsizetype>(1, reply.body.size() / 2));
        if (reply.status == 204)
            reply.status = 200;
    }
    SandboxHttpServer::writeReply(socket, reply);
    Q_EMIT requestServed(endpoint, reply.status);
}

void RequestDispatcher::serveControl(const HttpCall &call, QTcpSocket *socket)
{
    if (call.path == QLatin1String("/__sandbox/ledger") && call.method == "GET") {
        SandboxHttpServer::writeReply(socket, jsonReply(200, ledger()));
        return;
    }
    if (call.path == QLatin1String("/__sandbox/faults") && (call.method == "POST" || call.method == "DELETE")) {
        // POST adds rules (the --faults text form as the body); DELETE clears them all.
        if (call.method == "DELETE") {
            m_faults.clear();
            SandboxHttpServer::writeReply(socket, HttpReply(204));
            return;
        }
        const auto rules = FaultPlan::parse(QString::fromUtf8(call.body));
        if (!rules) {
            SandboxHttpServer::writeReply(socket, jsonReply(400, {{QStringLiteral("message"), rules.error().message}}));
            return;
        }
        m_faults.add(rules.value());
        SandboxHttpServer::writeReply(socket, jsonReply(200, {{QStringLiteral("rules"), int(m_faults.rules().size())}}));
        return;
    }
    if (call.path == QLatin1String("/__sandbox/calls") && call.method == "POST") {
        // Seeds VAPI calls: a JSON array of {assistantId, cost?, createdAt?, id?, …} (or one such object).
        const QJsonDocument doc = QJsonDocument::fromJson(call.body);
        QJsonArray items = doc.isArray() ? doc.array() : QJsonArray();
        if (doc.isObject())
            items.append(doc.object());
        QJsonArray added;
        for (const QJsonValue &v : std::as_const(items)) {
            if (!v.isObject() || v.toObject().value(QLatin1String("assistantId")).toString().isEmpty()) {
                SandboxHttpServer::writeReply(socket, jsonReply(400, {{QStringLiteral("message"), QStringLiteral("each call needs an assistantId")}}));
                return;
            }
        }
        for (const QJsonValue &v : std::as_const(items))
            added.append(m_state.addCall(v.toObject()));
        Q_EMIT stateChanged();
        SandboxHttpServer::writeReply(socket, jsonReply(200, {{QStringLiteral("calls"), added}}));
        return;
    }
    SandboxHttpServer::writeReply(socket, jsonReply(404, {{QStringLiteral("message"), QStringLiteral("unknown control path")}}));
}

} // namespace oc::sandbox
