#pragma once

#include "provisioning/compliancechoice.h"
#include "provisioning/leftovers.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace oc {

namespace pipeline {
class CallLimiter;
class PipelineRunner;
}
class ComplianceCheck;
class MailJob;
class RunSession;

// The failure e-mail's reason for the owner: which part failed, in customer words — never a vendor's body or
// an internal error (those stay in the journal, scrubbed).
QString customerSafeReason(const QString &failedStep);

// What approve checks before it holds anything, shared by approve and the queue: the country and area code,
// the organization (pending → verified here; rejected and suspended refused), and an earlier setup that needs
// attention (kind "approve" only). The organization's complete configuration when it has one (approving twice
// buys nothing), else nullopt: go ahead.
Result<std::optional<AiConfig>> precheckApproval(Store &store, qint64 organizationId, const QString &countryCode,
                                                 const QString &areaCode, const QString &kind);

// Team mode: verifies the organization and queues its setup (a run in state queued, by `actor`) for a worker
// or a console to claim; returns at once and buys nothing. An organization already set up is not queued:
// `existing` says what it has. A bundle and address given (`compliance`) go with the run to whoever sets it up.
struct QueuedApproval {
    QString runId;
    std::optional<AiConfig> existing;
};
Result<QueuedApproval> queueApproval(Store &store, qint64 organizationId, const QString &countryCode, const QString &areaCode,
                                     const QString &actor, const ComplianceRequest &compliance = {});

// approve (DESIGN §2.4): pending → verified, then — unless a complete configuration exists, which is
// returned as is — one journaled provisioning run under a lease. Ends exactly once with finished();
// the seed service's JSON answer is made from the typed outcome (answerFor). Every write of the run is fenced by its lease (RunSession): a
// process that lost it stops at once and reports "run … was taken over by … — stopped".
class ApproveOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApproveOperation)

public:
    ApproveOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode,
                     QString actor, pipeline::CallLimiter *limiter = nullptr, QObject *parent = nullptr);
    ~ApproveOperation() override;

    // "approve" (default) or "retry": recorded on the run.
    void setKind(const QString &kind) { m_kind = kind; }
    // Before start(): the bundle and address to buy with outside NANP (empty: the country's defaults from the
    // settings, else the first that fits). Checked (ComplianceCheck) before anything is held or bought.
    void setCompliance(ComplianceRequest request);
    // Before start(): resources an earlier run left that still exist (LeftoverCheck) — taken over instead of
    // created again: journaled as done ("adopted from run …") and not run, but undone like the others if this
    // run fails. The answer's aiSetup names them under "resumed".
    void adopt(const AdoptedResources &resources) { m_adopted = resources; }
    // Before start(): drive this new, empty run instead of creating one — a retry holds its run (and with it
    // the organization) from before it looks at what the last run left until the setup ends.
    void useRun(std::unique_ptr<RunSession> session);
    void start() override;
    // Instead of start(): finishes the run `session` holds — an approve or retry interrupted before its pivot
    // (recover, DESIGN §2.3: forward when it can). Once the late-create grace has passed since its last open
    // call, what its journal shows done (or possibly done) and a lookup confirms still exists is kept; the
    // rest runs again, under the same run and lease. Ends like an approval: the owner's e-mail on success, a
    // failure e-mail only for a real failure, everything undone if it cannot be finished.
    void resume(std::unique_ptr<RunSession> session);
    // Stops what is running and undoes what was done, like a failure (a create we stop waiting for is looked
    // for again after the late-create grace); ends with success false and aiSetup.status "canceled" (or
    // "needs_attention" when an undo failed). Before the run has started: ends at once, nothing bought.
    // After the pivot the setup is complete: only the e-mail is stopped, and the approval succeeds.
    void cancel() override;
    void handBack() override;
    bool isCancelable() const override { return true; }
    bool cancelRequested() const { return m_cancelRequested; }
    QString runId() const;

private:
    void followCancelRequests();
    void begin();
    void beginResume();
    void continueResume();
    void startRunner();
    // Settles m_compliance, then runs `then`; a refusal ends the operation when `refuse`, else is only logged.
    void checkCompliance(std::function<void()> then, bool refuse);
    bool takeOver();
    void onRunFinished();
    void sendFailureEmail(RunStatus status);
    void finishWith(OperationOutcome outcome);
    void finishError(const QString &error, Error::Kind kind = Error::Kind::Other);
    void finishFenced(const QString &message);
    // The seed's answer to verify/retry, from the outcome.
    QJsonObject answerFor(const OperationOutcome &outcome) const;
    QJsonObject organizationJson() const;

    ProvisioningServices &m_services;
    qint64 m_organizationId;
    QString m_countryCode;
    QString m_areaCode;
    QString m_actor;
    QString m_kind = QStringLiteral("approve");
    AdoptedResources m_adopted;
    pipeline::CallLimiter *m_limiter;
    std::unique_ptr<RunSession> m_session;
    std::unique_ptr<ProvisioningContext> m_context;
    std::unique_ptr<pipeline::PipelineRunner> m_runner;
    std::unique_ptr<MailJob> m_failureMail;
    std::unique_ptr<LeftoverCheck> m_check;
    Result<AssistantTemplateVersion> currentTemplate();
    void useTemplate(ProvisioningContext &context) const;
    // What the run records beyond country and area code (ProvisioningRun::params).
    QJsonObject runParams() const;

    std::optional<AssistantTemplateVersion> m_template;
    ComplianceRequest m_complianceRequest;
    std::optional<ComplianceChoice> m_compliance;
    std::unique_ptr<ComplianceCheck> m_complianceCheck;
    bool m_resuming = false;
    bool m_cancelRequested = false;
};

} // namespace oc
