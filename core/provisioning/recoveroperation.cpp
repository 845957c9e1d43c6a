#include "recoveroperation.h"

#include "pipeline/pipelinerunner.h"
#include "provisioning/approveoperation.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/rolloutoperation.h"
#include "provisioning/stepnames.h"
#include "provisioning/runsession.h"
#include "store/store.h"
#include "util/logging.h"

#include <QJsonArray>
#include <QTimer>

namespace oc {

namespace {
const QStringList kUndoable{steps::kBuyNumber, steps::kCreateInbound, steps::kCreateOutbound, steps::kRegisterNumber};
}

RecoverOperation::RecoverOperation(ProvisioningServices &services, QString actor, QObject *parent)
    : Operation(parent), m_services(services), m_actor(std::move(actor))
{
}

RecoverOperation::~RecoverOperation() = default;

void RecoverOperation::start()
{
    QTimer::singleShot(0, this, [this] {
        auto runs = m_services.store.runs().withStatus({RunStatus::Running, RunStatus::Compensating});
        if (!runs)
            return finish(false, runs.error().message);
        m_queue = runs.value();
        next();
    });
}

void RecoverOperation::skip(const QString &runId, const QString &reason)
{
    m_skipped.append({runId, reason});
}

void RecoverOperation::next()
{
    while (!m_queue.isEmpty()) {
        const ProvisioningRun run = m_queue.takeFirst();
        auto claim = RunSession::claim(m_services, run.id);
        if (!claim) {
            skip(run.id, claim.error().message);
            continue;
        }
        if (!claim->session) {
            skip(run.id, claim->whyNot);
            continue;
        }
        m_session = std::move(claim.value().session);
        return recoverRun(m_session->run());
    }
    finish(true);
}

void RecoverOperation::recoverRun(const ProvisioningRun &run)
{
    m_current = run;
    auto org = m_services.store.organizations().find(run.organizationId);
    if (!org) {
        skip(run.id, org.error().message);
        m_session->handBack();
        m_session.reset();
        return next();
    }
    if (run.kind == QLatin1String("orphans")) // an orphan release's hold on the organization: nothing to finish
        return endRun(RunStatus::Canceled, {});
    if (run.kind == QLatin1String("cleanup"))
        return resumeCleanup();
    if (run.kind == QLatin1String("rollout"))
        return resumeRollout();
    if (run.kind != QLatin1String("approve") && run.kind != QLatin1String("retry"))
        return endRun(RunStatus::NeedsAttention, {QStringLiteral("a run of unknown kind \"%1\" was interrupted").arg(run.kind)});
    m_context = std::make_unique<ProvisioningContext>(m_services, org.value(), run.id, run.countryCode, run.areaCode);
    m_context->startedAt = run.startedAt;
    m_context->journal.setLease(&m_session->lease());
    if (auto loaded = m_context->journal.load(); !loaded) {
        skip(run.id, loaded.error().message);
        m_session->handBack();
        m_session.reset();
        return next();
    }
    ProvisioningContext &ctx = *m_context;
    const auto save = ctx.journal.step(steps::kSaveConfig);
    if (save && save->status == StepStatus::Done)
        return endRun(RunStatus::Succeeded, {}); // past the pivot: the setup is complete (resend the e-mail if needed)
    bool rollingBack = run.status == RunStatus::Compensating;
    for (const QString &name : kUndoable) {
        const auto step = ctx.journal.step(name);
        if (step && (step->status == StepStatus::Compensating || step->status == StepStatus::Compensated
                     || step->status == StepStatus::CompensationFailed))
            rollingBack = true;
    }
    if (!rollingBack)
        return resumeRun(); // before the pivot and not rolling back yet: finish it

    // Rebuild what the journal knows, so the undo steps can find every resource.
    if (const auto buy = ctx.journal.step(steps::kBuyNumber)) {
        IncomingNumber n;
        n.sid = buy->status == StepStatus::Done ? buy->externalId : QString();
        n.phoneNumber = buy->lookupTag;
        if (!n.sid.isEmpty())
            ctx.number = n;
        else if (!n.phoneNumber.isEmpty())
            ctx.number = IncomingNumber{QString(), n.phoneNumber, QString(), QDateTime()};
    }
    for (const auto &[name, slot] : {std::pair{steps::kCreateInbound, &ctx.inbound}, std::pair{steps::kCreateOutbound, &ctx.outbound}}) {
        const auto step = ctx.journal.step(name);
        if (step && step->status == StepStatus::Done && !step->externalId.isEmpty()) {
            VapiAssistant a;
            a.id = step->externalId;
            *slot = a;
        }
    }
    if (const auto reg = ctx.journal.step(steps::kRegisterNumber); reg && reg->status == StepStatus::Done) {
        VapiPhoneNumber p;
        p.id = reg->externalId;
        ctx.vapiNumber = p;
    }
    m_runner = std::make_unique<pipeline::PipelineRunner>(run.id, provisioningRecipe(ctx), m_services.limiter);
    for (const QString &name : kUndoable) {
        const auto step = ctx.journal.step(name);
        if (step && step->status != StepStatus::Failed && step->status != StepStatus::Pending)
            m_runner->markAlreadyDone(name);
    }
    connect(m_runner.get(), &pipeline::PipelineRunner::finished, this, &RecoverOperation::onRunEnded);
    connect(m_session.get(), &RunSession::lost, m_runner.get(), &pipeline::PipelineRunner::halt);
    qCInfo(lcPipeline) << "recovering run" << run.id << "by rolling it back";
    m_runner->start();
    m_runner->cancel();
}

// Forward: the run is finished like an approval, under the lease just claimed — what still exists is kept,
// the rest done again; it rolls back only if it cannot be finished.
void RecoverOperation::resumeRun()
{
    m_context.reset();
    m_resume = std::make_unique<ApproveOperation>(m_services, m_current.organizationId, m_current.countryCode, m_current.areaCode, m_actor);
    connect(m_resume.get(), &ApproveOperation::finished, this, [this] {
        const QString runId = m_current.id;
        ApproveOperation *op = m_resume.release();
        op->deleteLater();
        if (const std::optional<RunStatus> status = op->outcome().runStatus) {
            m_recovered.append({runId, m_current.organizationId, *status, true, op->outcome().leftovers,
                                *status != RunStatus::Succeeded ? op->errorMessage() : QString()});
        } else {
            skip(runId, op->errorMessage());
        }
        QTimer::singleShot(0, this, &RecoverOperation::next);
    });
    qCInfo(lcPipeline) << "recovering run" << m_current.id << "by finishing it";
    m_resume->resume(std::move(m_session));
}

// A cleanup only deletes, each delete verified by lookup: it is finished by running it again under its run.
void RecoverOperation::resumeCleanup()
{
    m_cleanup = std::make_unique<CleanupOperation>(m_services, m_current.organizationId, m_actor);
    connect(m_cleanup.get(), &CleanupOperation::finished, this, [this] {
        CleanupOperation *op = m_cleanup.release();
        op->deleteLater();
        const OperationOutcome &o = op->outcome();
        if (o.runStatus)
            m_recovered.append({m_current.id, m_current.organizationId, *o.runStatus, true, o.leftovers, o.ok() ? QString() : o.error});
        else
            skip(m_current.id, o.error);
        QTimer::singleShot(0, this, &RecoverOperation::next);
    });
    qCInfo(lcPipeline) << "recovering cleanup run" << m_current.id << "by finishing it";
    m_cleanup->resume(std::move(m_session));
}

// A rollout is finished from its journal under the lease just claimed: forward, or back if it was rolling back.
void RecoverOperation::resumeRollout()
{
    m_rollout = std::make_unique<RolloutOperation>(m_services, m_current.organizationId, 0, m_actor);
    connect(m_rollout.get(), &RolloutOperation::finished, this, [this] {
        RolloutOperation *op = m_rollout.release();
        op->deleteLater();
        const OperationOutcome &o = op->outcome();
        if (o.runStatus)
            m_recovered.append({m_current.id, m_current.organizationId, *o.runStatus, *o.runStatus == RunStatus::Succeeded, o.leftovers,
                                o.ok() ? QString() : o.error});
        else
            skip(m_current.id, o.error);
        QTimer::singleShot(0, this, &RecoverOperation::next);
    });
    qCInfo(lcPipeline) << "recovering rollout run" << m_current.id;
    m_rollout->resume(std::move(m_session));
}

void RecoverOperation::onRunEnded()
{
    if (m_runner->result() == pipeline::RunResult::Fenced) {
        skip(m_current.id, m_session->lease().stoppedMessage());
        m_runner.release()->deleteLater();
        m_context.reset();
        m_session.reset();
        QTimer::singleShot(0, this, &RecoverOperation::next);
        return;
    }
    const bool clean = m_runner->result() != pipeline::RunResult::NeedsAttention;
    endRun(clean ? RunStatus::RolledBack : RunStatus::NeedsAttention, m_runner->leftovers());
}

void RecoverOperation::endRun(RunStatus status, const QStringList &leftovers)
{
    ProvisioningRun run = m_current;
    run.status = status;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    if (run.error.isEmpty())
        run.error = QStringLiteral("interrupted; recovered by %1").arg(m_actor);
    if (!leftovers.isEmpty())
        run.error += QStringLiteral("; left: ") + leftovers.join(QStringLiteral("; "));
    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("run.recover");
    audit.organizationId = run.organizationId;
    audit.runId = run.id;
    audit.outcome = statusName(status);
    audit.detail = run.error;
    if (auto ended = m_session->finish(run, audit); !ended) {
        skip(run.id, ended.error().kind == Error::Kind::Fenced ? m_session->lease().stoppedMessage() : ended.error().message);
        if (m_runner)
            m_runner.release()->deleteLater();
        m_context.reset();
        m_session.reset();
        QTimer::singleShot(0, this, &RecoverOperation::next);
        return;
    }
    m_session.reset();
    m_recovered.append({run.id, run.organizationId, status, false, leftovers, {}});
    if (m_runner)
        m_runner.release()->deleteLater();
    m_context.reset();
    QTimer::singleShot(0, this, &RecoverOperation::next);
}

void RecoverOperation::finish(bool ok, const QString &error)
{
    QJsonArray recovered, skipped;
    for (const RecoveredRun &r : std::as_const(m_recovered)) {
        QJsonObject entry{{QStringLiteral("runId"), r.runId},
                          {QStringLiteral("organizationId"), QString::number(r.organizationId)},
                          {QStringLiteral("outcome"), statusName(r.outcome)},
                          {QStringLiteral("leftovers"), QJsonArray::fromStringList(r.leftovers)}};
        if (r.resumed)
            entry.insert(QStringLiteral("resumed"), true);
        if (!r.error.isEmpty())
            entry.insert(QStringLiteral("error"), r.error);
        recovered.append(entry);
    }
    for (const auto &[runId, reason] : std::as_const(m_skipped))
        skipped.append(QJsonObject{{QStringLiteral("runId"), runId}, {QStringLiteral("reason"), reason}});
    OperationOutcome outcome;
    outcome.result = ok ? OperationOutcome::Result::Succeeded : OperationOutcome::Result::Failed;
    outcome.error = error;
    outcome.answer = QJsonObject{{QStringLiteral("success"), ok}, {QStringLiteral("recovered"), recovered}, {QStringLiteral("skipped"), skipped}};
    if (!error.isEmpty())
        outcome.answer.insert(QStringLiteral("message"), error);
    conclude(outcome);
}

} // namespace oc
