#pragma once

#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <memory>

namespace oc {

namespace pipeline {
class PipelineRunner;
}
class ApproveOperation;
class CleanupOperation;
class RolloutOperation;
class RunSession;

// recover (DESIGN §2.3): every run left running or compensating whose lease is free — expired by the database's
// clock, or held by a process of this host that is gone — is claimed (compare-and-swap on the owner and epoch
// read: of two recoverers one wins, the other skips it) and driven to an end from its journal, under its
// lease: past the pivot it is complete; an approve or retry interrupted before it is finished — what still
// exists (checked by lookup) is kept, the rest done again (ApproveOperation::resume) — and rolled back only if
// it cannot be; a run that was already rolling back is rolled back: everything the journal shows as intended,
// unknown or done is undone (each undo looks its resource up by tag first). A run whose undo fails ends
// needs_attention, listing what is left.
class RecoverOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoverOperation)

public:
    RecoverOperation(ProvisioningServices &services, QString actor, QObject *parent = nullptr);
    ~RecoverOperation() override;

    // A run driven to an end.
    struct RecoveredRun {
        QString runId;
        qint64 organizationId = 0;
        RunStatus outcome = RunStatus::NeedsAttention;
        bool resumed = false; // finished forward rather than rolled back
        QStringList leftovers;
        QString error;
    };

    // Answers {"success", "recovered": [{runId, organizationId, outcome, leftovers, resumed?, error?}],
    // "skipped": [{runId, reason}]}.
    void start() override;
    const QList<RecoveredRun> &recovered() const { return m_recovered; }

private:
    void next();
    void recoverRun(const ProvisioningRun &run);
    void skip(const QString &runId, const QString &reason);
    void resumeRun();
    void resumeCleanup();
    void resumeRollout();
    void onRunEnded();
    void endRun(RunStatus status, const QStringList &leftovers);
    void finish(bool ok, const QString &error = {});

    ProvisioningServices &m_services;
    QString m_actor;
    QList<ProvisioningRun> m_queue;
    ProvisioningRun m_current;
    std::unique_ptr<RunSession> m_session;
    std::unique_ptr<ProvisioningContext> m_context;
    std::unique_ptr<pipeline::PipelineRunner> m_runner;
    std::unique_ptr<ApproveOperation> m_resume;
    std::unique_ptr<CleanupOperation> m_cleanup;
    std::unique_ptr<RolloutOperation> m_rollout;
    QList<RecoveredRun> m_recovered;
    QList<std::pair<QString, QString>> m_skipped; // run id, why

};

} // namespace oc
