#include "liverun.h"

#include "provisioning/provisioningrecipe.h"

#include <QJsonArray>

namespace oc {

LiveRun::LiveRun(Kind kind, qint64 organizationId, QString companyName, QObject *parent)
    : QObject(parent), m_kind(kind), m_organizationId(organizationId), m_companyName(std::move(companyName))
{
}

QString LiveRun::kindTitle() const
{
    return kindTitle(m_kind);
}

QString LiveRun::kindTitle(Kind kind)
{
    switch (kind) {
    case Kind::Approve: return tr("Approve");
    case Kind::Retry: return tr("Retry");
    case Kind::Cleanup: return tr("Clean up");
    case Kind::ResendEmail: return tr("Resend e-mail");
    }
    return {};
}

QString LiveRun::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Running: return tr("Running");
    case Outcome::Succeeded: return tr("Succeeded");
    case Outcome::Failed: return tr("Failed — rolled back");
    case Outcome::Canceled: return tr("Canceled — rolled back");
    case Outcome::NeedsAttention: return tr("Needs attention");
    }
    return {};
}

QString LiveRun::stepStateText(pipeline::StepState state)
{
    using pipeline::StepState;
    switch (state) {
    case StepState::Pending: return tr("pending", "step state in the run log");
    case StepState::Running: return tr("running", "step state in the run log");
    case StepState::Succeeded: return tr("succeeded", "step state in the run log");
    case StepState::Failed: return tr("failed", "step state in the run log");
    case StepState::Skipped: return tr("skipped", "step state in the run log");
    case StepState::Canceled: return tr("canceled", "step state in the run log");
    case StepState::Compensating: return tr("compensating", "step state in the run log: being undone");
    case StepState::Compensated: return tr("compensated", "step state in the run log: undone");
    case StepState::CompensationFailed: return tr("compensation failed", "step state in the run log: undo failed");
    }
    return {};
}

void LiveRun::setOrigin(const QString &actor, const QString &owner, bool remote)
{
    if (m_actor == actor && m_owner == owner && m_remote == remote)
        return;
    m_actor = actor;
    m_owner = owner;
    m_remote = remote;
    Q_EMIT changed();
}

void LiveRun::setQueued(bool queued)
{
    if (m_queued == queued)
        return;
    m_queued = queued;
    Q_EMIT changed();
}

int LiveRun::stepsDone() const
{
    int done = 0;
    for (const Step &s : m_steps)
        done += pipeline::isFinal(s.state) ? 1 : 0;
    return done;
}

int LiveRun::indexOf(const QString &step) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps[i].name == step)
            return i;
    }
    return -1;
}

void LiveRun::declareStep(const QString &name, const QString &title)
{
    if (indexOf(name) >= 0)
        return;
    m_steps.append(Step{name, title, pipeline::StepState::Pending, 0, {}, {}, {}, {}});
    Q_EMIT stepAdded(int(m_steps.size()) - 1);
}

void LiveRun::apply(const pipeline::StepEvent &event)
{
    if (m_runId.isEmpty() && !event.runId.isEmpty())
        setRunId(event.runId);
    int index = indexOf(event.step);
    if (index < 0) {
        declareStep(event.step, event.step);
        index = int(m_steps.size()) - 1;
    }
    Step &s = m_steps[index];
    const QDateTime at = event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc();
    using pipeline::StepState;
    if ((event.state == StepState::Running || event.state == StepState::Compensating) && s.state != event.state) {
        s.startedAt = at;
        s.finishedAt = {};
    }
    if (pipeline::isFinal(event.state))
        s.finishedAt = at;
    s.state = event.state;
    if (event.attempt > 0)
        s.attempt = event.attempt;
    // A step that starts says its (English) title as its detail: that says nothing the title does not.
    QString detail = event.state == StepState::Running ? provisioningStepTitle(event.detail) : event.detail;
    if (detail == s.title)
        detail.clear();
    if (!detail.isEmpty())
        s.detail = detail;
    s.error = event.error;
    Q_EMIT stepChanged(index);

    QString text = tr("%1: %2", "run log: step title: state").arg(s.title, stepStateText(event.state));
    if (event.attempt > 1)
        text += tr(" (attempt %1)").arg(event.attempt);
    if (!detail.isEmpty())
        text += QStringLiteral(" — ") + detail;
    if (!event.error.isEmpty())
        text += QStringLiteral(" — ") + event.error;
    const bool bad = event.state == StepState::Failed || event.state == StepState::CompensationFailed;
    m_log.append(LogLine{at, text, bad});
    Q_EMIT logAppended(m_log.constLast());
    Q_EMIT changed();
}

void LiveRun::note(const QString &text, bool error)
{
    m_log.append(LogLine{QDateTime::currentDateTimeUtc(), text, error});
    Q_EMIT logAppended(m_log.constLast());
}

void LiveRun::setRunId(const QString &runId)
{
    m_runId = runId;
    Q_EMIT changed();
}

void LiveRun::markCancelRequested()
{
    m_cancelRequested = true;
    note(tr("Cancel requested: stopping and rolling back what was created."));
    Q_EMIT changed();
}

void LiveRun::finish(Outcome outcome, QJsonObject result, QString error, QString failedStep)
{
    if (isFinished())
        return;
    m_outcome = outcome;
    m_result = std::move(result);
    m_error = std::move(error);
    m_failedStep = std::move(failedStep);
    m_finishedAt = QDateTime::currentDateTimeUtc();
    const QJsonObject aiSetup = m_result.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject();
    m_phoneNumber = aiSetup.value(QStringLiteral("data")).toObject().value(QStringLiteral("phoneNumber")).toString();
    for (const QJsonValue &w : aiSetup.value(QStringLiteral("warnings")).toArray())
        m_warnings.append(w.toString());
    // Steps that never got going when the run ended are shown as skipped, not as still pending.
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps[i].state == pipeline::StepState::Pending) {
            m_steps[i].state = pipeline::StepState::Skipped;
            Q_EMIT stepChanged(i);
        }
    }
    if (outcome == Outcome::Succeeded)
        note(tr("%1 finished successfully.").arg(kindTitle()));
    else
        note(QStringLiteral("%1: %2").arg(outcomeName(outcome), m_error), true);
    Q_EMIT changed();
    Q_EMIT finished();
}

} // namespace oc
