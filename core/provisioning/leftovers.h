#pragma once

#include "net/typedcall.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/vendorcalls.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace oc {

// What an ended run left at the vendors that a new run takes over instead of creating it again (retry,
// DESIGN §2.4: "resume from the failed step when the earlier outputs are still valid").
struct AdoptedResources {
    QString fromRunId;
    std::optional<IncomingNumber> number;
    std::optional<VapiAssistant> inbound;
    std::optional<VapiAssistant> outbound;
    std::optional<VapiPhoneNumber> vapiNumber; // only with the number and the inbound assistant it points at

    bool isEmpty() const { return !number && !inbound && !outbound && !vapiNumber; }
    // Every external id: what a sweep of the old run's leftovers must spare.
    QStringList ids() const;
    // The recipe steps these resources stand for (search_number comes with the number).
    QStringList steps() const;
};

// Checks, by lookups that change nothing, which resources an ended run's journal records still exist and
// are that run's own: the number by its PhoneNumber (same sid, or our tag when the purchase was ambiguous),
// each assistant by its id, the VAPI phone-number by its id on that number and inbound assistant. What a
// lookup cannot confirm (an error, a gone resource) is not adopted: the sweep removes it.
class LeftoverCheck : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LeftoverCheck)

public:
    LeftoverCheck(ProvisioningServices &services, QString runId, QObject *parent = nullptr);
    ~LeftoverCheck() override;

    void start();
    const AdoptedResources &result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    void checkNumber();
    void checkAssistant(bool inbound);
    void checkVapiNumber();
    void finish();

    ProvisioningServices &m_services;
    QString m_runId;
    QHash<QString, RunStep> m_steps;
    AdoptedResources m_result;
    VendorCalls m_calls; // last: destroyed first, before what its callbacks use
};

} // namespace oc
