#include "rolloutoperation.h"

#include "pipeline/pipelinerunner.h"
#include "pipeline/resourcetags.h"
#include "provisioning/rolloutsteps.h"
#include "provisioning/runsession.h"
#include "provisioning/stepnames.h"
#include "store/store.h"
#include "util/logging.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace oc {

namespace {
constexpr AssistantRole kRoles[] = {AssistantRole::Inbound, AssistantRole::Outbound};
const QString kAction = QStringLiteral("assistants.rollout");
}

RolloutOperation::RolloutOperation(ProvisioningServices &services, qint64 organizationId, qint64 version, QString actor, bool dryRun,
                                   QObject *parent)
    : Operation(parent), m_services(services), m_organizationId(organizationId), m_version(version), m_actor(std::move(actor)),
      m_dryRun(dryRun), m_calls(services.limiter)
{
}

RolloutOperation::~RolloutOperation() = default;

QList<std::pair<QString, QString>> RolloutOperation::steps(ProvisioningServices &services)
{
    ProvisioningContext probe(services, Organization{}, QString(), QString(), QString());
    QList<std::pair<QString, QString>> out;
    const pipeline::Recipe recipe = rolloutRecipe(probe);
    for (const pipeline::StepDefinition &step : recipe.steps())
        out.append({step.name, rolloutStepTitle(step.title)});
    return out;
}

void RolloutOperation::start()
{
    QTimer::singleShot(0, this, &RolloutOperation::begin);
}

void RolloutOperation::resume(std::unique_ptr<RunSession> session)
{
    m_session = std::move(session);
    m_resumed = true;
    const ProvisioningRun &run = m_session->run();
    m_organizationId = run.organizationId;
    m_version = run.params.value(QLatin1String("templateVersion")).toInteger();
    m_fromVersion = run.params.value(QLatin1String("fromVersion")).toInteger();
    QTimer::singleShot(0, this, &RolloutOperation::begin);
}

void RolloutOperation::cancel()
{
    if (isFinished() || m_dryRun)
        return;
    m_cancelRequested = true;
    if (m_runner)
        m_runner->cancel();
}

void RolloutOperation::handBack()
{
    if (isFinished() || !m_session || m_session->isLost())
        return;
    m_session->handBack();
}

bool RolloutOperation::prepare()
{
    Store &store = m_services.store;
    if (auto allowed = store.access().require(m_dryRun ? DbAction::Read : DbAction::UpdateAssistants); !allowed) {
        finish(QStringLiteral("refused"), allowed.error().message, allowed.error().kind);
        return false;
    }
    auto org = store.organizations().find(m_organizationId);
    if (!org) {
        finish(QStringLiteral("refused"), org.error().message, org.error().kind);
        return false;
    }
    m_org = org.value();
    auto config = store.aiConfigs().findByOrganization(m_organizationId);
    if (!config || !config->setupCompleted || config->status != AiConfigStatus::Active || config->inboundAssistantId.isEmpty()
        || config->outboundAssistantId.isEmpty()) {
        finish(QStringLiteral("refused"),
               QStringLiteral("organization %1 has no complete, active AI setup: there are no assistants to update").arg(m_organizationId),
               config || config.error().kind == Error::Kind::NotFound ? Error::Kind::Conflict : config.error().kind);
        return false;
    }
    m_config = config.value();
    auto version = store.assistantTemplates().find(m_version);
    if (!version) {
        finish(QStringLiteral("refused"), version.error().message, version.error().kind);
        return false;
    }
    m_template = version.value();
    return true;
}

