#pragma once

#include "sandbox/httpexchange.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxstate.h"
#include "sandbox/twilionumberpool.h"

#include <optional>

namespace oc::sandbox {

// Twilio REST 2010-04-01, the part the console uses: search, buy, release, look up incoming numbers, list
// addresses; and Numbers v2 Regulatory Compliance: regulations and bundles. Paths, Basic auth, form encoding,
// status codes and error bodies ({code, message, more_info, status}) as Twilio. Local numbers in DE, GB and AU are
// regulated: a purchase needs an approved bundle for the country (else 21649) and an address in it — in Germany
// in the number's city — (21631; 21613 when the account has no address at all).
class TwilioEmulator
{
public:
    TwilioEmulator(SandboxState &state, const SandboxConfig &config);

    // Absolute base for the list `uri` fields (the spec declares them `format: uri`).
    void setBaseUrl(const QString &base) { m_base = base; }

    static bool ownsPath(const QString &path)
    {
        return path.startsWith(QLatin1String("/2010-04-01/")) || path.startsWith(QLatin1String("/v2/RegulatoryCompliance/"))
            || path.startsWith(QLatin1String("/v1/PhoneNumbers/"));
    }
    // The fault-plan endpoint name of a call, or empty when no such route exists.
    QString route(const HttpCall &call) const;
    // 401/20003 when Basic credentials are missing or wrong; nothing when they are right.
    std::optional<HttpReply> authenticate(const HttpCall &call) const;
    // Serves a routed, authenticated call and applies its effect.
    HttpReply handle(const QString &endpoint, const HttpCall &call);

    static HttpReply error(int httpStatus, int code, const QString &message);
    // The `echo` fault (FaultPlan): 400/20003 repeating the Basic credentials, in the message and bare in `detail`.
    static HttpReply echoError(const HttpCall &call);

    // Pricing v1: the local (and toll-free) monthly prices the sandbox charges by country; empty when unknown.
    static std::optional<double> localPrice(const QString &isoCountry);

private:
    HttpReply pricing(const HttpCall &call);
    HttpReply search(const HttpCall &call, const QString &country);
    HttpReply buy(const HttpCall &call);
    // 21649, 21631 or 21613 when a regulated number's purchase lacks what Twilio requires; nothing when it is fine.
    std::optional<HttpReply> refuseUnlessCompliant(const QString &phone, const QString &country, const QString &bundleSid,
                                                   const QString &addressSid) const;
    HttpReply regulations(const HttpCall &call) const;
    HttpReply bundles(const HttpCall &call) const;
    HttpReply addresses(const HttpCall &call) const;
    // numbers v2 list envelope: {results, meta{page, page_size, first_page_url, previous_page_url, url, next_page_url, key}}.
    QJsonObject v2Page(const HttpCall &call, const QJsonArray &results, int pageSize) const;
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
