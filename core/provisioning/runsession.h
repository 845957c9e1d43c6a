#pragma once

#include "domain/auditrecord.h"
#include "domain/provisioningrun.h"
#include "pipeline/runlease.h"
#include "util/result.h"

#include <QObject>

#include <memory>

namespace oc {

struct ProvisioningServices;

// One operation's hold on one run (engine v2): the run row, its lease (renewed while held, fencing every
// write), and its end — outcome and audit record in one fenced transaction. Every operation that drives a run
// holds one; none writes the run's row or renews its lease itself.
class RunSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunSession)

public:
    // A new run, held by this process at epoch 1. Conflict when the organization already has a live run.
    static Result<std::unique_ptr<RunSession>> create(ProvisioningServices &services, ProvisioningRun run);

    // Takes over a live run when its lease is free — expired by the database's clock, or its holder certainly
    // gone from this host — by compare-and-swap on the owner and epoch just read: of two processes racing,
    // one gets the session, the other a null session and the reason.
    struct Claim {
        std::unique_ptr<RunSession> session;
        QString whyNot;
    };
    static Result<Claim> claim(ProvisioningServices &services, const QString &runId);
    // Takes the oldest queued run (team mode) for this process; a null session when nothing waits.
    static Result<std::unique_ptr<RunSession>> claimQueued(ProvisioningServices &services);

    ~RunSession() override;

    const ProvisioningRun &run() const { return m_run; }
    pipeline::RunLease &lease() { return *m_lease; }
    const LeaseFence &fence() const { return m_lease->fence(); }
    bool isLost() const { return m_lease->isLost(); }

    // Ends the run: `ended`'s status, error, … and `audit` committed together, only while the lease holds;
    // the lease is released with it. Fenced when it was lost (nothing is written then).
    Result<void> finish(ProvisioningRun ended, AuditRecord audit);
    // finish() for a run that ends without setup results: `status` and `error` (also the audit's detail),
    // audited as `action` by `actor`.
    Result<void> end(RunStatus status, const QString &error, const QString &actor, const QString &action);
    // Moves the run (e.g. running → compensating) while keeping the lease.
    Result<void> update(const ProvisioningRun &moved);
    // Gives the lease up without ending the run (SIGTERM: another process finishes it).
    void handBack();

Q_SIGNALS:
    // The lease was lost (a renewal or a fenced write found another owner): stop at once. Always queued, so
    // it never arrives inside the write that found out.
    void lost(const QString &message);
    // Someone asked, through the database, that this run be canceled (once; queued like lost()).
    void cancelRequested();

private:
    RunSession(ProvisioningServices &services, ProvisioningRun run, LeaseFence fence);

    ProvisioningServices &m_services;
    ProvisioningRun m_run;
    std::unique_ptr<pipeline::RunLease> m_lease;
};

} // namespace oc
