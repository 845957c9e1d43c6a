#pragma once

#include "provisioning/provisioningcontext.h"
#include "sandbox/sandboxconfig.h"

#include <QNetworkAccessManager>

#include <memory>

namespace oc {
class Mailer;
class TwilioClient;
class VapiClient;
namespace sandbox {
class Sandbox;
}
}

namespace oc::test {

// A started sandbox and the real clients and mailer against it, as ProvisioningServices over `store` — what
// the provisioning, engine and console tests all need. Fast retries (3 s per attempt) keep faults quick.
class SandboxServices
{
public:
    ~SandboxServices();
    // Null (and `why` says why) when the sandbox cannot start.
    static std::unique_ptr<SandboxServices> start(Store &store, QString *why, sandbox::SandboxConfig config = {});

    sandbox::Sandbox &sandbox() { return *m_sandbox; }
    ProvisioningServices &services() { return *m_services; }
    // Resources of one kind the sandbox holds now: "numbers", "assistants" or "phoneNumbers".
    int ledgerCount(const char *kind) const;

private:
    SandboxServices() = default;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<VapiClient> m_vapi;
    std::unique_ptr<Mailer> m_mailer;
    std::unique_ptr<ProvisioningServices> m_services;
};

} // namespace oc::test
