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

void ConsoleEngine::finishRun(LiveRun *run, const OperationOutcome &o)
{
    if (QObject *op = m_operations.take(run))
        op->deleteLater();
    if (!o.runId.isEmpty() && run->runId().isEmpty())
        run->setRunId(o.runId);
    LiveRun::Outcome outcome = o.ok()                                     ? LiveRun::Outcome::Succeeded
                               : o.runStatus == RunStatus::NeedsAttention ? LiveRun::Outcome::NeedsAttention
                               : o.result == OperationOutcome::Result::Canceled || run->isCancelRequested()
                                   ? LiveRun::Outcome::Canceled
                                   : LiveRun::Outcome::Failed;
    QString message = o.error;
    if (message.isEmpty() && !o.ok())
        message = o.answer.value(QStringLiteral("message")).toString();
    run->finish(outcome, o.answer, message, o.ok() ? QString() : o.failedStep);
    Q_EMIT organizationChanged(run->organizationId());
    Q_EMIT runFinished(run);
}

void ConsoleEngine::drive(LiveRun *run, Operation *op)
{
    m_operations.insert(run, op);
    connect(op, &Operation::stepEvent, run, &LiveRun::apply);
    // The run row exists once the first step moves: the organization now shows as provisioning.
    connect(op, &Operation::stepEvent, this, [this, id = run->organizationId()] { Q_EMIT organizationChanged(id); },
            Qt::SingleShotConnection);
    connect(op, &Operation::finished, this, [this, run, op] { finishRun(run, op->outcome()); });
    op->start();
    Q_EMIT organizationChanged(run->organizationId());
}

LiveRun *ConsoleEngine::startProvisioning(LiveRun::Kind kind, const Organization &org, const QString &countryCode,
                                          const QString &areaCode)
{
    LiveRun *run = track(kind, org);
    for (const auto &[name, title] : provisioningSteps())
        run->declareStep(name, title);
    run->note(areaCode.isEmpty() ? tr("%1 %2 in %3 (any area code)").arg(run->kindTitle(), org.companyName, countryCode)
                                 : tr("%1 %2 in %3, area code %4").arg(run->kindTitle(), org.companyName, countryCode, areaCode));
    if (kind == LiveRun::Kind::Approve)
        drive(run, new ApproveOperation(m_services, org.id, countryCode, areaCode, m_actor, m_services.limiter, this));
    else
        drive(run, new RetryOperation(m_services, org.id, countryCode, areaCode, m_actor, this));
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
    for (const auto &[name, title] : CleanupOperation::steps(m_services))
        run->declareStep(name, title);
    drive(run, new CleanupOperation(m_services, org.id, m_actor, this));
    return run;
}

LiveRun *ConsoleEngine::resendEmail(const Organization &org)
{
    LiveRun *run = track(LiveRun::Kind::ResendEmail, org);
    run->declareStep(ResendEmailOperation::kStep, tr("E-mail the owner"));
    drive(run, new ResendEmailOperation(m_services, org.id, m_actor, this));
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
    Operation *op = m_operations.value(run);
    if (!op || !op->isCancelable())
        return false;
    run->markCancelRequested();
    op->cancel();
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
        for (const RecoverOperation::RecoveredRun &r : op->recovered())
            Q_EMIT organizationChanged(r.organizationId);
        Q_EMIT recoveryFinished(op->result(), op->ok(), op->errorMessage());
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
