#pragma once

#include "domain/provisioningrun.h"
#include "store/database.h"
#include "util/result.h"

#include <QList>
#include <QSet>

#include <optional>

namespace oc {

// The provisioning journal: runs, their steps, and the leases that say which console drives a run.
class RunRepository
{
public:
    explicit RunRepository(Database &db) : m_db(db) {}

    // Conflict ("already in progress") when the organization has a live run. With a lease owner, the run starts
    // claimed by it at epoch 1, its lease expiring `leaseMs` from now by the database's clock.
    Result<LeaseFence> create(const ProvisioningRun &run, qint64 leaseMs = 60000);
    Result<ProvisioningRun> find(const QString &id);
    Result<QList<ProvisioningRun>> forOrganization(qint64 organizationId);
    Result<QList<ProvisioningRun>> withStatus(const QList<RunStatus> &statuses);
    // Ends or moves a run without a lease check: for seeding history (demo data, tests) only.
    Result<void> updateOutcome(const ProvisioningRun &run);
    // The same, fenced: only while `fence` still holds the run (Error::Kind::Fenced otherwise). With
    // `releaseLease` the lease is given up in the same statement.
    Result<void> updateOutcome(const ProvisioningRun &run, const LeaseFence &fence, bool releaseLease = true);

    // The lease as the database sees it now: who holds it, at which epoch, and whether it has expired by the
    // database's clock.
    struct LeaseState {
        QString owner;
        qint64 epoch = 0;
        bool expired = true;
    };
    Result<LeaseState> leaseState(const QString &runId);
    // Compare-and-swap: takes the run for `owner` (epoch + 1, expiring `leaseMs` from now by the database's
    // clock) only while it still has `observed`'s owner and epoch — and, with `requireExpired`, only when that
    // lease has expired by the database's clock. Of two processes racing, exactly one gets a fence.
    Result<std::optional<LeaseFence>> claimLease(const QString &runId, const QString &owner, const LeaseState &observed,
                                                 qint64 leaseMs, bool requireExpired);
    // Extends the lease while `fence` still holds it; false when it was lost.
    Result<bool> renewLease(const LeaseFence &fence, qint64 leaseMs);
    Result<void> releaseLease(const LeaseFence &fence);

    // Inserts or replaces the journal line of one step, only while `fence` holds the run (Fenced otherwise).
    Result<void> saveStep(const RunStep &step, const LeaseFence &fence);
    // What the run was asked and chose (ProvisioningRun::params), written by the lease's holder only.
    Result<void> setParams(const QString &runId, const QJsonObject &params, const LeaseFence &fence);
    // An ended run that needed attention whose leftovers were removed or taken over: rolled_back, with `note`.
    // Conditional on it still needing attention; no lease (the run has ended).
    Result<void> markLeftoversResolved(const QString &runId, const QString &note);
    // Every external id a live run's journal holds (adopted resources included): what no sweep may touch.
    Result<QSet<QString>> idsHeldByLiveRuns();
    Result<QList<RunStep>> steps(const QString &runId);
    // How many runs there are of each kind and status (/metrics): one grouped index scan.
    struct Count {
        QString kind;
        QString status;
        qint64 count = 0;
    };
    Result<QList<Count>> countsByKindAndStatus();
    // Succeeded runs' setup times: how many took at most each bound (ms, ascending), their count and sum.
    struct SetupTimes {
        QList<qint64> atMost;
        qint64 count = 0;
        qint64 sumMs = 0;
    };
    Result<SetupTimes> setupTimes(const QList<qint64> &boundsMs);
    bool inTransaction() const { return m_db.inTransaction(); }

    // Team mode — the queue. A queued run waits, unowned and with nothing bought, until a worker claims it.
    // Conflict when the organization already has a queued or live run.
    Result<void> enqueue(const ProvisioningRun &run);
    // Takes the oldest queued run for `owner`: running, epoch + 1, leased `leaseMs` by the database's clock.
    // PostgreSQL: FOR UPDATE SKIP LOCKED, so workers never wait on each other; SQLite: one conditional update
    // (writers are serialized). Nothing queued: nullopt.
    struct Claimed {
        ProvisioningRun run;
        LeaseFence fence;
    };
    Result<std::optional<Claimed>> claimQueued(const QString &owner, qint64 leaseMs);
    // Ends a run that is still queued (canceled, with `reason`); false when it was claimed meanwhile.
    Result<bool> cancelQueued(const QString &runId, const QString &reason);
    // Asks a live run's owner to cancel it (it polls: cancelRequestsFor); false when the run is not live.
    Result<bool> requestCancel(const QString &runId, const QString &by);
    // The running runs `owner` holds that someone asked to cancel.
    Result<QStringList> cancelRequestsFor(const QString &owner);
    // The queue, oldest first, and the runs a console lists: every live run and the latest `recentLimit` others.
    Result<QList<ProvisioningRun>> queued(int limit = 1000);
    Result<qint64> queuedCount();
    Result<QList<ProvisioningRun>> liveAndRecent(int recentLimit);

private:
    Database &m_db;
};

} // namespace oc
