#include "consoleengine.h"

#include "pipeline/leaseowner.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/resendemailoperation.h"
#include "util/logging.h"

#include <QPointer>
#include <QThread>

namespace oc {

ConsoleEngine::ConsoleEngine(ProvisioningServices &services, QString actor, int concurrentVendorCalls, QObject *parent)
    : QObject(parent), m_actor(std::move(actor)), m_backend(new EngineBackend(services, m_actor, concurrentVendorCalls))
{
    m_steps = m_backend->provisioningSteps();
    m_cleanupSteps = m_backend->cleanupSteps();
    m_template = m_backend->assistantTemplate();
    connectBackend();
}

ConsoleEngine::ConsoleEngine(const DatabaseUrl &url, ServicesFactory factory, QString actor, int concurrentVendorCalls,
                             QObject *parent)
    : QObject(parent), m_actor(std::move(actor)),
      m_backend(new EngineBackend(url, std::move(factory), m_actor, concurrentVendorCalls)), m_thread(new QThread)
{
    m_thread->setObjectName(QStringLiteral("engine"));
    m_backend->moveToThread(m_thread);
    m_thread->start();
    // Once, before the first frame: the backend's own connection and services, and what a run shows before
    // it starts. Every later call is queued.
    Result<void> ready;
    QMetaObject::invokeMethod(
        m_backend,
        [this, &ready] {
            ready = m_backend->init();
            if (ready) {
                m_steps = m_backend->provisioningSteps();
                m_cleanupSteps = m_backend->cleanupSteps();
                m_template = m_backend->assistantTemplate();
                m_problem = m_backend->problem();
            }
        },
        Qt::BlockingQueuedConnection);
    if (!ready) {
        m_problem = ready.error().message;
        qCWarning(lcApp) << "the engine could not open its store:" << m_problem;
        QMetaObject::invokeMethod(m_backend, [b = m_backend] { delete b; }, Qt::BlockingQueuedConnection);
        m_backend = nullptr;
        return;
    }
    connectBackend();
}

ConsoleEngine::~ConsoleEngine()
{
    if (m_backend) {
        // Runs in flight are handed back (their leases given up: the next worker or console finishes them at
        // once from the journal, so a bulk approval survives the console being closed); nothing of it reaches
        // the runs here any more.
        disconnect(m_backend, nullptr, this, nullptr);
        if (m_thread) {
            QMetaObject::invokeMethod(
                m_backend,
                [b = m_backend] {
                    b->shutdown();
                    delete b;
                },
                Qt::BlockingQueuedConnection);
        } else {
            delete m_backend;
        }
        m_backend = nullptr;
    }
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }
    qDeleteAll(m_runs);
}

template<typename Fn>
void ConsoleEngine::toBackend(Fn &&fn)
{
    if (!m_backend)
        return;
    if (m_thread)
        QMetaObject::invokeMethod(m_backend, std::forward<Fn>(fn), Qt::QueuedConnection);
    else
        fn();
}

void ConsoleEngine::connectBackend()
{
    EngineBackend *b = m_backend;
    connect(b, &EngineBackend::stepEvent, this, &ConsoleEngine::onStepEvent);
    connect(b, &EngineBackend::operationFinished, this, &ConsoleEngine::onOperationFinished);
    connect(b, &EngineBackend::claimed, this, &ConsoleEngine::onClaimed);
    connect(b, &EngineBackend::organizationChanged, this, &ConsoleEngine::organizationChanged);
    connect(b, &EngineBackend::recoveryFinished, this, [this](const QJsonObject &result, bool ok, const QString &error) {
        m_recovering = false;
        Q_EMIT recoveryFinished(result, ok, error);
    });
    connect(b, &EngineBackend::orphanSweepFinished, this,
            [this](const QJsonObject &result, bool released, bool ok, const QString &error) {
                m_sweeping = false;
                Q_EMIT orphanSweepFinished(result, released, ok, error);
            });
    connect(b, &EngineBackend::queueChanged, this, &ConsoleEngine::queueChanged);
    connect(b, &EngineBackend::drainingChanged, this, [this](int n) { m_draining = n; });
    connect(b, &EngineBackend::feedEvent, this, &ConsoleEngine::onFeedEvent);
    connect(b, &EngineBackend::configurationChanged, this, [this](const QString &problem, const AssistantTemplate &t) {
        m_problem = problem;
        m_template = t;
        Q_EMIT configurationChanged();
    });
}

