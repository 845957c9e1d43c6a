#pragma once

#include "sandbox/httpexchange.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxstate.h"
#include "sandbox/twilionumberpool.h"

#include <optional>

namespace oc::sandbox {

// Twilio REST 2010-04-01, the part the console uses: search, buy, release, look up incoming numbers.
// Paths, Basic auth, form encoding, status codes and error bodies ({code, message, more_info, status}) as Twilio.
class TwilioEmulator
{
public:
    TwilioEmulator(SandboxState &state, const SandboxConfig &config);

    // Absolute base for the list `uri` fields (the spec declares them `format: uri`).
    void setBaseUrl(const QString &base) { m_base = base; }

    static bool ownsPath(const QString &path) { return path.startsWith(QLatin1String("/2010-04-01/")); }
    // The fault-plan endpoint name of a call, or empty when no such route exists.
    QString route(const HttpCall &call) const;
    // 401/20003 when Basic credentials are missing or wrong; nothing when they are right.
    std::optional<HttpReply> authenticate(const HttpCall &call) const;
    // Serves a routed, authenticated call and applies its effect.
    HttpReply handle(const QString &endpoint, const HttpCall &call);

    static HttpReply error(int httpStatus, int code, const QString &message);
    // The `echo` fault (FaultPlan): 400/20003 repeating the Basic credentials, in the message and bare in `detail`.
    static HttpReply echoError(const HttpCall &call);

private:
    HttpReply search(const HttpCall &call, const QString &country);
    HttpReply buy(const HttpCall &call);
    HttpReply release(const QString &sid, const HttpCall &call);
    HttpReply lookupOne(const QString &sid, const HttpCall &call);
    HttpReply lookupList(const HttpCall &call);
    QJsonObject numberJson(const SandboxState::OwnedNumber &n) const;
    QString accountPath() const;

    SandboxState &m_state;
    const SandboxConfig &m_config;
    TwilioNumberPool m_pool;
    QString m_base;
};

} // namespace oc::sandbox
