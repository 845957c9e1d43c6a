#include "cleanupoperation.h"

#include "pipeline/leaseowner.h"
#include "pipeline/resourcetags.h"
#include "provisioning/orphansweep.h"
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
    : QObject(parent), m_services(services), m_organizationId(organizationId), m_actor(std::move(actor))
{
}

CleanupOperation::~CleanupOperation() = default;

void CleanupOperation::start()
{
    QTimer::singleShot(0, this, &CleanupOperation::begin);
}

void CleanupOperation::begin()
{
    Store &store = m_services.store;
    auto org = store.organizations().find(m_organizationId);
    if (!org)
        return finish(false, {}, org.error().message);
    auto config = store.aiConfigs().findByOrganization(m_organizationId);
    if (!config) {
        if (config.error().kind != Error::Kind::NotFound)
            return finish(false, {}, config.error().message);
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
        return finish(false, {}, QStringLiteral("organization %1 has no AI setup to clean up").arg(m_organizationId));
    }
    m_config = config.value();
    // A 404 from another account proves nothing: the resources were bought under the account the configuration
    // records, and only that account may say they are gone.
    if (!m_config->twilioAccountSid.isEmpty() && m_config->twilioAccountSid != m_services.twilioAccountSid)
        return finish(false, {}, QStringLiteral("organization %1's number was bought under Twilio account %2, but this console uses %3: "
                                                "nothing was deleted — clean it up with that account's credentials")
                                     .arg(m_organizationId).arg(m_config->twilioAccountSid, m_services.twilioAccountSid));
    ProvisioningRun run;
    run.id = pipeline::ResourceTags::newRunId();
    run.organizationId = m_organizationId;
    run.kind = QStringLiteral("cleanup");
    run.actor = m_actor;
    auto session = RunSession::create(m_services, run);
    if (!session)
        return finish(false, {}, session.error().message);
    m_session = std::move(session).value();
    m_runId = run.id;
    m_journal = std::make_unique<pipeline::Journal>(store.runs(), m_runId);
    m_journal->setLease(&m_session->lease());

    const AiConfig c = *m_config;
    TwilioClient &twilio = m_services.twilio;
    VapiClient &vapi = m_services.vapi;
    m_tasks = {
        {QStringLiteral("delete_vapi_phone_number"), QStringLiteral("vapiPhoneNumberDeleted"), c.vapiPhoneNumberId,
         [&vapi, id = c.vapiPhoneNumberId] { return vapi.deletePhoneNumber(id); }},
        {QStringLiteral("delete_inbound_assistant"), QStringLiteral("inboundAssistantDeleted"), c.inboundAssistantId,
         [&vapi, id = c.inboundAssistantId] { return vapi.deleteAssistant(id); }},
        {QStringLiteral("delete_outbound_assistant"), QStringLiteral("outboundAssistantDeleted"), c.outboundAssistantId,
         [&vapi, id = c.outboundAssistantId] { return vapi.deleteAssistant(id); }},
        {QStringLiteral("release_number"), QStringLiteral("phoneNumberReleased"), c.phoneNumberSid,
         [&twilio, id = c.phoneNumberSid] { return twilio.releaseNumber(id); }},
    };
    checkVapiOrganization();
}

