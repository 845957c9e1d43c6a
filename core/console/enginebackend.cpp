#include "enginebackend.h"

#include "provisioning/assistantrollout.h"

#include "pipeline/calllimiter.h"
#include "provisioning/approveoperation.h"
#include "provisioning/assistantrollout.h"
#include "provisioning/checkconfig.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/compliancecheck.h"
#include "provisioning/costsreport.h"
#include "provisioning/numberprices.h"
#include "provisioning/orphansweep.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/recoveroperation.h"
#include "provisioning/resendemailoperation.h"
#include "provisioning/retryoperation.h"
#include "store/store.h"
#include "team/queueworker.h"

#include <QCoreApplication>
#include <QTimer>

namespace oc {

EngineBackend::EngineBackend(ProvisioningServices &services, QString actor, int concurrentVendorCalls)
    : m_services(&services), m_actor(std::move(actor)),
      m_limiter(std::make_unique<pipeline::CallLimiter>(std::max(1, concurrentVendorCalls)))
{
    // One limit for every operation the console starts (approve, retry, recover, cleanup, orphans): the
    // process's own when the wiring made one, else this engine's.
    if (!m_services->limiter) {
        m_services->limiter = m_limiter.get();
        m_limiterInstalledIn = m_services;
    }
}

EngineBackend::EngineBackend(DatabaseUrl url, ServicesFactory factory, QString actor, int concurrentVendorCalls)
    : m_url(std::move(url)), m_factory(std::move(factory)), m_actor(std::move(actor)),
      m_limiter(std::make_unique<pipeline::CallLimiter>(std::max(1, concurrentVendorCalls)))
{
}

EngineBackend::~EngineBackend()
{
    shutdown();
}

Result<void> EngineBackend::init()
{
    if (m_services)
        return {};
    auto store = Store::open(m_url);
    if (!store)
        return store.error();
    m_ownStore = std::move(store).value();
    EngineServices built = m_factory(*m_ownStore);
    m_factory = nullptr;
    if (!built.services)
        return Error::invalid(built.problem);
    install(std::move(built));
    return {};
}

void EngineBackend::shutdown()
{
    m_feed.reset();
    delete m_queueTimer;
    m_queueTimer = nullptr;
    // Closing with runs in flight: their leases are given up, so the next worker or console finishes them at
    // once from the journal (a bulk approval survives the console being closed). Then the operations (they may
    // still reference the limiter), then the rest.
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
    if (m_limiterInstalledIn)
        m_limiterInstalledIn->limiter = nullptr; // the caller's services outlive this engine
    m_limiterInstalledIn = nullptr;
    m_released.clear();
    if (m_ownStore) {
        m_services = nullptr;
        m_servicesHold.reset();
        m_ownStore.reset();
    }
}

void EngineBackend::install(EngineServices built)
{
    if (!built.services->limiter)
        built.services->limiter = m_limiter.get(); // they live no longer than the operations this engine deletes
    m_servicesHold = std::move(built.services);
    m_services = m_servicesHold.get();
    m_problem = built.problem;
}

void EngineBackend::holdServicesFor(QObject *operation)
{
    // The connection keeps a reference until the operation is destroyed (no context object: the connection
    // lives exactly as long as the sender), then hands it to m_released, which lets go on the next event-loop
    // turn: never inside the operation's own destructor. New settings never pull the clients from under a
    // running setup.
    if (!m_servicesHold)
        return;
    connect(operation, &QObject::destroyed, this, [this, held = m_servicesHold] {
        m_released.push_back(held);
        QTimer::singleShot(0, this, [this] { m_released.clear(); });
    });
}

void EngineBackend::reconfigure(const ServicesFactory &factory)
{
    EngineServices built = factory(store());
    if (built.services)
        reconfigure(std::move(built));
}

void EngineBackend::reconfigure(EngineServices built)
{
    if (!built.services)
        return;
    install(std::move(built));
    m_compliance.clear(); // another account or other defaults: ask again
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
    if (m_drainWanted > 0 && isConfigured())
        startWorker(m_drainWanted);
    Q_EMIT configurationChanged(m_problem, m_services->assistantTemplate);
}

QList<std::pair<QString, QString>> EngineBackend::provisioningSteps()
{
    if (m_steps.isEmpty()) {
        ProvisioningContext probe(*m_services, Organization{}, QString(), QString(), QString());
        const pipeline::Recipe recipe = provisioningRecipe(probe);
        for (const auto &step : recipe.steps())
            m_steps.append({step.name, step.title});
    }
    return m_steps; // English: translated where shown
}

QList<std::pair<QString, QString>> EngineBackend::cleanupSteps()
{
    return CleanupOperation::steps(*m_services);
}

void EngineBackend::watch(qint64 key, Operation *op)
{
    m_operations.insert(key, op);
    connect(op, &Operation::stepEvent, this, [this, key](const pipeline::StepEvent &e) { Q_EMIT stepEvent(key, e); });
    connect(op, &Operation::finished, this, [this, key, op] {
        const OperationOutcome outcome = op->outcome();
        if (m_operations.take(key) == op && key > 0)
            op->deleteLater(); // the worker owns and deletes what it claimed
        Q_EMIT operationFinished(key, outcome);
    });
}

void EngineBackend::start(qint64 key, LiveRun::Kind kind, const Organization &org, const QString &countryCode,
                          const QString &areaCode)
{
    Operation *op = nullptr;
    switch (kind) {
    case LiveRun::Kind::Approve:
        op = new ApproveOperation(*m_services, org.id, countryCode, areaCode, m_actor, m_services->limiter, this);
        break;
    case LiveRun::Kind::Retry: op = new RetryOperation(*m_services, org.id, countryCode, areaCode, m_actor, this); break;
    case LiveRun::Kind::Cleanup: op = new CleanupOperation(*m_services, org.id, m_actor, this); break;
    case LiveRun::Kind::ResendEmail: op = new ResendEmailOperation(*m_services, org.id, m_actor, this); break;
    }
    holdServicesFor(op);
    watch(key, op);
    // The run row exists once the first step moves: the organization now shows as provisioning.
    connect(op, &Operation::stepEvent, this, [this, id = org.id] { Q_EMIT organizationChanged(id); }, Qt::SingleShotConnection);
    op->start();
}

void EngineBackend::cancel(qint64 key)
{
    if (Operation *op = m_operations.value(key); op && op->isCancelable())
        op->cancel();
}

EngineBackend::RemoteCancel EngineBackend::cancelRemote(const QString &runId, qint64 organizationId, bool queued)
{
    // Another process drives it: a queued run is canceled here (nothing was bought); a running one's owner is
    // asked through the database and honours it within a second — its lease is never taken.
    RunRepository &runs = store().runs();
    if (queued) {
        auto canceled = runs.cancelQueued(runId, QStringLiteral("canceled by %1 before it started").arg(m_actor));
        if (canceled && canceled.value()) {
            AuditRecord a;
            a.actor = m_actor;
            a.action = QStringLiteral("run.cancel");
            a.organizationId = organizationId;
            a.runId = runId;
            a.outcome = QStringLiteral("canceled");
            a.detail = QStringLiteral("canceled while queued: nothing was bought");
            (void)store().audit().append(a);
            return RemoteCancel::CanceledQueued;
        }
    }
    auto asked = runs.requestCancel(runId, m_actor);
    return asked && asked.value() ? RemoteCancel::Requested : RemoteCancel::Refused;
}

void EngineBackend::recover()
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

void EngineBackend::sweepOrphans(bool release, const QStringList &onlyIds)
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

void EngineBackend::checkConfiguration(const QString &smtpProblem, std::function<void(const QJsonObject &)> done)
{
    auto *op = new CheckConfig(*m_services, smtpProblem, this);
    holdServicesFor(op);
    connect(op, &CheckConfig::finished, this, [op, done = std::move(done)] {
        done(op->result());
        op->deleteLater();
    });
    op->start();
}

void EngineBackend::checkConfigurationWith(const ServicesFactory &factory, std::function<void(const QJsonObject &)> done)
{
    EngineServices built = factory(store());
    if (!built.problem.isEmpty() || !built.services) {
        done(QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("error"), built.problem}});
        return;
    }
    auto *op = new CheckConfig(*built.services, QString(), this);
    // The draft's services (clients, mailer) go with this lambda, when the check itself is deleted.
    connect(op, &CheckConfig::finished, this, [op, held = built.services, done = std::move(done)] {
        done(op->result());
        op->deleteLater();
    });
    op->start();
}

