#include "cleanupoperation.h"

#include "pipeline/leaseowner.h"
#include "pipeline/resourcetags.h"
#include "pipeline/pipelinerunner.h"
#include "provisioning/cleanupsteps.h"
#include "provisioning/orphansweep.h"
#include "provisioning/stepnames.h"
#include "provisioning/runsession.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>

namespace oc {

namespace {
const QString kMessage = QStringLiteral("AI setup cleanup completed successfully");
}

CleanupOperation::CleanupOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent)
    : Operation(parent), m_services(services), m_organizationId(organizationId), m_actor(std::move(actor)), m_calls(services.limiter)
{
}

CleanupOperation::~CleanupOperation() = default;

QList<std::pair<QString, QString>> CleanupOperation::steps(ProvisioningServices &services)
{
    ProvisioningContext probe(services, Organization{}, QString(), QString(), QString());
    QList<std::pair<QString, QString>> out;
    const pipeline::Recipe recipe = cleanupRecipe(probe);
    for (const pipeline::StepDefinition &step : recipe.steps())
        out.append({step.name, cleanupStepTitle(step.title)});
    return out;
}

void CleanupOperation::start()
{
    QTimer::singleShot(0, this, &CleanupOperation::begin);
}

void CleanupOperation::resume(std::unique_ptr<RunSession> session)
{
    m_session = std::move(session);
    m_resumed = true;
    m_organizationId = m_session->run().organizationId;
    m_runId = m_session->run().id;
    QTimer::singleShot(0, this, &CleanupOperation::begin);
}

void CleanupOperation::begin()
{
    Store &store = m_services.store;
    if (auto allowed = store.access().require(DbAction::Cleanup); !allowed) // before anything is written or deleted
        return finish(false, {}, allowed.error().message, allowed.error().kind);
    auto org = store.organizations().find(m_organizationId);
    if (!org)
        return finish(false, {}, org.error().message, org.error().kind);
    auto config = store.aiConfigs().findByOrganization(m_organizationId);
    if (!config && m_session && config.error().kind == Error::Kind::NotFound) {
        // Resumed after delete_config committed: everything it records was verified gone before that.
        if (auto ended = m_session->end(RunStatus::Succeeded, QString(), m_actor, QStringLiteral("run.recover")); !ended)
            return m_session->isLost() ? finishFenced() : finish(false, {}, ended.error().message);
        QJsonObject results;
        for (const char *key : {"phoneNumberReleased", "inboundAssistantDeleted", "outboundAssistantDeleted", "vapiPhoneNumberDeleted", "configDeleted"})
            results.insert(QLatin1String(key), true);
        return finish(true, QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("message"), kMessage},
                                        {QStringLiteral("data"), QJsonObject{{QStringLiteral("cleanup"), QJsonObject{{QStringLiteral("results"), results}}}}}},
                      QString());
    }
    if (!config) {
        if (config.error().kind != Error::Kind::NotFound)
            return finish(false, {}, config.error().message, config.error().kind);
        // No configuration, but a failed run may have left resources it could not undo: those, by its tags.
        // Every run of the organization that left something behind, not only the last one.
        auto runs = store.runs().forOrganization(m_organizationId);
        QStringList leftovers;
        if (runs) {
            for (const ProvisioningRun &r : runs.value()) {
                if (r.status == RunStatus::NeedsAttention)
                    leftovers << r.id;
            }
        }
        if (!leftovers.isEmpty())
            return sweepRuns(leftovers);
        return finish(false, {}, QStringLiteral("organization %1 has no AI setup to clean up").arg(m_organizationId), Error::Kind::NotFound);
    }
    m_config = config.value();
    // A 404 from another account proves nothing: the resources were bought under the account the configuration
    // records, and only that account may say they are gone.
    if (!m_config->twilioAccountSid.isEmpty() && m_config->twilioAccountSid != m_services.twilioAccountSid)
        return finish(false, {}, QStringLiteral("organization %1's number was bought under Twilio account %2, but this console uses %3: "
                                                "nothing was deleted — clean it up with that account's credentials")
                                     .arg(m_organizationId).arg(m_config->twilioAccountSid, m_services.twilioAccountSid),
                      Error::Kind::Conflict);
    if (!m_session) {
        ProvisioningRun run;
        run.id = pipeline::ResourceTags::newRunId();
        run.organizationId = m_organizationId;
        run.kind = QStringLiteral("cleanup");
        run.actor = m_actor;
        auto session = RunSession::create(m_services, run);
        if (!session)
            return finish(false, {}, session.error().message, session.error().kind);
        m_session = std::move(session).value();
        m_runId = run.id;
    }
    m_context = std::make_unique<ProvisioningContext>(m_services, org.value(), m_runId, QString(), QString());
    m_context->config = m_config;
    m_context->journal.setLease(&m_session->lease());
    checkVapiOrganization();
}

