#pragma once

#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/vendorcalls.h"

#include <memory>
#include <optional>

namespace oc {

namespace pipeline {
class PipelineRunner;
}
class RunSession;

// Brings one organization's two assistants to an assistant template version (issue 13; the seed's "deploy
// configuration updates to existing assistants"): a run of kind "rollout" (rolloutsteps.h) — journaled, fenced by
// its lease, paced by the shared vendor-call limit, cancelable (a cancel puts back what it had changed), finished
// by `orgctl recover` after a crash. A rollout to an earlier version is the rollback: the same recipe.
// An organization already at the version is left alone ("unchanged"); without a complete, active setup it is
// refused. A dry run changes nothing: it reads both assistants and answers what would change.
// Answers {"success", "organizationId", "toVersion", "fromVersion", "status": succeeded | rolled_back |
// needs_attention | canceled | unchanged | dry_run, "runId"?, "changes"?: {inbound: [keys], outbound: [keys]},
// "error"?, "leftovers"?}.
class RolloutOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutOperation)

public:
    RolloutOperation(ProvisioningServices &services, qint64 organizationId, qint64 version, QString actor, bool dryRun = false,
                     QObject *parent = nullptr);
    ~RolloutOperation() override;

    // Its steps (name, title) in order, as a rollout run shows them before they start.
    static QList<std::pair<QString, QString>> steps(ProvisioningServices &services);

    void start() override;
    // Instead of start(): finishes the interrupted rollout `session` holds (recover) from its journal — forward,
    // or, if it was rolling back, back.
    void resume(std::unique_ptr<RunSession> session);
    bool isCancelable() const override { return !m_dryRun; }
    void cancel() override;
    void handBack() override;

    qint64 organizationId() const { return m_organizationId; }
    qint64 version() const { return m_version; }

private:
    void begin();
    bool prepare(); // org, configuration, template: false when it finished instead
    void dryRun();
    void startRunner(bool rollBack);
    void onRunFinished();
    void finish(const QString &status, const QString &error = {}, Error::Kind kind = Error::Kind::Other);
    void finishFenced();

    ProvisioningServices &m_services;
    qint64 m_organizationId;
    qint64 m_version;
    QString m_actor;
    bool m_dryRun;
    bool m_resumed = false;
    bool m_cancelRequested = false;
    qint64 m_fromVersion = 0;
    std::optional<Organization> m_org;
    std::optional<AiConfig> m_config;
    std::optional<AssistantTemplateVersion> m_template;
    std::unique_ptr<RunSession> m_session;
    std::unique_ptr<ProvisioningContext> m_context;
    std::unique_ptr<pipeline::PipelineRunner> m_runner;
    QJsonObject m_changes;
    QStringList m_leftovers;
    VendorCalls m_calls; // last: destroyed first
};

} // namespace oc
