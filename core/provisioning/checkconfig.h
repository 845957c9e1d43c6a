#pragma once

#include "provisioning/compliancechoice.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/vendorcalls.h"

namespace oc {

class ComplianceCheck;

// check-config (DESIGN §2.4): verifies the database, the Twilio and VAPI credentials and endpoints with
// read-only calls, and that the SMTP settings are usable. Buys, creates and sends nothing.
class CheckConfig : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckConfig)

public:
    CheckConfig(ProvisioningServices &services, QString smtpProblem, QObject *parent = nullptr);
    ~CheckConfig() override;

    // Before start(): also report what an approval in `isoCountry` would buy with (ComplianceCheck), as the check
    // "compliance": {ok, detail, country, required, bundle, address, …}.
    void setCountry(const QString &isoCountry, ComplianceRequest request = {});
    // Answers {"success", "checks": {"database": {ok, detail}, "twilio": …, "vapi": …, "smtp": …}}.
    void start() override;

private:
    void checkTwilio();
    void checkVapi();
    void checkCompliance();
    void record(const QString &name, bool ok, const QString &detail);
    void finish();

    ProvisioningServices &m_services;
    QString m_smtpProblem;
    QJsonObject m_checks;
    bool m_ok = true;
    QString m_error;
    QString m_country;
    ComplianceRequest m_complianceRequest;
    std::unique_ptr<ComplianceCheck> m_compliance;
    VendorCalls m_calls; // last: destroyed first, before what its callbacks use
};

} // namespace oc
