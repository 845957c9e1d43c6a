#include "retryoperation.h"

#include "pipeline/leaseowner.h"
#include "pipeline/resourcetags.h"
#include "provisioning/approveoperation.h"
#include "provisioning/leftovers.h"
#include "provisioning/orphansweep.h"
#include "provisioning/runsession.h"
#include "store/store.h"

#include <QTimer>

namespace oc {

RetryOperation::RetryOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode,
                               QString actor, QObject *parent)
    : Operation(parent), m_services(services), m_organizationId(organizationId), m_countryCode(std::move(countryCode)),
      m_areaCode(std::move(areaCode)), m_actor(std::move(actor))
{
}

RetryOperation::~RetryOperation() = default;

void RetryOperation::start()
{
    QTimer::singleShot(0, this, &RetryOperation::begin);
}

void RetryOperation::cancel()
{
    if (isFinished())
        return;
    m_cancelRequested = true;
    if (m_approve)
        m_approve->cancel();
}

void RetryOperation::begin()
{
    if (auto allowed = m_services.store.access().require(DbAction::Retry); !allowed) // before anything is written
        return fail(allowed.error().message, allowed.error().kind);
    if (m_cancelRequested)
        return fail(QStringLiteral("retry canceled before it started: nothing was changed"));
    Store &store = m_services.store;
    if (auto org = store.organizations().find(m_organizationId); !org)
        return fail(org.error().message, org.error().kind);
    if (auto config = store.aiConfigs().findByOrganization(m_organizationId); config && config->setupCompleted)
        return fail(QStringLiteral("organization %1 is already set up (%2): run orgctl cleanup %1 first to set it up again")
                                     .arg(m_organizationId).arg(config->number), Error::Kind::Conflict);
    auto runs = store.runs().forOrganization(m_organizationId);
    if (!runs)
        return fail(runs.error().message, runs.error().kind);
    // The last setup (approve or retry) is what is retried; cleanups and orphan releases are not setups.
    std::optional<ProvisioningRun> lastSetup;
    for (const ProvisioningRun &r : runs.value()) {
        if (r.kind == QLatin1String("approve") || r.kind == QLatin1String("retry"))
            lastSetup = r;
        if (isLive(r.status)) {
            ProvisioningRun live = r;
            const bool setup = r.kind == QLatin1String("approve") || r.kind == QLatin1String("retry");
            if (!setup || !takeOverInterrupted(live))
                return fail(QStringLiteral("organization %1: AI setup already in progress").arg(m_organizationId), Error::Kind::Conflict);
            lastSetup = live;
        }
    }
    if (!lastSetup)
        return fail(QStringLiteral("organization %1 has no failed setup to retry: approve it instead").arg(m_organizationId),
                    Error::Kind::Conflict);
    const ProvisioningRun last = *lastSetup;
    if (m_countryCode.isEmpty())
        m_countryCode = last.countryCode;
    if (m_areaCode.isEmpty() && m_countryCode == last.countryCode)
        m_areaCode = last.areaCode;
    // The new run is held from here — before anything is looked at — so what it takes over cannot be released
    // meanwhile by an orphan release (which must hold the organization too) or taken by another retry.
    ProvisioningRun run;
    run.id = pipeline::ResourceTags::newRunId();
    run.organizationId = m_organizationId;
    run.kind = QStringLiteral("retry");
    run.status = RunStatus::Running;
    run.countryCode = m_countryCode.trimmed().toUpper();
    run.areaCode = m_areaCode.trimmed();
    run.actor = m_actor;
    auto session = RunSession::create(m_services, run);
    if (!session)
        return fail(session.error().kind == Error::Kind::Conflict
                                     ? QStringLiteral("organization %1: AI setup already in progress (or what it left is being released): "
                                                      "try again when it has ended").arg(m_organizationId)
                                     : session.error().message,
                    session.error().kind);
    m_session = std::move(session).value();
    connect(m_session.get(), &RunSession::lost, this, [this](const QString &message) {
        if (!m_approve)
            fail(message);
    });
    // Every run that left something behind is swept, not only the last one.
    if (auto again = store.runs().forOrganization(m_organizationId)) {
        for (const ProvisioningRun &r : again.value()) {
            if (r.status == RunStatus::NeedsAttention)
                m_leftoverRuns << r.id;
        }
    }
    if (last.status != RunStatus::NeedsAttention && !m_leftoverRuns.isEmpty())
        return sweep(last);
    if (last.status != RunStatus::NeedsAttention)
        return setUpAgain();
    if (m_countryCode != last.countryCode || m_areaCode != last.areaCode)
        return sweep(last); // another country or area code: nothing it left fits
    // Same request: what the last run left and still exists is taken over, the rest removed.
    const auto check = [this, last] {
        if (isFinished())
            return;
        m_check = std::make_unique<LeftoverCheck>(m_services, last.id);
        connect(m_check.get(), &LeftoverCheck::finished, this, [this, last] {
            m_adopted = m_check->result();
            sweep(last);
        });
        m_check->start();
    };
    if (m_graceForTakeover)
        QTimer::singleShot(m_services.lateCreateGrace, this, check);
    else
        check();
}

