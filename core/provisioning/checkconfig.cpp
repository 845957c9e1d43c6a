#include "checkconfig.h"

#include "provisioning/compliancecheck.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QTimer>

namespace oc {

CheckConfig::CheckConfig(ProvisioningServices &services, QString smtpProblem, QObject *parent)
    : Operation(parent), m_services(services), m_smtpProblem(std::move(smtpProblem)), m_calls(services.limiter)
{
}

CheckConfig::~CheckConfig() = default;

void CheckConfig::setCountry(const QString &isoCountry, ComplianceRequest request)
{
    m_country = isoCountry.trimmed().toUpper();
    m_complianceRequest = std::move(request);
}

void CheckConfig::start()
{
    QTimer::singleShot(0, this, [this] {
        auto count = m_services.store.organizations().count({});
        record(QStringLiteral("database"), count.ok(),
               count ? QStringLiteral("%1 (%2 organizations)").arg(m_services.store.database().url().toDisplayString()).arg(count.value())
                     : count.error().message);
        checkTwilio();
    });
}

void CheckConfig::checkTwilio()
{
    // A lookup of a number nobody owns: proves endpoint and credentials, changes nothing.
    m_calls.call<std::optional<IncomingNumber>>([this] { return m_services.twilio.findOwnedNumber(QStringLiteral("+15005550000")); },
                                                [this](const TypedCall<std::optional<IncomingNumber>> &call) {
        record(QStringLiteral("twilio"), call.ok(),
               call.ok() ? QStringLiteral("account %1 answers").arg(m_services.twilioAccountSid) : call.error().describe());
        checkVapi();
    });
}

void CheckConfig::checkVapi()
{
    m_calls.call<QList<VapiAssistant>>([this] { return m_services.vapi.listAssistants({}, 1); }, [this](const TypedCall<QList<VapiAssistant>> &call) {
        record(QStringLiteral("vapi"), call.ok(), call.ok() ? QStringLiteral("the API key is accepted") : call.error().describe());
        if (!m_services.mailer)
            record(QStringLiteral("smtp"), false, m_smtpProblem.isEmpty() ? QStringLiteral("SMTP_URL is not set: owners will not be e-mailed")
                                                                          : m_smtpProblem);
        else
            record(QStringLiteral("smtp"), true, QStringLiteral("configured (not contacted: checking would need a login)"));
        checkCompliance();
    });
}

void CheckConfig::checkCompliance()
{
    if (m_country.isEmpty())
        return finish();
    m_compliance = std::make_unique<ComplianceCheck>(m_services, m_country, m_complianceRequest);
    connect(m_compliance.get(), &ComplianceCheck::finished, this, [this] {
        const Result<ComplianceChoice> result = m_compliance->result();
        m_compliance.release()->deleteLater();
        if (!result) {
            record(QStringLiteral("compliance"), false, result.error().message);
            m_checks.insert(QStringLiteral("compliance"), QJsonObject{{QStringLiteral("ok"), false},
                                                                      {QStringLiteral("detail"), result.error().message},
                                                                      {QStringLiteral("country"), m_country}});
            return finish();
        }
        QJsonObject check = result->toJson();
        check.insert(QStringLiteral("ok"), true);
        check.insert(QStringLiteral("detail"), result->summary());
        m_checks.insert(QStringLiteral("compliance"), check);
        finish();
    });
    m_compliance->start();
}

void CheckConfig::record(const QString &name, bool ok, const QString &detail)
{
    m_checks.insert(name, QJsonObject{{QStringLiteral("ok"), ok}, {QStringLiteral("detail"), detail}});
    if (!ok) {
        m_ok = false;
        m_error += (m_error.isEmpty() ? QString() : QStringLiteral("; ")) + name + QStringLiteral(": ") + detail;
    }
}

void CheckConfig::finish()
{
    OperationOutcome outcome;
    outcome.result = m_ok ? OperationOutcome::Result::Succeeded : OperationOutcome::Result::Failed;
    outcome.error = m_error;
    outcome.answer = QJsonObject{{QStringLiteral("success"), m_ok}, {QStringLiteral("checks"), m_checks}};
    conclude(outcome);
}

} // namespace oc