// A 404 from VAPI means "gone" only under the VAPI organization that made the resources: a key of another
// organization gets 404 for every one of them. What the key lists shows whose it is.
void CleanupOperation::checkVapiOrganization()
{
    const QString expected = m_config->vapiOrgId;
    if (expected.isEmpty())
        return startRunner(); // a configuration from before the org id was recorded
    m_calls.call<QList<VapiAssistant>>([this] { return m_services.vapi.listAssistants(); }, [this, expected](const TypedCall<QList<VapiAssistant>> &call) {
        QSet<QString> orgs;
        if (call.ok()) {
            for (const VapiAssistant &a : call.value()) {
                if (!a.orgId.isEmpty())
                    orgs << a.orgId;
            }
        }
        if (!orgs.isEmpty() && !orgs.contains(expected)) {
            const QString why = QStringLiteral("organization %1's assistants were made in VAPI organization %2, but this VAPI key belongs to "
                                               "%3: nothing was deleted — clean it up with that organization's key")
                                    .arg(m_organizationId).arg(expected, QStringList(orgs.values()).join(QStringLiteral(", ")));
            (void)m_session->end(m_resumed ? RunStatus::NeedsAttention : RunStatus::Canceled, why, m_actor, QStringLiteral("org.cleanup"));
            return finish(false, {}, why, Error::Kind::Conflict);
        }
        startRunner();
    });
}

void CleanupOperation::sweepRuns(const QStringList &runIds)
{
    m_sweep = std::make_unique<OrphanSweep>(m_services, true, m_actor);
    m_sweep->restrictToRuns(runIds);
    connect(m_sweep.get(), &OrphanSweep::finished, this, [this, runIds] {
        QJsonObject results{{QStringLiteral("phoneNumberReleased"), true}, {QStringLiteral("inboundAssistantDeleted"), true},
                            {QStringLiteral("outboundAssistantDeleted"), true}, {QStringLiteral("vapiPhoneNumberDeleted"), true},
                            {QStringLiteral("configDeleted"), true}};
        for (const OrphanSweep::Orphan &o : m_sweep->orphans()) {
            if (o.released)
                continue;
            results.insert(o.kind == QLatin1String("number") ? QStringLiteral("phoneNumberReleased")
                           : o.kind == QLatin1String("vapi_phone_number") ? QStringLiteral("vapiPhoneNumberDeleted")
                           : o.role == QLatin1String("outbound")          ? QStringLiteral("outboundAssistantDeleted")
                                                                           : QStringLiteral("inboundAssistantDeleted"),
                           false);
            m_notDeleted << o.id;
        }
        const QJsonArray orphans = m_sweep->result().value(QStringLiteral("orphans")).toArray();
        const bool ok = m_sweep->ok();
        if (ok) {
            for (const QString &id : runIds)
                (void)m_services.store.runs().markLeftoversResolved(id, QStringLiteral("what it left was removed by a cleanup (%1)").arg(m_actor));
        }
        const QString message = ok ? QStringLiteral("AI setup cleanup completed successfully")
                                   : QStringLiteral("AI setup cleanup incomplete: %1").arg(m_sweep->errorMessage());
        finish(ok, QJsonObject{{QStringLiteral("success"), ok}, {QStringLiteral("message"), message},
                               {QStringLiteral("data"), QJsonObject{{QStringLiteral("cleanup"), QJsonObject{
                                   {QStringLiteral("results"), results}, {QStringLiteral("leftoversOfRun"), runIds.join(QLatin1Char(','))},
                                   {QStringLiteral("released"), orphans}}}}}},
               ok ? QString() : message);
    });
    m_sweep->start();
}

void CleanupOperation::startRunner()
{
    m_runner = std::make_unique<pipeline::PipelineRunner>(m_runId, cleanupRecipe(*m_context), m_services.limiter);
    connect(m_runner.get(), &pipeline::PipelineRunner::stepEvent, this, &CleanupOperation::stepEvent);
    connect(m_runner.get(), &pipeline::PipelineRunner::finished, this, &CleanupOperation::onRunFinished);
    connect(m_session.get(), &RunSession::lost, m_runner.get(), &pipeline::PipelineRunner::halt);
    m_runner->start();
}

