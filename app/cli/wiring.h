#pragma once

#include "net/networkpool.h"
#include "pipeline/calllimiter.h"
#include "provisioning/provisioningcontext.h"
#include "util/result.h"

#include <QNetworkAccessManager>
#include <QProcessEnvironment>

#include <memory>

namespace oc {
class Mailer;
class Store;
class TwilioClient;
class VapiClient;
}

namespace oc::cli {

// orgctl's composition root for provisioning: clients, mailer and services from the environment and the
// settings (DESIGN §5). Missing credentials fail with the seed's messages.
class Wiring
{
public:
    // Vendor calls in flight at once across every operation of the process (the console's default too).
    static constexpr int kConcurrentVendorCalls = 8;
    ~Wiring();
    static Result<std::unique_ptr<Wiring>> create(Store &store, const QProcessEnvironment &env);
    // Placeholder services for a console that is not configured yet: the settings' endpoints, no credentials,
    // no mailer. Enough to list the steps a run has and to read the store; the engine starts nothing on them.
    static std::unique_ptr<Wiring> unconfigured(Store &store, const QProcessEnvironment &env);

    ProvisioningServices &services() { return *m_services; }
    TwilioClient &twilio() { return *m_twilio; }
    NetworkPool &networkPool() { return *m_pool; }
    VapiClient &vapi() { return *m_vapi; }

private:
    Wiring() = default;
    // The vendor clients' managers (settings network/poolSize, ORGCONSOLE_NETWORK_POOL_SIZE).
    std::unique_ptr<NetworkPool> m_pool;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<VapiClient> m_vapi;
    std::unique_ptr<Mailer> m_mailer;
    // The process's one limit on concurrent vendor calls: every operation goes through it.
    std::unique_ptr<pipeline::CallLimiter> m_limiter;
    std::unique_ptr<ProvisioningServices> m_services;
};

} // namespace oc::cli
