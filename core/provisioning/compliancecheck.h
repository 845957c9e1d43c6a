#pragma once

#include "provisioning/compliancechoice.h"
#include "provisioning/vendorcalls.h"
#include "util/result.h"

#include <QObject>

#include <optional>

namespace oc {

struct ProvisioningServices;

// Before anything is bought in a country outside NANP: what Twilio requires there (numbers v2 Regulations for
// local numbers and business end-users), which approved bundle and which address the purchase will carry —
// the ones asked for, else the country's defaults from the settings, else the first that fits — or why it
// cannot be bought ("no approved bundle for Germany — …"). Read-only calls. Ends exactly once with finished().
class ComplianceCheck : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComplianceCheck)

public:
    ComplianceCheck(ProvisioningServices &services, QString isoCountry, ComplianceRequest request, QObject *parent = nullptr);
    ~ComplianceCheck() override;

    // Why it failed, for a caller that words it itself (the console, translated).
    enum class Failure { None, NoBundle, NoAddress, UnknownAddress, Unavailable };

    void start();
    bool isFinished() const { return m_result.has_value(); }
    // Only once finished.
    const Result<ComplianceChoice> &result() const { return *m_result; }
    Failure failure() const { return m_failure; }
    static QString failureName(Failure failure); // "noBundle", "noAddress", "unknownAddress", "unavailable", ""

    // "no approved bundle for Germany — create one in Twilio's console (Regulatory Compliance), then press Refresh"
    static QString noBundleMessage(const QString &isoCountry);

Q_SIGNALS:
    void finished();

private:
    void readBundles();
    void readAddresses();
    void pickBundle(const QList<RegulatoryBundle> &approved);
    void pickAddress(const QList<TwilioAddress> &addresses);
    void succeed();
    void fail(const Error &error, Failure why);

    ProvisioningServices &m_services;
    ComplianceChoice m_choice;
    ComplianceRequest m_request;
    QString m_defaultBundle;  // the settings' default for the country, when none was asked for
    QString m_defaultAddress;
    std::optional<Result<ComplianceChoice>> m_result;
    Failure m_failure = Failure::None;
    VendorCalls m_calls; // last: destroyed first, before what its callbacks use
};

} // namespace oc