void RolloutOperation::begin()
{
    if (m_cancelRequested)
        return finish(QStringLiteral("canceled"), QStringLiteral("canceled before it started: nothing was changed"));
    if (!prepare())
        return;
    if (m_dryRun)
        return dryRun();
    if (!m_session) {
        m_fromVersion = m_config->assistantVersion;
        if (m_fromVersion == m_version)
            return finish(QStringLiteral("unchanged"));
        ProvisioningRun run;
        run.id = pipeline::ResourceTags::newRunId();
        run.organizationId = m_organizationId;
        run.kind = QStringLiteral("rollout");
        run.actor = m_actor;
        run.params = QJsonObject{{QStringLiteral("templateVersion"), m_version}, {QStringLiteral("fromVersion"), m_fromVersion}};
        auto session = RunSession::create(m_services, run);
        if (!session)
            return finish(QStringLiteral("refused"), session.error().message, session.error().kind);
        m_session = std::move(session).value();
    }
    connect(m_session.get(), &RunSession::cancelRequested, this, &RolloutOperation::cancel);
    connect(m_session.get(), &RunSession::lost, this, [this](const QString &message) {
        if (m_runner && !m_runner->isFinished())
            return m_runner->halt(message);
        if (!m_runner)
            finishFenced();
    });
    const ProvisioningRun &run = m_session->run();
    m_context = std::make_unique<ProvisioningContext>(m_services, *m_org, run.id, QString(), QString());
    m_context->config = m_config;
    m_context->assistantTemplate = m_template->body;
    m_context->templateVersion = m_version;
    m_context->journal.setLease(&m_session->lease());
    bool rollBack = false;
    if (m_resumed) {
        if (auto loaded = m_context->journal.load(); !loaded) {
            m_session->handBack();
            return finish(QStringLiteral("refused"), loaded.error().message, loaded.error().kind);
        }
        const auto record = m_context->journal.step(steps::kRecordVersion);
        if (record && record->status == StepStatus::Done) { // past the pivot: done
            if (auto ended = m_session->end(RunStatus::Succeeded, QString(), m_actor, QStringLiteral("run.recover")); !ended)
                return m_session->isLost() ? finishFenced() : finish(QStringLiteral("refused"), ended.error().message);
            return finish(QStringLiteral("succeeded"));
        }
        rollBack = run.status == RunStatus::Compensating;
        for (AssistantRole role : kRoles) {
            const auto update = m_context->journal.step(updateStepName(role));
            if (update && (update->status == StepStatus::Compensating || update->status == StepStatus::Compensated
                           || update->status == StepStatus::CompensationFailed))
                rollBack = true;
        }
    }
    qCInfo(lcPipeline) << "run" << run.id << (m_resumed ? "resuming" : "starting") << "the rollout of organization" << m_organizationId
                       << "to assistant template version" << m_version << (rollBack ? "(rolling back)" : "");
    startRunner(rollBack);
}

// Reads both assistants and says which of the template's fields would change; writes nothing.
void RolloutOperation::dryRun()
{
    auto readNext = std::make_shared<std::function<void(int)>>();
    *readNext = [this, readNext](int i) {
        if (i == 2) {
            const bool any = !m_changes.value(QStringLiteral("inbound")).toArray().isEmpty()
                             || !m_changes.value(QStringLiteral("outbound")).toArray().isEmpty();
            return finish(any ? QStringLiteral("dry_run") : QStringLiteral("unchanged"));
        }
        const AssistantRole role = kRoles[i];
        const QString id = role == AssistantRole::Inbound ? m_config->inboundAssistantId : m_config->outboundAssistantId;
        m_calls.call<VapiAssistant>([this, id] { return m_services.vapi.getAssistant(id); }, [this, role, i, readNext](const TypedCall<VapiAssistant> &call) {
            if (!call.ok())
                return finish(QStringLiteral("refused"), call.error().describe());
            const QJsonObject owned = AssistantTemplate::ownedFields(call.value().raw);
            const QJsonObject patch = m_template->body.patchFor(owned, m_org->companyName, role, m_version);
            m_changes.insert(assistantRoleName(role), QJsonArray::fromStringList(AssistantTemplate::changedKeys(owned, patch)));
            (*readNext)(i + 1);
        });
    };
    (*readNext)(0);
}

void RolloutOperation::startRunner(bool rollBack)
{
    ProvisioningContext &ctx = *m_context;
    m_runner = std::make_unique<pipeline::PipelineRunner>(ctx.runId, rolloutRecipe(ctx), m_services.limiter);
    if (m_resumed) {
        // What the journal shows as read stays read (its fields as they were are what an undo puts back: read
        // again now, they might already be the new ones); an update already done is not sent again.
        for (AssistantRole role : kRoles) {
            const auto read = ctx.journal.step(readStepName(role));
            if (read && read->status == StepStatus::Done) {
                ctx.before.insert(assistantRoleName(role), QJsonDocument::fromJson(read->detail.toUtf8()).object());
                m_runner->markAlreadyDone(readStepName(role));
            }
            const auto update = ctx.journal.step(updateStepName(role));
            if (!update || update->status == StepStatus::Pending || update->status == StepStatus::Failed)
                continue;
            if (update->status == StepStatus::Done || rollBack)
                m_runner->markAlreadyDone(updateStepName(role));
        }
    }
    connect(m_runner.get(), &pipeline::PipelineRunner::stepEvent, this, &RolloutOperation::stepEvent);
    connect(m_runner.get(), &pipeline::PipelineRunner::finished, this, &RolloutOperation::onRunFinished);
    connect(m_runner.get(), &pipeline::PipelineRunner::rollingBack, this, [this] {
        ProvisioningRun moving = m_session->run();
        moving.status = RunStatus::Compensating;
        (void)m_session->update(moving);
    });
    m_runner->start();
    if (rollBack || m_cancelRequested)
        m_runner->cancel();
}

