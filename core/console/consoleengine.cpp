#include "consoleengine.h"

#include "pipeline/calllimiter.h"
#include "provisioning/approveoperation.h"
#include "provisioning/checkconfig.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/orphansweep.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/recoveroperation.h"
#include "provisioning/resendemailoperation.h"
#include "provisioning/retryoperation.h"

#include <QJsonArray>

namespace oc {

namespace {

LiveRun::Outcome failureOutcome(const QJsonObject &result)
{
    const QString status = result.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
                               .value(QStringLiteral("status")).toString();
    if (status == QLatin1String("needs_attention"))
        return LiveRun::Outcome::NeedsAttention;
    if (status == QLatin1String("canceled"))
        return LiveRun::Outcome::Canceled;
    return LiveRun::Outcome::Failed;
}

QString failedStepOf(const QJsonObject &result)
{
    return result.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
        .value(QStringLiteral("failedStep")).toString();
}

} // namespace

ConsoleEngine::ConsoleEngine(ProvisioningServices &services, QString actor, int concurrentVendorCalls, QObject *parent)
    : QObject(parent), m_services(services), m_actor(std::move(actor)),
      m_limiter(std::make_unique<pipeline::CallLimiter>(std::max(1, concurrentVendorCalls)))
{
    // One limit for every operation the console starts (approve, retry, recover, cleanup, orphans): the
    // process's own when the wiring made one, else this engine's.
    if (!m_services.limiter) {
        m_services.limiter = m_limiter.get();
        m_installedLimiter = true;
    }
}

ConsoleEngine::~ConsoleEngine()
{
    // Operations first (they may still reference the limiter), then the runs.
    for (auto it = m_operations.begin(); it != m_operations.end(); ++it)
        delete it.value().data();
    m_operations.clear();
    qDeleteAll(m_runs);
    if (m_installedLimiter)
        m_services.limiter = nullptr;
}

QList<std::pair<QString, QString>> ConsoleEngine::provisioningSteps()
{
    if (m_steps.isEmpty()) {
        ProvisioningContext probe(m_services, Organization{}, QString(), QString(), QString());
        const pipeline::Recipe recipe = provisioningRecipe(probe);
        for (const auto &step : recipe.steps())
            m_steps.append({step.name, step.title});
    }
    QList<std::pair<QString, QString>> shown = m_steps; // English, cached; translated on the way out
    for (auto &[name, title] : shown)
        title = provisioningStepTitle(title);
    return shown;
}

LiveRun *ConsoleEngine::track(LiveRun::Kind kind, const Organization &org)
{
    auto *run = new LiveRun(kind, org.id, org.companyName);
    m_runs.append(run);
    Q_EMIT runAdded(run);
    return run;
}

void ConsoleEngine::finishRun(LiveRun *run, bool ok, const QJsonObject &result, const QString &error)
{
    m_cancels.remove(run);
    if (QObject *op = m_operations.take(run))
        op->deleteLater();
    LiveRun::Outcome outcome = ok ? LiveRun::Outcome::Succeeded : failureOutcome(result);
    if (!ok && run->isCancelRequested() && outcome == LiveRun::Outcome::Failed)
        outcome = LiveRun::Outcome::Canceled;
    QString message = error;
    if (message.isEmpty() && !ok)
        message = result.value(QStringLiteral("message")).toString();
    run->finish(outcome, result, message, ok ? QString() : failedStepOf(result));
    Q_EMIT organizationChanged(run->organizationId());
    Q_EMIT runFinished(run);
}

LiveRun *ConsoleEngine::startProvisioning(LiveRun::Kind kind, const Organization &org, const QString &countryCode,
                                          const QString &areaCode)
{
    LiveRun *run = track(kind, org);
    for (const auto &[name, title] : provisioningSteps())
        run->declareStep(name, title);
    run->note(areaCode.isEmpty() ? tr("%1 %2 in %3 (any area code)").arg(run->kindTitle(), org.companyName, countryCode)
                                 : tr("%1 %2 in %3, area code %4").arg(run->kindTitle(), org.companyName, countryCode, areaCode));
    if (kind == LiveRun::Kind::Approve) {
        auto *op = new ApproveOperation(m_services, org.id, countryCode, areaCode, m_actor, m_services.limiter, this);
        m_operations.insert(run, op);
        m_cancels.insert(run, [op] { op->cancel(); });
        connect(op, &ApproveOperation::stepEvent, run, &LiveRun::apply);
        // The run row exists once the first step moves: the organization now shows as provisioning.
        connect(op, &ApproveOperation::stepEvent, this, [this, id = org.id] { Q_EMIT organizationChanged(id); },
                Qt::SingleShotConnection);
        connect(op, &ApproveOperation::finished, this, [this, run, op] {
            if (!op->runId().isEmpty() && run->runId().isEmpty())
                run->setRunId(op->runId());
            finishRun(run, op->ok(), op->result(), op->errorMessage());
        });
        op->start();
        Q_EMIT organizationChanged(org.id);
        return run;
    }
    auto *op = new RetryOperation(m_services, org.id, countryCode, areaCode, m_actor, this);
    m_operations.insert(run, op);
    m_cancels.insert(run, [op] { op->cancel(); });
    connect(op, &RetryOperation::stepEvent, run, &LiveRun::apply);
    connect(op, &RetryOperation::stepEvent, this, [this, id = org.id] { Q_EMIT organizationChanged(id); }, Qt::SingleShotConnection);
    connect(op, &RetryOperation::finished, this, [this, run, op] { finishRun(run, op->ok(), op->result(), op->errorMessage()); });
    op->start();
    Q_EMIT organizationChanged(org.id);
    return run;
}

LiveRun *ConsoleEngine::approve(const Organization &org, const QString &countryCode, const QString &areaCode)
{
    return startProvisioning(LiveRun::Kind::Approve, org, countryCode, areaCode);
}

LiveRun *ConsoleEngine::retry(const Organization &org, const QString &countryCode, const QString &areaCode)
{
    return startProvisioning(LiveRun::Kind::Retry, org, countryCode, areaCode);
}

LiveRun *ConsoleEngine::cleanup(const Organization &org)
{
    LiveRun *run = track(LiveRun::Kind::Cleanup, org);
    const QList<std::pair<QString, QString>> steps{
        {QStringLiteral("delete_vapi_phone_number"), tr("Delete the VAPI phone number")},
        {QStringLiteral("delete_inbound_assistant"), tr("Delete the inbound assistant")},
        {QStringLiteral("delete_outbound_assistant"), tr("Delete the outbound assistant")},
        {QStringLiteral("release_number"), tr("Release the phone number")},
        {QStringLiteral("delete_config"), tr("Delete the AI configuration")},
    };
    for (const auto &[name, title] : steps)
        run->declareStep(name, title);
    auto *op = new CleanupOperation(m_services, org.id, m_actor, this);
    m_operations.insert(run, op);
    // Cleanup reports each task as it starts; the one before it is then done.
    auto current = std::make_shared<QString>();
    connect(op, &CleanupOperation::progress, run, [run, current](const QString &step, const QString &detail) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (!current->isEmpty() && *current != step)
            run->apply(pipeline::StepEvent{run->runId(), *current, pipeline::StepState::Succeeded, 0, {}, {}, now});
        *current = step;
        run->apply(pipeline::StepEvent{run->runId(), step, pipeline::StepState::Running, 1, detail, {}, now});
    });
    connect(op, &CleanupOperation::finished, this, [this, run, op] {
        const QJsonObject results = op->result().value(QStringLiteral("data")).toObject().value(QStringLiteral("cleanup")).toObject()
                                        .value(QStringLiteral("results")).toObject();
        const std::pair<const char *, const char *> keys[] = {
            {"delete_vapi_phone_number", "vapiPhoneNumberDeleted"}, {"delete_inbound_assistant", "inboundAssistantDeleted"},
            {"delete_outbound_assistant", "outboundAssistantDeleted"}, {"release_number", "phoneNumberReleased"},
            {"delete_config", "configDeleted"}};
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const auto &[step, key] : keys) {
            const QJsonValue v = results.value(QLatin1String(key));
            if (v.isUndefined())
                continue;
            run->apply(pipeline::StepEvent{run->runId(), QLatin1String(step),
                                           v.toBool() ? pipeline::StepState::Succeeded : pipeline::StepState::Failed, 0, {}, {}, now});
        }
        finishRun(run, op->ok(), op->result(), op->errorMessage());
    });
    op->start();
    Q_EMIT organizationChanged(org.id);
    return run;
}