void EngineBackend::checkCompliance(const QString &countryCode, bool refresh, std::function<void(const QJsonObject &)> done)
{
    const QString country = countryCode.trimmed().toUpper();
    if (!refresh && m_compliance.contains(country))
        return done(m_compliance.value(country));
    auto *check = new ComplianceCheck(*m_services, country, {}, this);
    holdServicesFor(check);
    connect(check, &ComplianceCheck::finished, this, [this, check, country, done = std::move(done)] {
        const Result<ComplianceChoice> &result = check->result();
        QJsonObject answer;
        if (result) {
            answer = result->toJson();
            answer.insert(QStringLiteral("ok"), true);
            answer.insert(QStringLiteral("detail"), result->summary());
        } else {
            answer = QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("country"), country},
                                 {QStringLiteral("detail"), result.error().message},
                                 {QStringLiteral("reason"), ComplianceCheck::failureName(check->failure())}};
        }
        // Only a definite answer is kept: a vendor that did not answer is asked again next time.
        if (result || result.error().kind != Error::Kind::Unavailable)
            m_compliance.insert(country, answer);
        done(answer);
        check->deleteLater();
    });
    check->start();
}

void EngineBackend::costsReport(const QString &month, std::function<void(const QJsonObject &, bool, const QString &)> done)
{
    if (!isConfigured())
        return done({}, false, m_problem);
    auto *op = new CostsReport(*m_services, month, this);
    holdServicesFor(op);
    connect(op, &CostsReport::finished, this, [op, done = std::move(done)] {
        done(op->result(), op->ok(), op->errorMessage());
        op->deleteLater();
    });
    op->start();
}

