#include "recoveroperation.h"

#include "pipeline/pipelinerunner.h"
#include "provisioning/provisioningrecipe.h"
#include "provisioning/runsession.h"
#include "store/store.h"
#include "util/logging.h"

#include <QTimer>

namespace oc {

namespace {
const QStringList kUndoable{QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant"),
                            QStringLiteral("create_outbound_assistant"), QStringLiteral("register_number")};
}

RecoverOperation::RecoverOperation(ProvisioningServices &services, QString actor, QObject *parent)
    : QObject(parent), m_services(services), m_actor(std::move(actor))
{
}

RecoverOperation::~RecoverOperation() = default;

QJsonObject RecoverOperation::result() const
{
    QJsonObject o{{QStringLiteral("success"), m_ok}, {QStringLiteral("recovered"), m_recovered}, {QStringLiteral("skipped"), m_skipped}};
    if (!m_error.isEmpty())
        o.insert(QStringLiteral("message"), m_error);
    return o;
}

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
    m_skipped.append(QJsonObject{{QStringLiteral("runId"), runId}, {QStringLiteral("reason"), reason}});
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
    if (run.kind != QLatin1String("approve") && run.kind != QLatin1String("retry")) {
        // A cleanup only deletes; what it did not finish stays in the (inactive) configuration for the next cleanup.
        return endRun(RunStatus::NeedsAttention, {QStringLiteral("cleanup interrupted: run orgctl cleanup %1 again").arg(run.organizationId)});
    }
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
    const auto save = ctx.journal.step(QStringLiteral("save_config"));
    if (save && save->status == StepStatus::Done)
        return endRun(RunStatus::Succeeded, {}); // past the pivot: the setup is complete (resend the e-mail if needed)

    // Rebuild what the journal knows, so the undo steps can find every resource.
    if (const auto buy = ctx.journal.step(QStringLiteral("buy_number"))) {
        IncomingNumber n;
        n.sid = buy->status == StepStatus::Done ? buy->externalId : QString();
        n.phoneNumber = buy->lookupTag;
        if (!n.sid.isEmpty())
            ctx.number = n;
        else if (!n.phoneNumber.isEmpty())
            ctx.number = IncomingNumber{QString(), n.phoneNumber, QString(), QDateTime()};
    }
    for (const auto &[name, slot] : {std::pair{QStringLiteral("create_inbound_assistant"), &ctx.inbound},
                                     std::pair{QStringLiteral("create_outbound_assistant"), &ctx.outbound}}) {
        const auto step = ctx.journal.step(name);
        if (step && step->status == StepStatus::Done && !step->externalId.isEmpty()) {
            VapiAssistant a;
            a.id = step->externalId;
            *slot = a;
        }
    }
    if (const auto reg = ctx.journal.step(QStringLiteral("register_number")); reg && reg->status == StepStatus::Done) {
        VapiPhoneNumber p;
        p.id = reg->externalId;
        ctx.vapiNumber = p;
    }
    m_runner = std::make_unique<pipeline::PipelineRunner>(run.id, provisioningRecipe(ctx));
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
    m_recovered.append(QJsonObject{{QStringLiteral("runId"), run.id},
                                   {QStringLiteral("organizationId"), QString::number(run.organizationId)},
                                   {QStringLiteral("outcome"), statusName(status)},
                                   {QStringLiteral("leftovers"), QJsonArray::fromStringList(leftovers)}});
    if (m_runner)
        m_runner.release()->deleteLater();
    m_context.reset();
    QTimer::singleShot(0, this, &RecoverOperation::next);
}

void RecoverOperation::finish(bool ok, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_ok = ok;
    m_error = error;
    Q_EMIT finished();
}

} // namespace oc
