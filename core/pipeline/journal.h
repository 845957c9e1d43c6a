#pragma once

#include "domain/provisioningrun.h"
#include "store/runrepository.h"
#include "util/result.h"

#include <QHash>

namespace oc::pipeline {

// The run's journal (DESIGN §2.2): every external effect is bracketed by the store — intent committed
// before the call (with the lookup tag that will find the resource again), the result after it.
//
// Every line is fenced by the run's lease (RunLease): written only while this process still holds the run.
// A refused line marks the lease lost (RunLease::lost) and returns Error::Kind::Fenced; so does every later one.
class RunLease;

class Journal
{
public:
    Journal(RunRepository &runs, QString runId);

    const QString &runId() const { return m_runId; }
    // The lease that fences this journal's lines; without one every write is refused.
    void setLease(RunLease *lease) { m_lease = lease; }
    RunLease *lease() const { return m_lease; }

    Result<void> intent(const QString &step, const QString &lookupTag, int attempt);
    Result<void> done(const QString &step, const QString &externalId, const QString &detail = {});
    Result<void> failed(const QString &step, const QString &error);
    // Timeout, reset after sending, 5xx on a create: reconciled by lookup before anything is re-sent.
    Result<void> unknown(const QString &step, const QString &error);
    Result<void> skipped(const QString &step);
    Result<void> compensating(const QString &step);
    Result<void> compensated(const QString &step, const QString &detail = {});
    Result<void> compensationFailed(const QString &step, const QString &error);

    // Crash-test hook: with ORGCONSOLE_CRASH_AT=<step>:<status>[#N] the process is SIGKILLed right after that
    // journal line (its Nth in this process) is committed, so tests prove recovery from every journal point
    // (tst_crashrecovery, tst_rollout).
    static void crashPoint(const QString &step, StepStatus status);

    // What the journal says about a step (loads the run's steps on first use).
    std::optional<RunStep> step(const QString &name);
    Result<void> load();

private:
    Result<void> save(const QString &step, StepStatus status, const std::function<void(RunStep &)> &change);

    RunRepository &m_runs;
    RunLease *m_lease = nullptr;
    QString m_runId;
    QHash<QString, RunStep> m_steps;
    bool m_loaded = false;
};

} // namespace oc::pipeline