void RolloutOperation::onRunFinished()
{
    const pipeline::RunResult result = m_runner->result();
    if (result == pipeline::RunResult::Fenced)
        return finishFenced();
    RunStatus status = RunStatus::Succeeded;
    switch (result) {
    case pipeline::RunResult::Succeeded: status = RunStatus::Succeeded; break;
    case pipeline::RunResult::RolledBack: status = RunStatus::RolledBack; break;
    case pipeline::RunResult::Canceled: status = RunStatus::Canceled; break;
    default: status = RunStatus::NeedsAttention; break;
    }
    m_leftovers = m_runner->leftovers();
    ProvisioningRun run = m_session->run();
    run.status = status;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.failedStep = m_runner->failedStep();
    run.error = m_runner->error();
    if (!m_leftovers.isEmpty())
        run.error += QStringLiteral("; not put back: ") + m_leftovers.join(QStringLiteral("; "));
    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = m_resumed ? QStringLiteral("run.recover") : kAction;
    audit.organizationId = m_organizationId;
    audit.runId = run.id;
    audit.externalIds = {m_config->inboundAssistantId, m_config->outboundAssistantId};
    audit.outcome = statusName(status);
    audit.detail = status == RunStatus::Succeeded ? QStringLiteral("assistant template version %1 → %2").arg(m_fromVersion).arg(m_version)
                                                  : run.error;
    if (auto ended = m_session->finish(run, audit); !ended)
        return ended.error().kind == Error::Kind::Fenced ? finishFenced() : finish(QStringLiteral("refused"), ended.error().message);
    finish(statusName(status), status == RunStatus::Succeeded ? QString() : run.error);
}

void RolloutOperation::finishFenced()
{
    OperationOutcome outcome = OperationOutcome::failed(m_session ? m_session->lease().stoppedMessage() : QStringLiteral("lease lost"));
    outcome.result = OperationOutcome::Result::TakenOver;
    outcome.runId = m_session ? m_session->run().id : QString();
    outcome.answer = QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("organizationId"), QString::number(m_organizationId)},
                                 {QStringLiteral("toVersion"), m_version}, {QStringLiteral("status"), QStringLiteral("taken_over")},
                                 {QStringLiteral("error"), outcome.error}};
    conclude(outcome);
}

void RolloutOperation::finish(const QString &status, const QString &error, Error::Kind kind)
{
    // A run held that never got going ends here; one being finished (recover) needs attention then.
    if (m_session && !m_session->isLost() && isLive(m_session->run().status))
        (void)m_session->end(m_resumed ? RunStatus::NeedsAttention : RunStatus::Canceled, error, m_actor, kAction);
    const bool ok = status == QLatin1String("succeeded") || status == QLatin1String("unchanged") || status == QLatin1String("dry_run");
    OperationOutcome outcome;
    outcome.result = ok ? OperationOutcome::Result::Succeeded
                        : status == QLatin1String("canceled") ? OperationOutcome::Result::Canceled : OperationOutcome::Result::Failed;
    outcome.error = error;
    outcome.errorKind = kind;
    if (m_session) {
        outcome.runId = m_session->run().id;
        if (!m_session->isLost() && !isLive(m_session->run().status))
            outcome.runStatus = m_session->run().status;
    }
    outcome.leftovers = m_leftovers;
    QJsonObject answer{{QStringLiteral("success"), ok}, {QStringLiteral("organizationId"), QString::number(m_organizationId)},
                       {QStringLiteral("toVersion"), m_version}, {QStringLiteral("status"), status}};
    if (m_fromVersion > 0 || (m_config && m_config->assistantVersion > 0))
        answer.insert(QStringLiteral("fromVersion"), m_fromVersion > 0 ? m_fromVersion : m_config->assistantVersion);
    if (!outcome.runId.isEmpty())
        answer.insert(QStringLiteral("runId"), outcome.runId);
    if (!m_changes.isEmpty())
        answer.insert(QStringLiteral("changes"), m_changes);
    if (!error.isEmpty())
        answer.insert(QStringLiteral("error"), error);
    if (!m_leftovers.isEmpty())
        answer.insert(QStringLiteral("leftovers"), QJsonArray::fromStringList(m_leftovers));
    outcome.answer = answer;
    conclude(outcome);
}

} // namespace oc
