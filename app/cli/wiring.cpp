#include "wiring.h"

#include "util/redactor.h"

#include "mail/mailer.h"
#include "settings/settings.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QSettings>

namespace oc::cli {

Wiring::~Wiring() = default;

Result<std::unique_ptr<Wiring>> Wiring::create(Store &store, const QProcessEnvironment &env)
{
    QSettings stored;
    const EffectiveConfig config = Settings::resolve(Settings(stored), env);
    const QString sid = config.twilioAccountSid;
    const QString token = env.value(QStringLiteral("TWILIO_AUTH_TOKEN"));
    const QString vapiKey = env.value(QStringLiteral("VAPI_API_KEY"));
    if (sid.isEmpty() || token.isEmpty())
        return Error::invalid(QStringLiteral("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN environment variables are required"));
    if (vapiKey.isEmpty())
        return Error::invalid(QStringLiteral("VAPI_API_KEY environment variable is required"));

    // Scrubbed by value from every error text before it is stored, logged, shown, exported or mailed: a vendor
    // that echoes a credential in prose passes every pattern rule.
    for (const QString &secret : {token, vapiKey, env.value(QStringLiteral("SMTP_PASSWORD"))})
        Redactor::addSecretValue(secret);

    std::unique_ptr<Wiring> w(new Wiring);
    w->m_pool = std::make_unique<NetworkPool>(config.networkPoolSize);
    w->m_twilio = std::make_unique<TwilioClient>(
        *w->m_pool, TwilioConfig{config.twilioApiBase, sid, token, RetryPolicy(), config.twilioNumbersApiBase, config.twilioPricingApiBase});
    w->m_vapi = std::make_unique<VapiClient>(*w->m_pool, VapiConfig{config.vapiApiBase, vapiKey, RetryPolicy()});
    if (config.smtpUrl.isValid() && !config.smtpUrl.isEmpty()) {
        SmtpConfig smtp{config.smtpUrl, config.smtpUser, env.value(QStringLiteral("SMTP_PASSWORD")), config.smtpCaFile};
        if (const QString problem = smtp.problem(); !problem.isEmpty())
            return Error::invalid(QStringLiteral("SMTP settings: %1").arg(problem));
        w->m_mailer = std::make_unique<Mailer>(smtp);
    }
    AssistantTemplate assistantTemplate;
    if (const QString path = env.value(QStringLiteral("ORGCONSOLE_ASSISTANT_TEMPLATE")); !path.isEmpty()) {
        auto loaded = AssistantTemplate::load(path);
        if (!loaded)
            return loaded.error();
        assistantTemplate = loaded.value();
    }
    EmailBranding branding{config.brandingCompanyName, config.brandingSupportContact, config.brandingLogoUrl};
    w->m_services.reset(new ProvisioningServices{store, *w->m_twilio, *w->m_vapi, w->m_mailer.get(), assistantTemplate, branding,
                                                 config.senderAddress, sid, token});
    w->m_services->leaseLength = std::chrono::seconds(config.leaseSeconds);
    for (auto it = config.complianceDefaults.cbegin(); it != config.complianceDefaults.cend(); ++it)
        w->m_services->complianceDefaults.insert(it.key(), ComplianceRequest{it->first, it->second});
    // A team shares the vendors' account limits: each worker gets its share (ORGCONSOLE_VENDOR_CALLS).
    int vendorCalls = kConcurrentVendorCalls;
    if (const QString calls = env.value(QStringLiteral("ORGCONSOLE_VENDOR_CALLS")); !calls.isEmpty()) {
        bool ok = false;
        vendorCalls = calls.toInt(&ok);
        if (!ok || vendorCalls < 1 || vendorCalls > 1000)
            return Error::invalid(QStringLiteral("ORGCONSOLE_VENDOR_CALLS must be a number of concurrent vendor calls from 1 to 1000"));
    }
    w->m_limiter = std::make_unique<pipeline::CallLimiter>(vendorCalls);
    w->m_services->limiter = w->m_limiter.get();
    if (const QString grace = env.value(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS")); !grace.isEmpty()) {
        bool ok = false;
        const qint64 ms = grace.toLongLong(&ok);
        if (!ok || ms < 0 || ms > 600000)
            return Error::invalid(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS must be a number of milliseconds from 0 to 600000"));
        w->m_services->lateCreateGrace = std::chrono::milliseconds(ms);
    }
    return w;
}

std::unique_ptr<Wiring> Wiring::unconfigured(Store &store, const QProcessEnvironment &env)
{
    QSettings stored;
    const EffectiveConfig config = Settings::resolve(Settings(stored), env);
    std::unique_ptr<Wiring> w(new Wiring);
    w->m_pool = std::make_unique<NetworkPool>(1);
    w->m_twilio = std::make_unique<TwilioClient>(
        *w->m_pool, TwilioConfig{config.twilioApiBase, QString(), QString(), RetryPolicy(), config.twilioNumbersApiBase, config.twilioPricingApiBase});
    w->m_vapi = std::make_unique<VapiClient>(*w->m_pool, VapiConfig{config.vapiApiBase, QString(), RetryPolicy()});
    w->m_services.reset(new ProvisioningServices{store, *w->m_twilio, *w->m_vapi, nullptr, AssistantTemplate(),
                                                 EmailBranding{config.brandingCompanyName, config.brandingSupportContact,
                                                               config.brandingLogoUrl},
                                                 config.senderAddress, QString(), QString()});
    w->m_limiter = std::make_unique<pipeline::CallLimiter>(1);
    w->m_services->limiter = w->m_limiter.get();
    return w;
}

} // namespace oc::cli