LiveRun *ConsoleEngine::resendEmail(const Organization &org)
{
    LiveRun *run = track(LiveRun::Kind::ResendEmail, org);
    run->declareStep(QStringLiteral("send_email"), tr("E-mail the owner"));
    run->apply(pipeline::StepEvent{{}, QStringLiteral("send_email"), pipeline::StepState::Running, 1, org.ownerEmail, {},
                                   QDateTime::currentDateTimeUtc()});
    auto *op = new ResendEmailOperation(m_services, org.id, m_actor, this);
    m_operations.insert(run, op);
    connect(op, &ResendEmailOperation::finished, this, [this, run, op] {
        run->apply(pipeline::StepEvent{{}, QStringLiteral("send_email"),
                                       op->ok() ? pipeline::StepState::Succeeded : pipeline::StepState::Failed, 1,
                                       op->result().value(QStringLiteral("message")).toString(), op->errorMessage(),
                                       QDateTime::currentDateTimeUtc()});
        finishRun(run, op->ok(), op->result(), op->errorMessage());
    });
    op->start();
    return run;
}

bool ConsoleEngine::canCancel(const LiveRun *run)
{
    return run && !run->isFinished() && !run->isCancelRequested() &&
           (run->kind() == LiveRun::Kind::Approve || run->kind() == LiveRun::Kind::Retry);
}

