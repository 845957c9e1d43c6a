#pragma once

#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/vendorcalls.h"

#include <QHash>

#include <map>
#include <optional>
#include <memory>

namespace oc {

class NumberPrices;
class RunSession;

// The orphan sweep (DESIGN §2.3): numbers and assistants at the providers that carry our tags — and VAPI
// phone-numbers pointing at them — that no configuration and no live run references: neither by its tag nor
// by any id in a live run's journal (a retry's adopted resources keep the old run's tag). Lists them with age
// and cost; releases them only when asked (the caller confirms first). Releasing writes an audit record.
// Before it releases anything of an organization it holds that organization's one live run (kind "orphans"),
// so a retry that would take the resource over and the release exclude each other: whichever holds the
// organization first goes on, the other skips it (or is refused with "AI setup already in progress").
class OrphanSweep : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrphanSweep)

public:
    OrphanSweep(ProvisioningServices &services, bool release, QString actor, QObject *parent = nullptr);

    // Only what this (ended) run left behind — carrying its tags, or recorded by id in its journal (a resource
    // it took over from an earlier run keeps that run's tags): how retry and cleanup clean up after a run
    // that needs attention.
    void restrictToRuns(const QStringList &runIds) { m_onlyRunIds = runIds; }
    // Only these ids, exactly (what the user confirmed in a list): anything else is left alone, and an id that
    // is no longer an orphan when the release starts (a run took it over meanwhile) is skipped.
    void restrictToIds(const QStringList &ids) { m_onlyIds = ids; }
    // Never these ids (what a retry takes over from the run being swept).
    void spare(const QStringList &ids) { m_spared = ids; }
    // The caller already holds this organization's one live run (a retry sweeping what its last run left):
    // its resources are released under that hold.
    void holdingOrganization(qint64 organizationId) { m_heldOrganization = organizationId; }
    ~OrphanSweep() override;

    // Answers {"success", "orphans": [{kind, id, name, runId, role?, ageDays, country?, monthlyCostUsd?, priceError?,
    // released?, error?}], "monthlyCostUsd", "message"?}. A number's monthly cost is its country's local price from
    // Twilio Pricing v1 through the services' price cache (the same prices as the costs report).
    void start() override;

    struct Orphan {
        QString kind; // number | assistant | vapi_phone_number
        QString id;
        QString name;
        QString runId;
        QString role; // assistants: inbound | outbound
        QDateTime createdAt;
        bool released = false;
        bool skipped = false; // referenced again when its turn came
        QString error;
        QString country;                    // numbers: the ISO country of the number
        std::optional<double> monthlyCost;  // numbers: its country's local price (Twilio Pricing, cached), when known
    };
    // What it found (and, releasing, what became of each).
    const QList<Orphan> &orphans() const { return m_orphans; }

private:
    void listNumbers();
    void listAssistants();
    void listPhoneNumbers();
    void classify();
    void priceNumbers();
    void releaseNext();
    bool stillReferenced(const QString &id, const QString &name) const;
    // Holds the organization whose run tagged `runId` (once per organization); false with `why` when another
    // process holds it. True when the resource belongs to no known organization.
    bool holdOrganizationOf(const QString &runId, QString *why);
    void releaseHolds();
    void finish(bool ok, const QString &error = {});
    QJsonObject answer(bool ok, const QString &error) const;

    ProvisioningServices &m_services;
    bool m_release;
    QString m_actor;
    QStringList m_onlyRunIds;
    QStringList m_onlyIds;
    QStringList m_spared;
    qint64 m_heldOrganization = 0;
    std::map<qint64, std::unique_ptr<RunSession>> m_holds;
    QHash<QString, qint64> m_organizationOfRun;
    QList<IncomingNumber> m_numbers;
    QList<VapiAssistant> m_assistants;
    QList<VapiPhoneNumber> m_phoneNumbers;
    QList<Orphan> m_orphans;
    int m_releaseIndex = 0;
    QHash<QString, QString> m_priceErrors;
    std::unique_ptr<NumberPrices> m_prices;
    VendorCalls m_calls; // last: destroyed first, before what its callbacks use
};

} // namespace oc
