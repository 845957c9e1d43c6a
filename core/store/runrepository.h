#pragma once

#include "domain/provisioningrun.h"
#include "store/database.h"
#include "util/result.h"

#include <QList>

namespace oc {

// The provisioning journal: runs, their steps, and the leases that say which console drives a run.
class RunRepository
{
public:
    explicit RunRepository(Database &db) : m_db(db) {}

    // Conflict ("already in progress") when the organization has a live run.
    Result<void> create(const ProvisioningRun &run);
    Result<ProvisioningRun> find(const QString &id);
    Result<QList<ProvisioningRun>> forOrganization(qint64 organizationId);
    Result<QList<ProvisioningRun>> withStatus(const QList<RunStatus> &statuses);
    // Ends or moves a run: status, finished_at, setup time, failed step and error.
    Result<void> updateOutcome(const ProvisioningRun &run);

    // Takes the run when it has no owner, its lease expired before `now`, or `owner` already holds it.
    // Returns false (not an error) when someone else holds a live lease.
    Result<bool> claimLease(const QString &runId, const QString &owner, const QDateTime &expiresAt, const QDateTime &now);
    // Extends a lease only while `owner` still holds it; false when it was lost.
    Result<bool> renewLease(const QString &runId, const QString &owner, const QDateTime &expiresAt);
    Result<void> releaseLease(const QString &runId, const QString &owner);

    // Inserts or replaces the journal line of one step.
    Result<void> saveStep(const RunStep &step);
    Result<QList<RunStep>> steps(const QString &runId);
    bool inTransaction() const { return m_db.inTransaction(); }

private:
    Database &m_db;
};

} // namespace oc
