#pragma once

#include "sandbox/faultplan.h"
#include "sandbox/httpexchange.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxstate.h"
#include "sandbox/twilioemulator.h"
#include "sandbox/vapiemulator.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace oc::sandbox {

// Decides what happens to each request: control paths, the concurrency limit, auth, the fault plan, the
// latency profile (a timer per request, so requests overlap), then the emulator's effect and the answer.
class RequestDispatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestDispatcher)

public:
    RequestDispatcher(SandboxConfig &config, SandboxState &state, QObject *parent = nullptr);

    void setBaseUrl(const QString &base) { m_twilio.setBaseUrl(base); }
    void dispatch(HttpCall call, QPointer<QTcpSocket> socket);

    FaultPlan &faults() { return m_faults; }
    int inFlight() const { return m_inFlight; }
    // Requests refused with 429 because the concurrency limit was reached (not counted as calls).
    qint64 tooManyCount() const { return m_tooMany; }
    int latencyMs(const QString &endpoint) const;
    // The state's ledger, with what is in flight, each endpoint's latency and the 429s.
    QJsonObject ledger() const;

Q_SIGNALS:
    // Once per request that reached an endpoint; status 0 = no response (hang or reset).
    void requestServed(const QString &endpoint, int status);
    void stateChanged();

private:
    void serveControl(const HttpCall &call, QTcpSocket *socket);
    void finish(const QString &endpoint, const HttpCall &call, const std::optional<FaultRule> &fault,
                QPointer<QTcpSocket> socket);
    HttpReply tooMany(bool vapi) const;

    SandboxConfig &m_config;
    SandboxState &m_state;
    TwilioEmulator m_twilio;
    VapiEmulator m_vapi;
    FaultPlan m_faults;
    int m_inFlight = 0;
    qint64 m_tooMany = 0;
};

} // namespace oc::sandbox
