#pragma once

#include "provisioning/provisioningcontext.h"

#include <QJsonArray>
#include <QObject>

#include <memory>

namespace oc {

namespace pipeline {
class PipelineRunner;
}
class ApproveOperation;
class RunSession;

// recover (DESIGN §2.3): every run left running or compensating whose lease is free — expired by the database's
// clock, or held by a process of this host that is gone — is claimed (compare-and-swap on the owner and epoch
// read: of two recoverers one wins, the other skips it) and driven to an end from its journal, under its
// lease: past the pivot it is complete; an approve or retry interrupted before it is finished — what still
// exists (checked by lookup) is kept, the rest done again (ApproveOperation::resume) — and rolled back only if
// it cannot be; a run that was already rolling back is rolled back: everything the journal shows as intended,
// unknown or done is undone (each undo looks its resource up by tag first). A run whose undo fails ends
// needs_attention, listing what is left.
class RecoverOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoverOperation)

public:
    RecoverOperation(ProvisioningServices &services, QString actor, QObject *parent = nullptr);
    ~RecoverOperation() override;

    void start();
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_ok; }
    // {"success", "recovered": [{runId, organizationId, outcome, leftovers}], "skipped": [{runId, reason}]}
    QJsonObject result() const;
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void next();
    void recoverRun(const ProvisioningRun &run);
    void skip(const QString &runId, const QString &reason);
    void resumeRun();
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
    QJsonArray m_recovered;
    QJsonArray m_skipped;
    bool m_finished = false;
    bool m_ok = false;
    QString m_error;
};

} // namespace oc