void CleanupOperation::onRunFinished()
{
    if (m_runner->result() == pipeline::RunResult::Fenced)
        return finishFenced();
    Store &store = m_services.store;
    const AiConfig &c = *m_config;
    const std::pair<const QString &, QString> resources[] = {
        {steps::kDeleteVapiNumber, c.vapiPhoneNumberId}, {steps::kDeleteInbound, c.inboundAssistantId},
        {steps::kDeleteOutbound, c.outboundAssistantId}, {steps::kReleaseNumber, c.phoneNumberSid}};
    const std::pair<const QString &, const char *> keys[] = {
        {steps::kReleaseNumber, "phoneNumberReleased"}, {steps::kDeleteInbound, "inboundAssistantDeleted"},
        {steps::kDeleteOutbound, "outboundAssistantDeleted"}, {steps::kDeleteVapiNumber, "vapiPhoneNumberDeleted"},
        {steps::kDeleteConfig, "configDeleted"}};
    QJsonObject results;
    for (const auto &[step, key] : keys)
        results.insert(QLatin1String(key), m_runner->state(step) == pipeline::StepState::Succeeded);
    for (const auto &[step, id] : resources) {
        if (m_runner->state(step) != pipeline::StepState::Succeeded && !id.isEmpty())
            m_notDeleted << id;
    }
    QStringList failures = m_runner->failures();
    for (const auto &[step, id] : resources) {
        if (m_runner->state(step) == pipeline::StepState::Skipped && !id.isEmpty())
            failures << QStringLiteral("%1 %2: not run, a step it needs failed").arg(step, id);
    }
    const bool configDeleted = m_runner->state(steps::kDeleteConfig) == pipeline::StepState::Succeeded;
    if (configDeleted) {
        // An earlier cleanup that was interrupted (recover marked it as needing attention) had only these
        // resources to delete: they are gone now.
        if (auto runs = store.runs().forOrganization(m_organizationId)) {
            for (const ProvisioningRun &r : runs.value()) {
                if (r.kind == QLatin1String("cleanup") && r.status == RunStatus::NeedsAttention && r.id != m_runId)
                    (void)store.runs().markLeftoversResolved(r.id, QStringLiteral("finished by cleanup run %1 (%2)").arg(m_runId, m_actor));
            }
        }
    } else {
        // Keep the record of what is still out there, marked inactive, so nothing paid is forgotten.
        AiConfig inactive = c;
        inactive.status = AiConfigStatus::Inactive;
        (void)store.aiConfigs().update(inactive);
    }
    const bool ok = configDeleted && failures.isEmpty();
    ProvisioningRun run = m_session->run();
    run.status = ok ? RunStatus::Succeeded : RunStatus::NeedsAttention;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.failedStep = m_runner->failedStep();
    run.error = failures.join(QStringLiteral("; "));

    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = m_resumed ? QStringLiteral("run.recover") : QStringLiteral("org.cleanup");
    audit.organizationId = m_organizationId;
    audit.runId = m_runId;
    audit.externalIds = {c.phoneNumberSid, c.number, c.inboundAssistantId, c.outboundAssistantId, c.vapiPhoneNumberId};
    audit.externalIds.removeAll(QString());
    audit.outcome = statusName(run.status);
    audit.detail = run.error;
    if (auto ended = m_session->finish(run, audit); !ended && ended.error().kind == Error::Kind::Fenced)
        return finishFenced();

    QJsonObject result{{QStringLiteral("success"), ok},
                       {QStringLiteral("message"), ok ? kMessage : QStringLiteral("AI setup cleanup incomplete: %1").arg(run.error)},
                       {QStringLiteral("data"), QJsonObject{{QStringLiteral("cleanup"), QJsonObject{{QStringLiteral("results"), results}}}}}};
    finish(ok, result, ok ? QString() : result.value(QStringLiteral("message")).toString());
}

void CleanupOperation::finishFenced()
{
    const QString message = m_session->lease().stoppedMessage();
    finish(false, {}, message);
}

void CleanupOperation::finish(bool ok, QJsonObject result, const QString &error, Error::Kind kind)
{
    // A run held that never got going (a refusal, a store error): it ends here — needing attention when it
    // was an interrupted cleanup being finished, since what it had deleted so far is not known to be all.
    if (m_session && !m_session->isLost() && isLive(m_session->run().status))
        (void)m_session->end(m_resumed ? RunStatus::NeedsAttention : RunStatus::Canceled, error, m_actor, QStringLiteral("org.cleanup"));
    OperationOutcome outcome;
    outcome.result = ok ? OperationOutcome::Result::Succeeded : OperationOutcome::Result::Failed;
    outcome.error = error;
    outcome.errorKind = kind;
    outcome.runId = m_runId;
    if (m_session && !m_session->isLost() && !isLive(m_session->run().status))
        outcome.runStatus = m_session->run().status;
    outcome.leftovers = m_notDeleted;
    outcome.answer = result.isEmpty() ? QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("message"), error}} : result;
    conclude(outcome);
}

} // namespace oc