// A 404 from VAPI means "gone" only under the VAPI organization that made the resources: a key of another
// organization gets 404 for every one of them. What the key lists shows whose it is.
void CleanupOperation::checkVapiOrganization()
{
    const QString expected = m_config->vapiOrgId;
    if (expected.isEmpty())
        return next(); // a configuration from before the org id was recorded
    auto call = m_services.vapi.listAssistants();
    auto *raw = call.get();
    m_lookup = std::move(call);
    connect(raw, &ApiCall::finished, this, [this, raw, expected] {
        QSet<QString> orgs;
        if (raw->ok()) {
            for (const VapiAssistant &a : raw->value()) {
                if (!a.orgId.isEmpty())
                    orgs << a.orgId;
            }
        }
        m_lookup.release()->deleteLater();
        if (!orgs.isEmpty() && !orgs.contains(expected)) {
            const QString why = QStringLiteral("organization %1's assistants were made in VAPI organization %2, but this VAPI key belongs to "
                                               "%3: nothing was deleted — clean it up with that organization's key")
                                    .arg(m_organizationId).arg(expected, QStringList(orgs.values()).join(QStringLiteral(", ")));
            (void)m_session->end(RunStatus::Canceled, why, m_actor, QStringLiteral("org.cleanup"));
            return finish(false, {}, why);
        }
        next();
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
        const QJsonArray orphans = m_sweep->result().value(QStringLiteral("orphans")).toArray();
        for (const auto &value : orphans) {
            const QJsonObject o = value.toObject();
            if (o.value(QStringLiteral("released")).toBool())
                continue;
            const QString kind = o.value(QStringLiteral("kind")).toString();
            const QString role = o.value(QStringLiteral("role")).toString();
            results.insert(kind == QLatin1String("number") ? QStringLiteral("phoneNumberReleased")
                           : kind == QLatin1String("vapi_phone_number") ? QStringLiteral("vapiPhoneNumberDeleted")
                           : role == QLatin1String("outbound")          ? QStringLiteral("outboundAssistantDeleted")
                                                                         : QStringLiteral("inboundAssistantDeleted"),
                           false);
        }
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

void CleanupOperation::next()
{
    if (m_tasks.isEmpty())
        return finishCleanup();
    const Task task = m_tasks.takeFirst();
    if (task.externalId.isEmpty()) { // never created: nothing to delete
        m_results.insert(task.resultKey, true);
        return next();
    }
    if (m_session->isLost() || !m_session->lease().mayAct())
        return finishFenced();
    if (auto r = m_journal->intent(task.step, task.externalId, 1); !r) {
        if (r.error().kind == Error::Kind::Fenced)
            return finishFenced();
        m_failures << r.error().message;
        m_results.insert(task.resultKey, false);
        return next();
    }
    Q_EMIT progress(task.step, task.externalId);
    m_call = task.call();
    connect(m_call.get(), &ApiCall::finished, this, [this, task] {
        std::unique_ptr<TypedCall<bool>> call = std::move(m_call);
        call->disconnect(this);
        const bool deleted = call->ok(); // 200/204, or 404: to be verified
        const QString error = deleted ? QString() : call->error().describe();
        call.release()->deleteLater();
        if (!deleted)
            return taskDone(task, false, error);
        verifyGone(task);
    });
}

// Trust, but verify: looked up again under the same account (the Twilio account the configuration records,
// the VAPI organization checked above) — only an answer that it is not there counts as gone.
void CleanupOperation::verifyGone(const Task &task)
{
    const auto settle = [this, task](ApiCall *raw, bool stillThere) {
        const bool ok = raw->ok() || raw->error().httpStatus == 404;
        const QString why = !ok ? QStringLiteral("could not verify the delete: %1").arg(raw->error().describe())
                            : stillThere ? QStringLiteral("still there after the delete") : QString();
        m_lookup.release()->deleteLater();
        taskDone(task, ok && !stillThere, why);
    };
    if (task.step == QLatin1String("release_number")) {
        auto call = m_services.twilio.findOwnedNumber(m_config->number);
        auto *raw = call.get();
        m_lookup = std::move(call);
        connect(raw, &ApiCall::finished, this, [this, raw, settle] {
            settle(raw, raw->ok() && raw->value() && raw->value()->sid == m_config->phoneNumberSid);
        });
    } else if (task.step == QLatin1String("delete_vapi_phone_number")) {
        auto call = m_services.vapi.listPhoneNumbers();
        auto *raw = call.get();
        m_lookup = std::move(call);
        connect(raw, &ApiCall::finished, this, [raw, settle, id = task.externalId] {
            bool there = false;
            if (raw->ok()) {
                for (const VapiPhoneNumber &p : raw->value())
                    there = there || p.id == id;
            }
            settle(raw, there);
        });
    } else {
        auto call = m_services.vapi.getAssistant(task.externalId);
        auto *raw = call.get();
        m_lookup = std::move(call);
        connect(raw, &ApiCall::finished, this, [raw, settle] { settle(raw, raw->ok()); });
    }
}

void CleanupOperation::taskDone(const Task &task, bool gone, const QString &failure)
{
    m_results.insert(task.resultKey, gone);
    if (gone) {
        (void)m_journal->done(task.step, task.externalId);
    } else {
        (void)m_journal->failed(task.step, failure);
        m_failures << QStringLiteral("%1 %2: %3").arg(task.step, task.externalId, failure);
    }
    next();
}

void CleanupOperation::finishCleanup()
{
    Store &store = m_services.store;
    bool configDeleted = false;
    if (m_failures.isEmpty()) {
        auto removed = store.database().transaction([&]() -> Result<void> {
            if (auto r = store.aiConfigs().removeForOrganization(m_organizationId); !r)
                return r;
            return m_journal->done(QStringLiteral("delete_config"), QString::number(m_config->id));
        });
        configDeleted = removed.ok();
        if (!removed)
            m_failures << removed.error().message;
        else
            pipeline::Journal::crashPoint(QStringLiteral("delete_config"), StepStatus::Done); // committed now
        // An earlier cleanup that was interrupted (recover marked it as needing attention) had only these
        // resources to delete: they are gone now.
        if (configDeleted) {
            if (auto runs = store.runs().forOrganization(m_organizationId)) {
                for (const ProvisioningRun &r : runs.value()) {
                    if (r.kind == QLatin1String("cleanup") && r.status == RunStatus::NeedsAttention && r.id != m_runId)
                        (void)store.runs().markLeftoversResolved(r.id, QStringLiteral("finished by cleanup run %1 (%2)").arg(m_runId, m_actor));
                }
            }
        }
    } else {
        // Keep the record of what is still out there, marked inactive, so nothing paid is forgotten.
        AiConfig inactive = *m_config;
        inactive.status = AiConfigStatus::Inactive;
        (void)store.aiConfigs().update(inactive);
    }
    m_results.insert(QStringLiteral("configDeleted"), configDeleted);

    ProvisioningRun run = m_session->run();
    run.status = m_failures.isEmpty() ? RunStatus::Succeeded : RunStatus::NeedsAttention;
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.error = m_failures.join(QStringLiteral("; "));

    AuditRecord audit;
    audit.actor = m_actor;
    audit.action = QStringLiteral("org.cleanup");
    audit.organizationId = m_organizationId;
    audit.runId = m_runId;
    audit.externalIds = {m_config->phoneNumberSid, m_config->number, m_config->inboundAssistantId, m_config->outboundAssistantId,
                         m_config->vapiPhoneNumberId};
    audit.externalIds.removeAll(QString());
    audit.outcome = statusName(run.status);
    audit.detail = run.error;
    if (auto ended = m_session->finish(run, audit); !ended && ended.error().kind == Error::Kind::Fenced)
        return finishFenced();

    const bool ok = m_failures.isEmpty();
    QJsonObject result{{QStringLiteral("success"), ok},
                       {QStringLiteral("message"), ok ? kMessage : QStringLiteral("AI setup cleanup incomplete: %1").arg(run.error)},
                       {QStringLiteral("data"), QJsonObject{{QStringLiteral("cleanup"), QJsonObject{{QStringLiteral("results"), m_results}}}}}};
    finish(ok, result, ok ? QString() : result.value(QStringLiteral("message")).toString());
}

void CleanupOperation::finishFenced()
{
    const QString message = m_session->lease().stoppedMessage();
    finish(false, {}, message);
}

void CleanupOperation::finish(bool ok, QJsonObject result, const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_ok = ok;
    m_result = result.isEmpty() ? QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("message"), error}} : result;
    m_error = error;
    Q_EMIT finished();
}

} // namespace oc