void EngineBackend::numberPrices(const QStringList &countries, std::function<void(const QHash<QString, double> &)> done)
{
    if (!isConfigured())
        return done({});
    auto *lookup = new NumberPrices(*m_services, countries, this);
    holdServicesFor(lookup);
    connect(lookup, &NumberPrices::finished, this, [lookup, done = std::move(done)] {
        QHash<QString, double> prices;
        for (auto it = lookup->prices().cbegin(); it != lookup->prices().cend(); ++it)
            prices.insert(it.key(), it->monthly);
        done(prices);
        lookup->deleteLater();
    });
    lookup->start();
}

AssistantTemplates EngineBackend::assistantTemplates()
{
    AssistantTemplates answer;
    auto current = store().assistantTemplates().current(m_services->assistantTemplate, m_actor);
    if (!current) {
        answer.error = current.error().message;
        return answer;
    }
    answer.current = current->version;
    auto all = store().assistantTemplates().list();
    if (!all) {
        answer.error = all.error().message;
        return answer;
    }
    answer.versions = all.value();
    return answer;
}

Result<qint64> EngineBackend::saveAssistantTemplate(const AssistantTemplate &body, const QString &note)
{
    return saveAssistantTemplateVersion(store(), body, note, m_services->assistantTemplate, m_actor);
}

void EngineBackend::rollout(qint64 key, qint64 version, const QList<qint64> &organizationIds, bool dryRun, RolloutCallbacks callbacks)
{
    if (!isConfigured()) {
        callbacks.finished({}, false, m_problem);
        return;
    }
    auto *op = new AssistantRollout(*m_services, version, organizationIds, m_actor, dryRun, this);
    holdServicesFor(op);
    m_operations.insert(key, op);
    connect(op, &AssistantRollout::planned, this, [this, op, planned = callbacks.planned](int) {
        QList<std::pair<qint64, QString>> organizations;
        organizations.reserve(op->organizations().size());
        for (qint64 id : op->organizations())
            organizations.append({id, organizationName(id)});
        planned(op->version(), organizations);
    });
    connect(op, &AssistantRollout::organizationEnded, this, [this, ended = callbacks.ended](qint64 id, const QJsonObject &answer) {
        ended(id, answer);
        Q_EMIT organizationChanged(id);
    });
    connect(op, &Operation::finished, this, [this, key, op, finished = callbacks.finished] {
        if (m_operations.value(key) == op)
            m_operations.remove(key);
        const OperationOutcome &outcome = op->outcome();
        finished(outcome.answer, outcome.result == OperationOutcome::Result::Succeeded, outcome.error);
        op->deleteLater();
    });
    op->start();
}