bool ConsoleEngine::cancel(LiveRun *run)
{
    if (!canCancel(run))
        return false;
    const std::function<void()> cancelIt = m_cancels.value(run);
    if (!cancelIt)
        return false;
    run->markCancelRequested();
    cancelIt();
    return true;
}

int ConsoleEngine::liveRunCount() const
{
    int n = 0;
    for (const LiveRun *run : m_runs)
        n += run->isFinished() ? 0 : 1;
    return n;
}

LiveRun *ConsoleEngine::liveRunFor(qint64 organizationId) const
{
    for (LiveRun *run : m_runs) {
        if (!run->isFinished() && run->organizationId() == organizationId)
            return run;
    }
    return nullptr;
}

void ConsoleEngine::recover()
{
    if (m_recovering)
        return;
    m_recovering = true;
    auto *op = new RecoverOperation(m_services, m_actor, this);
    connect(op, &RecoverOperation::finished, this, [this, op] {
        m_recovering = false;
        const QJsonObject result = op->result();
        for (const QJsonValue &r : result.value(QStringLiteral("recovered")).toArray())
            Q_EMIT organizationChanged(r.toObject().value(QStringLiteral("organizationId")).toString().toLongLong());
        Q_EMIT recoveryFinished(result, op->ok(), op->errorMessage());
        op->deleteLater();
    });
    op->start();
}

void ConsoleEngine::sweepOrphans(bool release, const QStringList &onlyIds)
{
    if (m_sweeping)
        return;
    m_sweeping = true;
    auto *op = new OrphanSweep(m_services, release, m_actor, this);
    if (!onlyIds.isEmpty())
        op->restrictToIds(onlyIds);
    connect(op, &OrphanSweep::finished, this, [this, op, release] {
        m_sweeping = false;
        Q_EMIT orphanSweepFinished(op->result(), release, op->ok(), op->errorMessage());
        op->deleteLater();
    });
    op->start();
}

void ConsoleEngine::checkConfiguration(const QString &smtpProblem, std::function<void(const QJsonObject &)> done)
{
    auto *op = new CheckConfig(m_services, smtpProblem, this);
    connect(op, &CheckConfig::finished, this, [op, done = std::move(done)] {
        done(op->result());
        op->deleteLater();
    });
    op->start();
}

} // namespace oc
