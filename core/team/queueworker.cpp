#include "queueworker.h"

#include "pipeline/leaseowner.h"
#include "pipeline/runlease.h"
#include "provisioning/approveoperation.h"
#include "provisioning/provisioningcontext.h"
#include "provisioning/recoveroperation.h"
#include "provisioning/runsession.h"
#include "store/store.h"
#include "util/logging.h"

#include <QHostInfo>

namespace oc {

QueueWorker::QueueWorker(ProvisioningServices &services, QString actor, Options options, QObject *parent)
    : QObject(parent), m_services(services), m_actor(std::move(actor)), m_options(std::move(options))
{
    const auto owner = pipeline::LeaseOwner::current();
    m_self.id = owner.toString();
    m_self.kind = m_options.kind;
    m_self.host = owner.host;
    m_self.actor = m_actor;
    m_self.startedAt = QDateTime::currentDateTimeUtc();
    m_poll.setInterval(m_options.pollMs);
    connect(&m_poll, &QTimer::timeout, this, &QueueWorker::fill);
    m_heartbeat.setInterval(m_options.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &QueueWorker::beat);
}

QueueWorker::~QueueWorker()
{
    if (m_started)
        (void)m_services.store.workers().remove(m_self.id);
}

void QueueWorker::start()
{
    m_started = true;
    m_stopping = false;
    beat();
    m_poll.start();
    m_heartbeat.start();
    QTimer::singleShot(0, this, &QueueWorker::fill);
}

void QueueWorker::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_poll.stop();
    qCInfo(lcPipeline) << "worker stopping: finishing" << held() << "held run(s), claiming no more";
    QTimer::singleShot(0, this, &QueueWorker::maybeStopped);
}

void QueueWorker::setConcurrency(int n)
{
    m_options.concurrency = std::max(0, n);
    m_self.concurrency = m_options.concurrency;
    nudge();
}

void QueueWorker::nudge()
{
    if (m_started && !m_stopping)
        QTimer::singleShot(0, this, &QueueWorker::fill);
}

void QueueWorker::beat()
{
    m_self.concurrency = m_options.concurrency;
    m_self.running = held();
    if (auto r = m_services.store.workers().beat(m_self); !r)
        qCWarning(lcPipeline) << "worker heartbeat failed:" << r.error().message;
}

void QueueWorker::fill()
{
    // A role that may not set up (a viewer's console) claims nothing: the database would refuse every claim.
    if (m_filling || m_stopping || !m_started || m_services.store.database().inTransaction()
        || !m_services.store.access().may(DbAction::Approve))
        return;
    m_filling = true;
    const int heldBefore = held();
    const qint64 now = pipeline::bootClockMs();
    if (m_options.recoverEveryMs > 0 && !m_recovery && now - m_lastRecoverMs >= m_options.recoverEveryMs
        && held() < m_options.concurrency) {
        m_lastRecoverMs = now;
        recover();
    }
    while (!m_stopping && held() < m_options.concurrency) {
        auto session = RunSession::claimQueued(m_services);
        if (!session) {
            qCWarning(lcPipeline) << "could not claim from the queue:" << session.error().message;
            break;
        }
        if (!session.value())
            break;
        std::unique_ptr<RunSession> s = std::move(session).value();
        const ProvisioningRun run = s->run();
        ++m_claimed;
        auto *op = new ApproveOperation(m_services, run.organizationId, run.countryCode, run.areaCode, run.actor, nullptr, this);
        op->useRun(std::move(s));
        m_operations.insert(run.id, op);
        connect(op, &Operation::finished, this, [this, op, id = run.id] {
            m_operations.remove(id);
            Q_EMIT runEnded(id, op->outcome());
            op->deleteLater();
            if (m_stopping) {
                maybeStopped();
            } else {
                beat();
                nudge();
            }
        });
        Q_EMIT runStarted(run, op);
        op->start();
    }
    m_filling = false;
    if (held() != heldBefore)
        beat(); // the team's queue panels show what it runs now, not at the next heartbeat
}

void QueueWorker::recover()
{
    // Only when some run is live and unowned-or-abandoned is there anything to do; RecoverOperation skips the
    // rest (held by a live owner) without touching them.
    auto live = m_services.store.runs().withStatus({RunStatus::Running, RunStatus::Compensating});
    if (!live || live->isEmpty())
        return;
    bool candidate = false;
    for (const ProvisioningRun &r : live.value()) {
        if (m_operations.contains(r.id))
            continue;
        const auto owner = pipeline::LeaseOwner::parse(r.leaseOwner);
        // A first look by this clock; the claim decides by the database's.
        if (r.leaseOwner.isEmpty() || owner.isGoneFromThisHost() || !r.leaseExpiresAt.isValid()
            || r.leaseExpiresAt <= QDateTime::currentDateTimeUtc()) {
            candidate = true;
            break;
        }
    }
    if (!candidate)
        return;
    auto *op = new RecoverOperation(m_services, m_actor, this);
    m_recovery = op;
    connect(op, &Operation::finished, this, [this, op] {
        m_recovery = nullptr;
        Q_EMIT recoveryEnded(op->outcome().answer);
        op->deleteLater();
        if (m_stopping) {
            maybeStopped();
        } else {
            beat();
            nudge();
        }
    });
    op->start();
}

void QueueWorker::maybeStopped()
{
    if (!m_stopping || held() > 0)
        return;
    m_heartbeat.stop();
    if (m_started)
        (void)m_services.store.workers().remove(m_self.id);
    m_started = false;
    Q_EMIT stopped();
}

} // namespace oc