QString EngineBackend::organizationName(qint64 organizationId)
{
    auto org = store().organizations().find(organizationId);
    return org ? org->companyName : QCoreApplication::translate("oc::ConsoleEngine", "organization %1").arg(organizationId);
}

RunSnapshot EngineBackend::snapshotOf(const ProvisioningRun &run)
{
    RunSnapshot s{run, organizationName(run.organizationId), {}};
    if (auto steps = store().runs().steps(run.id))
        s.steps = steps.value();
    return s;
}

std::optional<RunSnapshot> EngineBackend::snapshot(const QString &runId)
{
    auto row = store().runs().find(runId);
    if (!row)
        return std::nullopt;
    return snapshotOf(row.value());
}

Result<QList<RunSnapshot>> EngineBackend::followTeam(int recent)
{
    if (m_feed)
        return QList<RunSnapshot>{};
    auto feed = RunFeed::open(store().database().url());
    if (!feed)
        return feed.error();
    m_feed = std::move(feed).value();
    connect(m_feed.get(), &RunFeed::event, this, &EngineBackend::feedEvent);
    if (auto started = m_feed->start(); !started) {
        m_feed.reset();
        return started.error();
    }
    auto runs = store().runs().liveAndRecent(recent);
    if (!runs)
        return runs.error();
    QList<RunSnapshot> out;
    out.reserve(runs->size());
    for (const ProvisioningRun &r : runs.value())
        out.append(snapshotOf(r));
    m_queueTimer = new QTimer(this);
    m_queueTimer->setInterval(3000);
    connect(m_queueTimer, &QTimer::timeout, this, &EngineBackend::refreshQueue);
    m_queueTimer->start();
    refreshQueue();
    return out;
}

void EngineBackend::setQueueDraining(int n)
{
    m_drainWanted = std::max(0, n);
    if (n <= 0) {
        if (m_worker)
            m_worker->stop();
    } else if (isConfigured()) { // else reconfigure() starts it once the vendors are reachable
        if (!m_worker) {
            startWorker(n);
        } else {
            m_worker->setConcurrency(n);
            if (m_worker->isStopping())
                m_worker->start();
        }
    }
    Q_EMIT drainingChanged(m_worker && !m_worker->isStopping() ? m_worker->concurrency() : 0);
}

void EngineBackend::startWorker(int n)
{
    QueueWorker::Options options;
    options.kind = QStringLiteral("console");
    options.concurrency = n;
    m_worker = std::make_unique<QueueWorker>(*m_services, m_actor, options);
    holdServicesFor(m_worker.get());
    connect(m_worker.get(), &QueueWorker::runStarted, this, &EngineBackend::attachClaimed);
    connect(m_worker.get(), &QueueWorker::recoveryEnded, this, [this] { refreshQueue(); });
    connect(m_worker.get(), &QueueWorker::runEnded, this, &EngineBackend::refreshQueueSoon);
    m_worker->start();
}

void EngineBackend::attachClaimed(const ProvisioningRun &r, Operation *op)
{
    const qint64 key = m_nextClaimKey--;
    Q_EMIT claimed(key, r, organizationName(r.organizationId));
    watch(key, op);
    Q_EMIT organizationChanged(r.organizationId);
    refreshQueueSoon();
}

QHash<qint64, QString> EngineBackend::queueApprovals(const QList<qint64> &organizationIds, const QString &countryCode,
                                                      const QString &areaCode)
{
    QHash<qint64, QString> errors;
    for (qint64 id : organizationIds) {
        auto queued = queueApproval(store(), id, countryCode, areaCode, m_actor);
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

void EngineBackend::refreshQueue()
{
    auto queued = store().runs().queuedCount();
    auto workers = store().workers().alive(15000);
    if (queued && workers)
        Q_EMIT queueChanged(queued.value(), workers.value());
}

void EngineBackend::refreshQueueSoon()
{
    if (!m_queueTimer || m_queueRefreshDue) // the team view is not open, or a refresh is already due
        return;
    m_queueRefreshDue = true;
    QTimer::singleShot(250, this, [this] {
        m_queueRefreshDue = false;
        if (m_queueTimer) // not shut down meanwhile
            refreshQueue();
    });
}

} // namespace oc