void ConsoleEngine::reconfigure(ServicesFactory factory)
{
    toBackend([b = m_backend, factory = std::move(factory)] { b->reconfigure(factory); });
}

void ConsoleEngine::reconfigure(std::shared_ptr<ProvisioningServices> services, const QString &problem)
{
    Q_ASSERT(!m_thread); // services belong to the thread that made them
    toBackend([b = m_backend, built = EngineServices{std::move(services), problem}] { b->reconfigure(built); });
}

QList<std::pair<QString, QString>> ConsoleEngine::provisioningSteps() const
{
    QList<std::pair<QString, QString>> shown = m_steps; // English, cached; translated on the way out
    for (auto &[name, title] : shown)
        title = provisioningStepTitle(title);
    return shown;
}

void ConsoleEngine::declareSteps(LiveRun *run) const
{
    if (run->kind() == LiveRun::Kind::Cleanup) {
        for (const auto &[name, title] : m_cleanupSteps)
            run->declareStep(name, title);
    } else if (run->kind() != LiveRun::Kind::ResendEmail) {
        for (const auto &[name, title] : provisioningSteps())
            run->declareStep(name, title);
    }
}

LiveRun *ConsoleEngine::track(LiveRun::Kind kind, const Organization &org)
{
    auto *run = new LiveRun(kind, org.id, org.companyName);
    run->setOrigin(m_actor, tr("this console"), false);
    m_runs.append(run);
    Q_EMIT runAdded(run);
    return run;
}

void ConsoleEngine::startOn(LiveRun *run, LiveRun::Kind kind, const Organization &org, const QString &countryCode,
                            const QString &areaCode)
{
    const qint64 key = m_nextKey++;
    m_byKey.insert(key, run);
    toBackend([b = m_backend, key, kind, org, countryCode, areaCode] { b->start(key, kind, org, countryCode, areaCode); });
    Q_EMIT organizationChanged(org.id);
}

