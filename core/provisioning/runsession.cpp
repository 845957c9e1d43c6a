#include "runsession.h"

#include "pipeline/leaseowner.h"
#include "provisioning/provisioningcontext.h"
#include "store/store.h"
#include "util/logging.h"

namespace oc {

RunSession::RunSession(ProvisioningServices &services, ProvisioningRun run, LeaseFence fence)
    : m_services(services), m_run(std::move(run)),
      m_lease(std::make_unique<pipeline::RunLease>(services.store.runs(), std::move(fence), services.leaseLength))
{
    m_run.leaseOwner = m_lease->fence().owner;
    m_run.leaseEpoch = m_lease->fence().epoch;
    connect(m_lease.get(), &pipeline::RunLease::lost, this, [this](const QString &) { Q_EMIT lost(m_lease->stoppedMessage()); },
            Qt::QueuedConnection);
    m_lease->startRenewing();
    if (CancelRequests *requests = services.cancelRequests.get()) {
        connect(requests, &CancelRequests::requested, this, [this](const QString &runId) {
            if (runId == m_run.id)
                Q_EMIT cancelRequested();
        }, Qt::QueuedConnection);
        requests->watch(m_run.id);
    }
}

RunSession::~RunSession()
{
    if (m_services.cancelRequests)
        m_services.cancelRequests->unwatch(m_run.id);
}

Result<std::unique_ptr<RunSession>> RunSession::claimQueued(ProvisioningServices &services)
{
    auto claimed = services.store.runs().claimQueued(pipeline::LeaseOwner::current().toString(), services.leaseLength.count());
    if (!claimed)
        return claimed.error();
    if (!claimed->has_value())
        return std::unique_ptr<RunSession>();
    RunRepository::Claimed c = **claimed;
    qCInfo(lcPipeline) << "claimed queued run" << c.run.id << "of organization" << c.run.organizationId;
    return std::unique_ptr<RunSession>(new RunSession(services, std::move(c.run), std::move(c.fence)));
}

Result<std::unique_ptr<RunSession>> RunSession::create(ProvisioningServices &services, ProvisioningRun run)
{
    run.leaseOwner = pipeline::LeaseOwner::current().toString();
    auto fence = services.store.runs().create(run, services.leaseLength.count());
    if (!fence)
        return fence.error();
    return std::unique_ptr<RunSession>(new RunSession(services, std::move(run), fence.value()));
}

Result<RunSession::Claim> RunSession::claim(ProvisioningServices &services, const QString &runId)
{
    RunRepository &runs = services.store.runs();
    auto run = runs.find(runId);
    if (!run)
        return run.error();
    if (!isLive(run->status))
        return Claim{nullptr, QStringLiteral("run %1 has already ended (%2)").arg(runId, statusName(run->status))};
    if (run->status == RunStatus::Queued)
        return Claim{nullptr, QStringLiteral("run %1 is queued: a worker or a console starts it").arg(runId)};
    auto state = runs.leaseState(runId);
    if (!state)
        return state.error();
    const QString me = pipeline::LeaseOwner::current().toString();
    const auto owner = pipeline::LeaseOwner::parse(state->owner);
    if (!state->owner.isEmpty() && state->owner == me && !state->expired)
        return Claim{nullptr, QStringLiteral("run %1 is driven by this process").arg(runId)};
    const bool gone = owner.isGoneFromThisHost();
    if (!state->owner.isEmpty() && !state->expired && !gone)
        return Claim{nullptr, QStringLiteral("held by %1 until its lease expires").arg(state->owner)};
    // The swap names what was just read: if anyone claimed (or renewed into a new epoch) since, it fails.
    auto claimed = runs.claimLease(runId, me, state.value(), services.leaseLength.count(), !gone && !state->owner.isEmpty());
    if (!claimed)
        return claimed.error();
    if (!claimed->has_value())
        return Claim{nullptr, QStringLiteral("another process claimed run %1 first").arg(runId)};
    qCInfo(lcPipeline) << "claimed run" << runId << "at epoch" << claimed->value().epoch << "from" << state->owner;
    return Claim{std::unique_ptr<RunSession>(new RunSession(services, run.value(), claimed->value())), {}};
}

Result<void> RunSession::finish(ProvisioningRun ended, AuditRecord audit)
{
    m_lease->stopRenewing();
    if (m_lease->isLost())
        return Error::fenced(m_lease->stoppedMessage());
    Store &store = m_services.store;
    ended.id = m_run.id;
    ended.organizationId = m_run.organizationId;
    auto done = store.database().transaction([&]() -> Result<void> {
        if (auto r = store.runs().updateOutcome(ended, m_lease->fence(), true); !r)
            return r;
        if (auto r = store.audit().append(audit); !r)
            return r.error();
        return {};
    });
    if (!done) {
        if (done.error().kind == Error::Kind::Fenced)
            m_lease->markLost(done.error().message);
        else
            qCWarning(lcPipeline) << "could not record the end of run" << m_run.id << done.error().message;
        return done;
    }
    m_run = ended;
    if (m_services.cancelRequests)
        m_services.cancelRequests->unwatch(m_run.id);
    return {};
}

Result<void> RunSession::end(RunStatus status, const QString &error, const QString &actor, const QString &action)
{
    ProvisioningRun ended = m_run;
    ended.status = status;
    ended.finishedAt = QDateTime::currentDateTimeUtc();
    ended.error = error;
    AuditRecord audit;
    audit.actor = actor;
    audit.action = action;
    audit.organizationId = m_run.organizationId;
    audit.runId = m_run.id;
    audit.outcome = statusName(status);
    audit.detail = error;
    return finish(ended, audit);
}

Result<void> RunSession::update(const ProvisioningRun &moved)
{
    ProvisioningRun r = moved;
    r.id = m_run.id;
    auto updated = m_services.store.runs().updateOutcome(r, m_lease->fence(), false);
    if (!updated && updated.error().kind == Error::Kind::Fenced)
        m_lease->markLost(updated.error().message);
    if (updated)
        m_run = r;
    return updated;
}

void RunSession::handBack()
{
    if (m_services.cancelRequests)
        m_services.cancelRequests->unwatch(m_run.id);
    m_lease->stopRenewing();
    if (!m_lease->isLost())
        (void)m_services.store.runs().releaseLease(m_lease->fence());
}

} // namespace oc
