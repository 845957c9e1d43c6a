#include "checkconfig.h"

#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QTimer>

namespace oc {

CheckConfig::CheckConfig(ProvisioningServices &services, QString smtpProblem, QObject *parent)
    : QObject(parent), m_services(services), m_smtpProblem(std::move(smtpProblem))
{
}

CheckConfig::~CheckConfig() = default;

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
    auto call = m_services.twilio.findOwnedNumber(QStringLiteral("+15005550000"));
    auto *raw = call.get();
    m_call = std::move(call);
    connect(raw, &ApiCall::finished, this, [this, raw] {
        record(QStringLiteral("twilio"), raw->ok(),
               raw->ok() ? QStringLiteral("account %1 answers").arg(m_services.twilioAccountSid) : raw->error().describe());
        m_call.release()->deleteLater();
        checkVapi();
    });
}

void CheckConfig::checkVapi()
{
    auto call = m_services.vapi.listAssistants({}, 1);
    auto *raw = call.get();
    m_call = std::move(call);
    connect(raw, &ApiCall::finished, this, [this, raw] {
        record(QStringLiteral("vapi"), raw->ok(), raw->ok() ? QStringLiteral("the API key is accepted") : raw->error().describe());
        m_call.release()->deleteLater();
        if (!m_services.mailer)
            record(QStringLiteral("smtp"), false, m_smtpProblem.isEmpty() ? QStringLiteral("SMTP_URL is not set: owners will not be e-mailed")
                                                                          : m_smtpProblem);
        else
            record(QStringLiteral("smtp"), true, QStringLiteral("configured (not contacted: checking would need a login)"));
        finish();
    });
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
    m_result = QJsonObject{{QStringLiteral("success"), m_ok}, {QStringLiteral("checks"), m_checks}};
    Q_EMIT finished();
}

} // namespace oc
