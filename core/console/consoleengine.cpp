#include "consoleengine.h"

#include "pipeline/calllimiter.h"
#include "pipeline/leaseowner.h"
#include "provisioning/approveoperation.h"
#include "provisioning/checkconfig.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/orphansweep.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/recoveroperation.h"
#include "provisioning/resendemailoperation.h"
#include "provisioning/retryoperation.h"
#include "provisioning/runsession.h"
#include "team/queueworker.h"
#include "team/runfeed.h"
#include "util/logging.h"

#include <QJsonArray>

namespace oc {

ConsoleEngine::ConsoleEngine(ProvisioningServices &services, QString actor, int concurrentVendorCalls, QObject *parent)
    : QObject(parent), m_services(&services), m_actor(std::move(actor)),
      m_limiter(std::make_unique<pipeline::CallLimiter>(std::max(1, concurrentVendorCalls)))
{
    // One limit for every operation the console starts (approve, retry, recover, cleanup, orphans): the
    // process's own when the wiring made one, else this engine's.
    if (!m_services->limiter) {
        m_services->limiter = m_limiter.get();
        m_limiterInstalledIn = m_services;
    }
}

ConsoleEngine::~ConsoleEngine()
{
    m_feed.reset();
    // Closing with runs in flight: their leases are given up, so the next worker or console finishes them at
    // once from the journal (a bulk approval survives the console being closed). Then the operations (they may
    // still reference the limiter), then the runs.
    for (auto it = m_operations.begin(); it != m_operations.end(); ++it) {
        if (Operation *op = it.value().data(); op && !op->isFinished())
            op->handBack();
    }
    m_worker.reset(); // deletes the operations it claimed
    m_retiredWorkers.clear();
    for (auto it = m_operations.begin(); it != m_operations.end(); ++it)
        delete it.value().data();
    m_operations.clear();
    // The rest of the operations (recover, sweeps, checks) go now, while what they use is still here.
    while (!children().isEmpty())
        delete children().constFirst();
    qDeleteAll(m_runs);
    if (m_limiterInstalledIn)
        m_limiterInstalledIn->limiter = nullptr; // the caller's services outlive this engine
}

void ConsoleEngine::holdServicesFor(QObject *operation)
{
    // The lambda owns a reference until the operation is destroyed (no context object: the connection lives
    // exactly as long as the sender), so new settings never pull the clients from under a running setup.
    // The connection keeps a reference until the operation is destroyed, then hands it to m_released, which
    // lets go on the next event-loop turn: never inside the operation's own destructor.
    if (!m_servicesHold)
        return;
    connect(operation, &QObject::destroyed, this, [this, held = m_servicesHold] {
        m_released.push_back(held);
        QTimer::singleShot(0, this, [this] { m_released.clear(); });
    });
}

void ConsoleEngine::reconfigure(std::shared_ptr<ProvisioningServices> services, const QString &problem)
{
    if (!services)
        return;
    if (!services->limiter)
        services->limiter = m_limiter.get(); // they live no longer than the operations this engine deletes
    const int draining = m_drainWanted;
    m_servicesHold = std::move(services);
    m_services = m_servicesHold.get();
    m_problem = problem;
    if (m_worker) {
        // The old worker stops claiming and finishes its runs on the old services, then goes.
        QueueWorker *old = m_worker.get();
        m_retiredWorkers.push_back(std::move(m_worker));
        connect(old, &QueueWorker::stopped, this, [this, old] {
            QTimer::singleShot(0, this, [this, old] {
                std::erase_if(m_retiredWorkers, [old](const std::unique_ptr<QueueWorker> &w) { return w.get() == old; });
            });
        });
        old->stop();
    }
    if (draining > 0 && isConfigured())
        startWorker(draining);
    Q_EMIT configurationChanged();
}

QList<std::pair<QString, QString>> ConsoleEngine::provisioningSteps()
{
    if (m_steps.isEmpty()) {
        ProvisioningContext probe(*m_services, Organization{}, QString(), QString(), QString());
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
    run->setOrigin(m_actor, tr("this console"), false);
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
    holdServicesFor(op);
    m_operations.insert(run, op);
    connect(op, &Operation::stepEvent, run, &LiveRun::apply);
    connect(op, &Operation::stepEvent, this, [this, run](const pipeline::StepEvent &e) {
        if (!e.runId.isEmpty() && run->runId() != e.runId) {
            run->setRunId(e.runId);
            m_byRunId.insert(e.runId, run);
        }
    });
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
    if (!isConfigured())
        return nullptr;
    LiveRun *run = track(kind, org);
    for (const auto &[name, title] : provisioningSteps())
        run->declareStep(name, title);
    run->note(areaCode.isEmpty() ? tr("%1 %2 in %3 (any area code)").arg(run->kindTitle(), org.companyName, countryCode)
                                 : tr("%1 %2 in %3, area code %4").arg(run->kindTitle(), org.companyName, countryCode, areaCode));
    if (kind == LiveRun::Kind::Approve)
        drive(run, new ApproveOperation(*m_services, org.id, countryCode, areaCode, m_actor, m_services->limiter, this));
    else
        drive(run, new RetryOperation(*m_services, org.id, countryCode, areaCode, m_actor, this));
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
    if (!isConfigured())
        return nullptr;
    LiveRun *run = track(LiveRun::Kind::Cleanup, org);
    for (const auto &[name, title] : CleanupOperation::steps(*m_services))
        run->declareStep(name, title);
    drive(run, new CleanupOperation(*m_services, org.id, m_actor, this));
    return run;
}

LiveRun *ConsoleEngine::resendEmail(const Organization &org)
{
    if (!isConfigured())
        return nullptr;
    LiveRun *run = track(LiveRun::Kind::ResendEmail, org);
    run->declareStep(ResendEmailOperation::kStep, tr("E-mail the owner"));
    drive(run, new ResendEmailOperation(*m_services, org.id, m_actor, this));
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
    if (run->isRemote()) {
        // Another process drives it: a queued run is canceled here (nothing was bought); a running one's owner
        // is asked through the database and honours it within a second — its lease is never taken.
        RunRepository &runs = m_services->store.runs();
        if (run->isQueued()) {
            auto canceled = runs.cancelQueued(run->runId(), QStringLiteral("canceled by %1 before it started").arg(m_actor));
            if (canceled && canceled.value()) {
                AuditRecord a;
                a.actor = m_actor;
                a.action = QStringLiteral("run.cancel");
                a.organizationId = run->organizationId();
                a.runId = run->runId();
                a.outcome = QStringLiteral("canceled");
                a.detail = QStringLiteral("canceled while queued: nothing was bought");
                (void)m_services->store.audit().append(a);
                run->markCancelRequested();
                return true;
            }
        }
        auto asked = runs.requestCancel(run->runId(), m_actor);
        if (!asked || !asked.value())
            return false;
        run->markCancelRequested();
        run->note(tr("Cancel requested: the process that runs it stops and undoes what it did"));
        return true;
    }
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
    if (!isConfigured()) {
        Q_EMIT recoveryFinished({}, false, m_problem);
        return;
    }
    m_recovering = true;
    auto *op = new RecoverOperation(*m_services, m_actor, this);
    holdServicesFor(op);
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
    if (!isConfigured()) {
        Q_EMIT orphanSweepFinished({}, release, false, m_problem);
        return;
    }
    m_sweeping = true;
    auto *op = new OrphanSweep(*m_services, release, m_actor, this);
    holdServicesFor(op);
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
    auto *op = new CheckConfig(*m_services, smtpProblem, this);
    holdServicesFor(op);
    connect(op, &CheckConfig::finished, this, [op, done = std::move(done)] {
        done(op->result());
        op->deleteLater();
    });
    op->start();
}

namespace {

pipeline::StepState stepStateFromJournal(const QString &status)
{
    using pipeline::StepState;
    switch (stepStatusFromString(status).value_or(StepStatus::Unknown)) {
    case StepStatus::Pending: return StepState::Pending;
    case StepStatus::Intent:
    case StepStatus::Running:
    case StepStatus::Unknown: return StepState::Running;
    case StepStatus::Done: return StepState::Succeeded;
    case StepStatus::Failed: return StepState::Failed;
    case StepStatus::Skipped: return StepState::Skipped;
    case StepStatus::Canceled: return StepState::Canceled;
    case StepStatus::Compensating: return StepState::Compensating;
    case StepStatus::Compensated: return StepState::Compensated;
    case StepStatus::CompensationFailed: return StepState::CompensationFailed;
    }
    return StepState::Running;
}

std::optional<LiveRun::Kind> liveKind(const QString &kind)
{
    if (kind == QLatin1String("approve"))
        return LiveRun::Kind::Approve;
    if (kind == QLatin1String("retry"))
        return LiveRun::Kind::Retry;
    if (kind == QLatin1String("cleanup"))
        return LiveRun::Kind::Cleanup;
    return std::nullopt; // orphan releases' holds are not shown as runs
}


} // namespace

Result<void> ConsoleEngine::followTeam(int recent)
{
    if (m_feed)
        return {};
    auto feed = RunFeed::open(m_services->store.database().url());
    if (!feed)
        return feed.error();
    m_feed = std::move(feed).value();
    connect(m_feed.get(), &RunFeed::event, this, &ConsoleEngine::onFeedEvent);
    if (auto started = m_feed->start(); !started) {
        m_feed.reset();
        return started;
    }
    auto runs = m_services->store.runs().liveAndRecent(recent);
    if (!runs)
        return runs.error();
    for (const ProvisioningRun &r : runs.value())
        observe(r);
    m_queueTimer = new QTimer(this);
    m_queueTimer->setInterval(3000);
    connect(m_queueTimer, &QTimer::timeout, this, &ConsoleEngine::refreshQueue);
    m_queueTimer->start();
    refreshQueue();
    return {};
}

LiveRun *ConsoleEngine::observe(const ProvisioningRun &r)
{
    if (LiveRun *known = m_byRunId.value(r.id))
        return known;
    // One live run per organization: a run of an organization this console is driving is that run.
    if (isLive(r.status)) {
        if (LiveRun *local = liveRunFor(r.organizationId); local && !local->isRemote()) {
            if (local->runId().isEmpty())
                local->setRunId(r.id);
            m_byRunId.insert(r.id, local);
            return local;
        }
    }
    const auto kind = liveKind(r.kind);
    if (!kind)
        return nullptr;
    auto org = m_services->store.organizations().find(r.organizationId);
    auto *run = new LiveRun(*kind, r.organizationId, org ? org->companyName : tr("organization %1").arg(r.organizationId));
    run->setRunId(r.id);
    run->setOrigin(r.actor, pipeline::LeaseOwner::describe(r.leaseOwner), true);
    run->setQueued(r.status == RunStatus::Queued);
    if (*kind == LiveRun::Kind::Cleanup) {
        for (const auto &[name, title] : CleanupOperation::steps(*m_services))
            run->declareStep(name, title);
    } else {
        for (const auto &[name, title] : provisioningSteps())
            run->declareStep(name, title);
    }
    if (auto steps = m_services->store.runs().steps(r.id)) {
        for (const RunStep &s : steps.value()) {
            pipeline::StepEvent e{r.id, s.step, stepStateFromJournal(statusName(s.status)), s.attempt, s.detail, s.error,
                                  s.updatedAt};
            run->apply(e);
        }
    }
    m_byRunId.insert(r.id, run);
    m_runs.append(run);
    if (!isLive(r.status)) {
        const LiveRun::Outcome outcome = r.status == RunStatus::Succeeded        ? LiveRun::Outcome::Succeeded
                                         : r.status == RunStatus::NeedsAttention ? LiveRun::Outcome::NeedsAttention
                                         : r.status == RunStatus::Canceled       ? LiveRun::Outcome::Canceled
                                                                                 : LiveRun::Outcome::Failed;
        run->finish(outcome, {}, r.error, r.failedStep);
    }
    Q_EMIT runAdded(run);
    return run;
}

void ConsoleEngine::onFeedEvent(const RunEvent &e)
{
    LiveRun *run = m_byRunId.value(e.runId);
    if (!e.isStep()) {
        if (e.organizationId > 0)
            Q_EMIT organizationChanged(e.organizationId);
        if (!run) {
            auto row = m_services->store.runs().find(e.runId);
            if (!row)
                return;
            observe(row.value());
            return;
        }
        if (!run->isRemote() || run->isFinished())
            return;
        const auto status = runStatusFromString(e.status);
        if (!status)
            return;
        run->setQueued(*status == RunStatus::Queued);
        run->setOrigin(run->actor(), pipeline::LeaseOwner::describe(e.owner), true);
        if (!isLive(*status)) {
            const LiveRun::Outcome outcome = *status == RunStatus::Succeeded        ? LiveRun::Outcome::Succeeded
                                             : *status == RunStatus::NeedsAttention ? LiveRun::Outcome::NeedsAttention
                                             : *status == RunStatus::Canceled       ? LiveRun::Outcome::Canceled
                                                                                    : LiveRun::Outcome::Failed;
            run->finish(outcome, {}, e.error);
            Q_EMIT runFinished(run);
        }
        return;
    }
    if (!run || !run->isRemote() || run->isFinished())
        return;
    run->apply(pipeline::StepEvent{e.runId, e.step, stepStateFromJournal(e.status), e.attempt, e.detail, e.error,
                                   QDateTime::fromMSecsSinceEpoch(e.atMs, Qt::UTC)});
}

void ConsoleEngine::setQueueDraining(int n)
{
    m_drainWanted = std::max(0, n);
    if (n <= 0) {
        if (m_worker)
            m_worker->stop();
        return;
    }
    if (!isConfigured())
        return; // reconfigure() starts it once the vendors are reachable
    if (!m_worker) {
        startWorker(n);
        return;
    }
    m_worker->setConcurrency(n);
    if (m_worker->isStopping())
        m_worker->start();
}

void ConsoleEngine::startWorker(int n)
{
    QueueWorker::Options options;
    options.kind = QStringLiteral("console");
    options.concurrency = n;
    m_worker = std::make_unique<QueueWorker>(*m_services, m_actor, options);
    holdServicesFor(m_worker.get());
    connect(m_worker.get(), &QueueWorker::runStarted, this, &ConsoleEngine::attachClaimed);
    connect(m_worker.get(), &QueueWorker::recoveryEnded, this, [this] { refreshQueue(); });
    m_worker->start();
}

int ConsoleEngine::queueDraining() const
{
    return m_worker && !m_worker->isStopping() ? m_worker->concurrency() : 0;
}

void ConsoleEngine::attachClaimed(const ProvisioningRun &r, Operation *op)
{
    // A queued run this console claimed: the view it may already show (queued, remote) becomes local.
    LiveRun *run = m_byRunId.value(r.id);
    if (!run) {
        auto org = m_services->store.organizations().find(r.organizationId);
        run = new LiveRun(LiveRun::Kind::Approve, r.organizationId, org ? org->companyName : tr("organization %1").arg(r.organizationId));
        run->setRunId(r.id);
        for (const auto &[name, title] : provisioningSteps())
            run->declareStep(name, title);
        m_byRunId.insert(r.id, run);
        m_runs.append(run);
        Q_EMIT runAdded(run);
    }
    run->setQueued(false);
    run->setOrigin(r.actor, tr("this console"), false);
    run->note(tr("Claimed from the queue (queued by %1)").arg(r.actor));
    m_operations.insert(run, op);
    connect(op, &Operation::stepEvent, run, &LiveRun::apply);
    connect(op, &Operation::finished, this, [this, run, op] {
        m_operations.remove(run); // the worker owns and deletes the operation
        finishRun(run, op->outcome());
    });
    Q_EMIT organizationChanged(r.organizationId);
}

QHash<qint64, QString> ConsoleEngine::queueApprovals(const QList<qint64> &organizationIds, const QString &countryCode,
                                                      const QString &areaCode)
{
    QHash<qint64, QString> errors;
    for (qint64 id : organizationIds) {
        auto queued = queueApproval(m_services->store, id, countryCode, areaCode, m_actor);
        if (!queued)
            errors.insert(id, queued.error().message);
        else
            Q_EMIT organizationChanged(id);
    }
    if (m_worker)
        m_worker->nudge();
    refreshQueue();
    return errors;
}

void ConsoleEngine::refreshQueue()
{
    auto queued = m_services->store.runs().queuedCount();
    auto workers = m_services->store.workers().alive(15000);
    if (queued && workers)
        Q_EMIT queueChanged(queued.value(), workers.value());
}

} // namespace oc