void ConsoleEngine::finishRun(LiveRun *run, const OperationOutcome &o)
{
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

void ConsoleEngine::onStepEvent(qint64 key, const pipeline::StepEvent &e)
{
    LiveRun *run = m_byKey.value(key);
    if (!run)
        return;
    if (!e.runId.isEmpty() && run->runId() != e.runId) {
        run->setRunId(e.runId);
        m_byRunId.insert(e.runId, run);
    }
    run->apply(e);
}

void ConsoleEngine::onOperationFinished(qint64 key, const OperationOutcome &outcome)
{
    if (LiveRun *run = m_byKey.take(key))
        finishRun(run, outcome);
}

LiveRun *ConsoleEngine::startProvisioning(LiveRun::Kind kind, const Organization &org, const QString &countryCode,
                                          const QString &areaCode)
{
    if (!isConfigured())
        return nullptr;
    LiveRun *run = track(kind, org);
    declareSteps(run);
    run->note(areaCode.isEmpty() ? tr("%1 %2 in %3 (any area code)").arg(run->kindTitle(), org.companyName, countryCode)
                                 : tr("%1 %2 in %3, area code %4").arg(run->kindTitle(), org.companyName, countryCode, areaCode));
    startOn(run, kind, org, countryCode, areaCode);
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
    declareSteps(run);
    startOn(run, LiveRun::Kind::Cleanup, org);
    return run;
}

LiveRun *ConsoleEngine::resendEmail(const Organization &org)
{
    if (!isConfigured())
        return nullptr;
    LiveRun *run = track(LiveRun::Kind::ResendEmail, org);
    run->declareStep(ResendEmailOperation::kStep, tr("E-mail the owner"));
    startOn(run, LiveRun::Kind::ResendEmail, org);
    return run;
}

bool ConsoleEngine::canCancel(const LiveRun *run)
{
    return run && !run->isFinished() && !run->isCancelRequested() &&
           (run->kind() == LiveRun::Kind::Approve || run->kind() == LiveRun::Kind::Retry);
}

bool ConsoleEngine::cancel(LiveRun *run)
{
    if (!canCancel(run) || !m_backend)
        return false;
    if (run->isRemote()) {
        if (run->runId().isEmpty())
            return false;
        run->markCancelRequested();
        QPointer<LiveRun> guard(run);
        toBackend([this, b = m_backend, guard, runId = run->runId(), org = run->organizationId(), queued = run->isQueued()] {
            const EngineBackend::RemoteCancel answer = b->cancelRemote(runId, org, queued);
            QMetaObject::invokeMethod(this, [this, guard, answer] {
                if (!guard || m_runs.indexOf(guard.data()) < 0)
                    return;
                if (answer == EngineBackend::RemoteCancel::Requested)
                    guard->note(tr("Cancel requested: the process that runs it stops and undoes what it did"));
                else if (answer == EngineBackend::RemoteCancel::Refused)
                    guard->note(tr("Cancel could not be requested: the run has ended or the database refused it"), true);
            });
        });
        return true;
    }
    const qint64 key = m_byKey.key(run, 0);
    if (key == 0)
        return false;
    run->markCancelRequested();
    toBackend([b = m_backend, key] { b->cancel(key); });
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
    toBackend([b = m_backend] { b->recover(); });
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
    toBackend([b = m_backend, release, onlyIds] { b->sweepOrphans(release, onlyIds); });
}

void ConsoleEngine::checkConfiguration(const QString &smtpProblem, std::function<void(const QJsonObject &)> done)
{
    toBackend([this, b = m_backend, smtpProblem, done = std::move(done)]() mutable {
        b->checkConfiguration(smtpProblem, [this, done = std::move(done)](const QJsonObject &result) mutable {
            QMetaObject::invokeMethod(this, [done = std::move(done), result] { done(result); });
        });
    });
}

void ConsoleEngine::checkConfigurationWith(ServicesFactory factory, std::function<void(const QJsonObject &)> done)
{
    toBackend([this, b = m_backend, factory = std::move(factory), done = std::move(done)]() mutable {
        b->checkConfigurationWith(factory, [this, done = std::move(done)](const QJsonObject &result) mutable {
            QMetaObject::invokeMethod(this, [done = std::move(done), result] { done(result); });
        });
    });
}

void ConsoleEngine::checkCompliance(const QString &countryCode, bool refresh, QObject *context,
                                    std::function<void(const QJsonObject &)> done)
{
    QPointer<QObject> guard(context);
    toBackend([this, b = m_backend, countryCode, refresh, guard, done = std::move(done)]() mutable {
        b->checkCompliance(countryCode, refresh, [this, guard, done = std::move(done)](const QJsonObject &result) mutable {
            QMetaObject::invokeMethod(this, [guard, done = std::move(done), result] {
                if (guard)
                    done(result);
            });
        });
    });
}

void ConsoleEngine::costsReport(const QString &month, QObject *context,
                                std::function<void(const QJsonObject &, bool, const QString &)> done)
{
    QPointer<QObject> guard(context);
    toBackend([this, b = m_backend, month, guard, done = std::move(done)]() mutable {
        b->costsReport(month, [this, guard, done = std::move(done)](const QJsonObject &result, bool ok, const QString &error) mutable {
            QMetaObject::invokeMethod(this, [guard, done = std::move(done), result, ok, error] {
                if (guard)
                    done(result, ok, error);
            });
        });
    });
}

void ConsoleEngine::numberPrices(const QStringList &countries, QObject *context,
                                 std::function<void(const QHash<QString, double> &)> done)
{
    QPointer<QObject> guard(context);
    toBackend([this, b = m_backend, countries, guard, done = std::move(done)]() mutable {
        b->numberPrices(countries, [this, guard, done = std::move(done)](const QHash<QString, double> &prices) mutable {
            QMetaObject::invokeMethod(this, [guard, done = std::move(done), prices] {
                if (guard)
                    done(prices);
            });
        });
    });
}

void ConsoleEngine::loadAssistantTemplates(QObject *context, std::function<void(const AssistantTemplates &)> done)
{
    QPointer<QObject> guard(context);
    toBackend([this, b = m_backend, guard, done = std::move(done)]() mutable {
        AssistantTemplates answer = b->assistantTemplates();
        QMetaObject::invokeMethod(this, [guard, done = std::move(done), answer] {
            if (guard)
                done(answer);
        });
    });
}

void ConsoleEngine::saveAssistantTemplate(const AssistantTemplate &body, const QString &note, QObject *context,
                                          std::function<void(const Result<qint64> &)> done)
{
    QPointer<QObject> guard(context);
    toBackend([this, b = m_backend, body, note, guard, done = std::move(done)]() mutable {
        Result<qint64> saved = b->saveAssistantTemplate(body, note);
        QMetaObject::invokeMethod(this, [guard, done = std::move(done), saved] {
            if (guard)
                done(saved);
        });
    });
}

LiveRollout *ConsoleEngine::rolloutAssistants(qint64 version, const QList<qint64> &organizationIds, bool dryRun, QObject *owner)
{
    if (!isConfigured() || !m_backend)
        return nullptr;
    auto *rollout = new LiveRollout(version, dryRun, owner);
    const qint64 key = m_nextKey++;
    m_rollouts.insert(rollout, key);
    connect(rollout, &QObject::destroyed, this, [this, rollout] { m_rollouts.remove(rollout); });
    QPointer<LiveRollout> guard(rollout);
    // Each callback comes back to this thread, in the order the backend made them.
    RolloutCallbacks callbacks;
    callbacks.planned = [this, guard](qint64 v, const QList<std::pair<qint64, QString>> &organizations) {
        QMetaObject::invokeMethod(this, [guard, v, organizations] {
            if (guard)
                guard->setPlan(v, organizations);
        });
    };
    callbacks.ended = [this, guard](qint64 id, const QJsonObject &answer) {
        QMetaObject::invokeMethod(this, [guard, id, answer] {
            if (guard)
                guard->setEnded(id, answer);
        });
    };
    callbacks.finished = [this, guard](const QJsonObject &result, bool ok, const QString &error) {
        QMetaObject::invokeMethod(this, [this, guard, result, ok, error] {
            if (!guard)
                return;
            m_rollouts.remove(guard.data());
            guard->setFinished(result, ok, error);
        });
    };
    toBackend([b = m_backend, key, version, organizationIds, dryRun, callbacks = std::move(callbacks)]() mutable {
        b->rollout(key, version, organizationIds, dryRun, std::move(callbacks));
    });
    return rollout;
}

void ConsoleEngine::cancel(LiveRollout *rollout)
{
    const auto it = m_rollouts.constFind(rollout);
    if (it == m_rollouts.cend() || rollout->isFinished())
        return;
    rollout->setCancelRequested();
    toBackend([b = m_backend, key = *it] { b->cancel(key); });
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

LiveRun::Outcome finishedOutcome(RunStatus status)
{
    return status == RunStatus::Succeeded        ? LiveRun::Outcome::Succeeded
           : status == RunStatus::NeedsAttention ? LiveRun::Outcome::NeedsAttention
           : status == RunStatus::Canceled       ? LiveRun::Outcome::Canceled
                                                 : LiveRun::Outcome::Failed;
}

} // namespace

void ConsoleEngine::followTeam(int recent)
{
    if (m_following || !m_backend) {
        if (!m_backend)
            Q_EMIT followingTeam(false, m_problem);
        return;
    }
    m_following = true;
    toBackend([this, b = m_backend, recent] {
        auto snapshots = b->followTeam(recent);
        QMetaObject::invokeMethod(this, [this, snapshots = std::move(snapshots)] {
            if (!snapshots) {
                m_following = false;
                qCWarning(lcApp) << "cannot follow the team's runs:" << snapshots.error().message;
                Q_EMIT followingTeam(false, snapshots.error().message);
                return;
            }
            for (const RunSnapshot &s : snapshots.value())
                observe(s);
            Q_EMIT followingTeam(true, QString());
        });
    });
}

LiveRun *ConsoleEngine::observe(const RunSnapshot &s)
{
    const ProvisioningRun &r = s.run;
    m_snapshotAsked.remove(r.id);
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
    auto *run = new LiveRun(*kind, r.organizationId, s.organizationName);
    run->setRunId(r.id);
    run->setOrigin(r.actor, pipeline::LeaseOwner::describe(r.leaseOwner), true);
    run->setQueued(r.status == RunStatus::Queued);
    declareSteps(run);
    for (const RunStep &step : s.steps) {
        run->apply(pipeline::StepEvent{r.id, step.step, stepStateFromJournal(statusName(step.status)), step.attempt,
                                       step.detail, step.error, step.updatedAt});
    }
    m_byRunId.insert(r.id, run);
    m_runs.append(run);
    if (!isLive(r.status))
        run->finish(finishedOutcome(r.status), {}, r.error, r.failedStep);
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
            // A run this console has not seen: read it once (the journal so far), then its events move it.
            if (m_snapshotAsked.contains(e.runId))
                return;
            m_snapshotAsked.insert(e.runId);
            toBackend([this, b = m_backend, runId = e.runId] {
                std::optional<RunSnapshot> s = b->snapshot(runId);
                QMetaObject::invokeMethod(this, [this, runId, s = std::move(s)] {
                    if (s)
                        observe(*s);
                    else
                        m_snapshotAsked.remove(runId);
                });
            });
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
            run->finish(finishedOutcome(*status), {}, e.error);
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
    toBackend([b = m_backend, n] { b->setQueueDraining(n); });
}

void ConsoleEngine::onClaimed(qint64 key, const ProvisioningRun &r, const QString &organizationName)
{
    // A queued run this console claimed: the view it may already show (queued, remote) becomes local.
    LiveRun *run = m_byRunId.value(r.id);
    if (!run) {
        run = new LiveRun(LiveRun::Kind::Approve, r.organizationId, organizationName);
        run->setRunId(r.id);
        declareSteps(run);
        m_byRunId.insert(r.id, run);
        m_runs.append(run);
        Q_EMIT runAdded(run);
    }
    run->setQueued(false);
    run->setOrigin(r.actor, tr("this console"), false);
    run->note(tr("Claimed from the queue (queued by %1)").arg(r.actor));
    m_byKey.insert(key, run);
}

void ConsoleEngine::queueApprovals(const QList<qint64> &organizationIds, const QString &countryCode, const QString &areaCode,
                                   QObject *context, std::function<void(const QHash<qint64, QString> &)> done)
{
    QPointer<QObject> guard(context);
    toBackend([this, b = m_backend, organizationIds, countryCode, areaCode, guard, done = std::move(done)]() mutable {
        QHash<qint64, QString> errors = b->queueApprovals(organizationIds, countryCode, areaCode);
        QMetaObject::invokeMethod(this, [guard, done = std::move(done), errors = std::move(errors)] {
            if (guard && done)
                done(errors);
        });
    });
}

void ConsoleEngine::refreshQueue()
{
    toBackend([b = m_backend] { b->refreshQueue(); });
}

} // namespace oc
