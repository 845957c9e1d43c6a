#include "recoveroperation.h"

#include "pipeline/leaseowner.h"
#include "pipeline/pipelinerunner.h"
#include "provisioning/provisioningrecipe.h"
#include "store/store.h"
#include "util/logging.h"

#include <QTimer>

namespace oc {

namespace {
constexpr int kLeaseSeconds = 120;
const QStringList kUndoable{QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant"),
                            QStringLiteral("create_outbound_assistant"), QStringLiteral("register_number")};
}

RecoverOperation::RecoverOperation(ProvisioningServices &services, QString actor, QObject *parent)
    : QObject(parent), m_services(services), m_actor(std::move(actor)), m_owner(pipeline::LeaseOwner::current().toString())
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

void RecoverOperation::next()
{
    while (!m_queue.isEmpty()) {
        const ProvisioningRun run = m_queue.takeFirst();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto owner = pipeline::LeaseOwner::parse(run.leaseOwner);
        const bool free = run.leaseOwner.isEmpty() || owner.isGoneFromThisHost() || !run.leaseExpiresAt.isValid()
                          || run.leaseExpiresAt < now || run.leaseOwner == m_owner;
        if (!free) {
            m_skipped.append(QJsonObject{{QStringLiteral("runId"), run.id},
                                         {QStringLiteral("reason"), QStringLiteral("held by %1 until %2").arg(run.leaseOwner,
                                                                     run.leaseExpiresAt.toString(Qt::ISODate))}});
            continue;
        }
        // A live lease of a dead local process is taken over by expiring it in the claim itself.
        const QDateTime claimNow = owner.isGoneFromThisHost() ? now.addYears(100) : now;
        auto claimed = m_services.store.runs().claimLease(run.id, m_owner, now.addSecs(kLeaseSeconds), claimNow);
        if (!claimed || !claimed.value()) {
            m_skipped.append(QJsonObject{{QStringLiteral("runId"), run.id},
                                         {QStringLiteral("reason"), claimed ? QStringLiteral("another console claimed it first")
                                                                            : claimed.error().message}});
            continue;
        }
        return recoverRun(run);
    }
    finish(true);
}

void RecoverOperation::recoverRun(const ProvisioningRun &run)
{
    m_current = run;
    auto org = m_services.store.organizations().find(run.organizationId);
    if (!org) {
        m_skipped.append(QJsonObject{{QStringLiteral("runId"), run.id}, {QStringLiteral("reason"), org.error().message}});
        return next();
    }
    if (run.kind != QLatin1String("approve") && run.kind != QLatin1String("retry")) {
        // A cleanup only deletes; what it did not finish stays in the (inactive) configuration for the next cleanup.
        return endRun(RunStatus::NeedsAttention, {QStringLiteral("cleanup interrupted: run orgctl cleanup %1 again").arg(run.organizationId)});
    }
    m_context = std::make_unique<ProvisioningContext>(m_services, org.value(), run.id, run.countryCode, run.areaCode);
    m_context->startedAt = run.startedAt;
    if (auto loaded = m_context->journal.load(); !loaded) {
        m_skipped.append(QJsonObject{{QStringLiteral("runId"), run.id}, {QStringLiteral("reason"), loaded.error().message}});
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
    qCInfo(lcPipeline) << "recovering run" << run.id << "by rolling it back";
    m_runner->start();
    m_runner->cancel();
}

void RecoverOperation::onRunEnded()
{
    const bool clean = m_runner->result() != pipeline::RunResult::NeedsAttention;
    endRun(clean ? RunStatus::RolledBack : RunStatus::NeedsAttention, m_runner->leftovers());
}

void RecoverOperation::endRun(RunStatus status, const QStringList &leftovers)
{
    Store &store = m_services.store;
    ProvisioningRun run = m_current;
    run.status = status;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    if (run.error.isEmpty())
        run.error = QStringLiteral("interrupted; recovered by %1").arg(m_actor);
    if (!leftovers.isEmpty())
        run.error += QStringLiteral("; left: ") + leftovers.join(QStringLiteral("; "));
    if (auto r = store.runs().updateOutcome(run); !r)
        qCWarning(lcPipeline) << "could not record the recovery of" << run.id << r.error().message;
    (void)store.runs().releaseLease(run.id, m_owner);
    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("run.recover");
    audit.organizationId = run.organizationId;
    audit.runId = run.id;
    audit.outcome = statusName(status);
    audit.detail = run.error;
    (void)store.audit().append(audit);
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
