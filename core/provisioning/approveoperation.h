#pragma once

#include "pipeline/stepevent.h"
#include "provisioning/leftovers.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

namespace oc {

namespace pipeline {
class CallLimiter;
class PipelineRunner;
}
class MailJob;
class RunSession;

// The failure e-mail's reason for the owner: which part failed, in customer words — never a vendor's body or
// an internal error (those stay in the journal, scrubbed).
QString customerSafeReason(const QString &failedStep);

// approve (DESIGN §2.4): pending → verified, then — unless a complete configuration exists, which is
// returned as is — one journaled provisioning run under a lease. Ends exactly once with finished();
// result() is the seed service's JSON answer. Every write of the run is fenced by its lease (RunSession): a
// process that lost it stops at once and reports "run … was taken over by … — stopped".
class ApproveOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApproveOperation)

public:
    ApproveOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode,
                     QString actor, pipeline::CallLimiter *limiter = nullptr, QObject *parent = nullptr);
    ~ApproveOperation() override;

    // "approve" (default) or "retry": recorded on the run.
    void setKind(const QString &kind) { m_kind = kind; }
    // Before start(): resources an earlier run left that still exist (LeftoverCheck) — taken over instead of
    // created again: journaled as done ("adopted from run …") and not run, but undone like the others if this
    // run fails. The answer's aiSetup names them under "resumed".
    void adopt(const AdoptedResources &resources) { m_adopted = resources; }
    void start();
    // Stops what is running and undoes what was done, like a failure (a create we stop waiting for is looked
    // for again after the late-create grace); ends with success false and aiSetup.status "canceled" (or
    // "needs_attention" when an undo failed). Before the run has started: ends at once, nothing bought.
    // After the pivot the setup is complete: only the e-mail is stopped, and the approval succeeds.
    void cancel();
    bool cancelRequested() const { return m_cancelRequested; }

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_ok; }
    QString runId() const;
    QJsonObject result() const { return m_result; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void stepEvent(const oc::pipeline::StepEvent &event);
    void finished();

private:
    void begin();
    bool takeOver();
    void onRunFinished();
    void sendFailureEmail();
    void finishWith(bool ok, QJsonObject result, const QString &error = {});
    void finishError(const QString &error);
    void finishFenced(const QString &message);
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
    bool m_finished = false;
    bool m_cancelRequested = false;
    bool m_ok = false;
    QJsonObject m_result;
    QString m_error;
};

} // namespace oc
