#include "sandboxservices.h"

#include "mail/mailer.h"
#include "sandbox/sandbox.h"
#include "sandboxenvironment.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>

namespace oc::test {

SandboxServices::~SandboxServices()
{
    m_services.reset();
    m_mailer.reset();
    m_twilio.reset();
    m_vapi.reset();
    m_nam.reset();
    m_sandbox.reset();
}

std::unique_ptr<SandboxServices> SandboxServices::start(Store &store, QString *why, sandbox::SandboxConfig config)
{
    std::unique_ptr<SandboxServices> s(new SandboxServices);
    s->m_sandbox = std::make_unique<sandbox::Sandbox>(std::move(config));
    if (auto started = s->m_sandbox->start(); !started) {
        if (why)
            *why = started.error().message;
        return nullptr;
    }
    s->m_nam = std::make_unique<QNetworkAccessManager>();
    const auto &cred = s->m_sandbox->credentials();
    s->m_twilio = std::make_unique<TwilioClient>(*s->m_nam, TwilioConfig{s->m_sandbox->twilioBaseUrl(), cred.twilioAccountSid,
                                                                        cred.twilioAuthToken, fastRetryPolicy(3000),
                                                                        s->m_sandbox->twilioNumbersBaseUrl(),
                                                                        s->m_sandbox->twilioPricingBaseUrl()});
    s->m_vapi = std::make_unique<VapiClient>(*s->m_nam, VapiConfig{s->m_sandbox->vapiBaseUrl(), cred.vapiApiKey, fastRetryPolicy(3000)});
    s->m_mailer = std::make_unique<Mailer>(SmtpConfig{s->m_sandbox->smtpUrl(), cred.smtpUser, cred.smtpPassword, s->m_sandbox->caFile()});
    s->m_services.reset(new ProvisioningServices{store, *s->m_twilio, *s->m_vapi, s->m_mailer.get(), AssistantTemplate{},
                                                 EmailBranding{QStringLiteral("Acme Voice"), QStringLiteral("support@acme.example"), {}},
                                                 QStringLiteral("noreply@acme.example"), cred.twilioAccountSid, cred.twilioAuthToken});
    // The sandbox applies a create when it answers: nothing lands late unless a test makes it.
    s->m_services->lateCreateGrace = std::chrono::milliseconds(300);
    return s;
}

int SandboxServices::ledgerCount(const char *kind) const
{
    return int(m_sandbox->ledger().value(QLatin1String(kind)).toArray().size());
}

} // namespace oc::test