// A live run whose lease is free — its process on this machine is gone, or the lease expired — was
// interrupted: claimed and ended as needing attention, so its outputs can be taken over or removed.
bool RetryOperation::takeOverInterrupted(ProvisioningRun &run)
{
    // Claimed like recover does — compare-and-swap on the owner and epoch read — so a retry and a recoverer
    // never both drive it.
    auto claim = RunSession::claim(m_services, run.id);
    if (!claim || !claim->session)
        return false;
    std::unique_ptr<RunSession> session = std::move(claim.value().session);
    run = session->run();
    run.status = RunStatus::NeedsAttention;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.error = QStringLiteral("interrupted; taken over by a retry (%1)").arg(m_actor);
    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("run.takeover");
    audit.organizationId = run.organizationId;
    audit.runId = run.id;
    audit.outcome = statusName(run.status);
    audit.detail = run.error;
    if (!session->finish(run, audit))
        return false;
    // Its creates were sent by a process that is gone: wait out the late-create grace before looking at what
    // it left, so a create that lands late is seen (and taken over or removed) rather than leaked.
    m_graceForTakeover = true;
    return true;
}

// The last run could not undo everything: remove what it left (by its tags and its journal's ids) and that
// is not taken over, before setting up again.
void RetryOperation::sweep(const ProvisioningRun &last)
{
    if (isFinished())
        return;
    m_sweep = std::make_unique<OrphanSweep>(m_services, true, m_actor);
    m_sweep->restrictToRuns(m_leftoverRuns.isEmpty() ? QStringList{last.id} : m_leftoverRuns);
    m_sweep->holdingOrganization(m_organizationId);
    m_sweep->spare(m_adopted.ids());
    connect(m_sweep.get(), &OrphanSweep::finished, this, [this, last] {
        if (!m_sweep->ok())
            return fail(QStringLiteral("could not remove what run %1 left: %2").arg(last.id, m_sweep->errorMessage()));
        // Resolved once nothing of theirs is left outside a journal: at once when nothing is taken over, else
        // when the new run has recorded what it took over (see setUpAgain).
        if (m_adopted.isEmpty())
            resolveLeftoverRuns();
        setUpAgain();
    });
    m_sweep->start();
}

void RetryOperation::resolveLeftoverRuns()
{
    for (const QString &id : std::as_const(m_leftoverRuns))
        (void)m_services.store.runs().markLeftoversResolved(id, QStringLiteral("what it left was removed or taken over by a retry (%1)").arg(m_actor));
}

void RetryOperation::setUpAgain()
{
    if (m_cancelRequested)
        return fail(QStringLiteral("retry canceled: what the last run left was removed; nothing new was set up"));
    if (isFinished())
        return;
    m_approve = std::make_unique<ApproveOperation>(m_services, m_organizationId, m_countryCode, m_areaCode, m_actor);
    m_approve->setKind(QStringLiteral("retry"));
    m_approve->setCompliance(m_compliance);
    m_approve->useRun(std::move(m_session));
    if (!m_adopted.isEmpty())
        m_approve->adopt(m_adopted);
    connect(m_approve.get(), &ApproveOperation::stepEvent, this, &RetryOperation::stepEvent);
    connect(m_approve.get(), &ApproveOperation::finished, this, [this] {
        if (!m_adopted.isEmpty() && m_approve->outcome().runStatus)
            resolveLeftoverRuns(); // what was taken over is the new run's now, in its journal
        conclude(m_approve->outcome());
    });
    m_approve->start();
}

void RetryOperation::fail(const QString &error, Error::Kind kind)
{
    if (isFinished())
        return;
    // Ended before its setup started (a failed sweep, a cancel): the held run ends with nothing set up.
    if (m_session && !m_session->isLost())
        (void)m_session->end(RunStatus::Canceled, error, m_actor, QStringLiteral("org.retry"));
    m_session.reset();
    OperationOutcome outcome = OperationOutcome::failed(error, kind);
    if (m_cancelRequested)
        outcome.result = OperationOutcome::Result::Canceled;
    conclude(outcome);
}

void RetryOperation::handBack()
{
    if (isFinished())
        return;
    if (m_approve)
        return m_approve->handBack();
    if (m_session && !m_session->isLost())
        m_session->handBack();
}

} // namespace oc
