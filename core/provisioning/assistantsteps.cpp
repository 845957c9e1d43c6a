#include "assistantsteps.h"

#include "provisioning/stepnames.h"
#include "vapi/vapiclient.h"

namespace oc {

namespace {
// Listing from a little before the run started covers clock skew between us and VAPI.
QDateTime listFrom(const ProvisioningContext &ctx)
{
    return ctx.startedAt.addSecs(-300);
}
}

QList<VapiAssistant> taggedAssistants(const QList<VapiAssistant> &all, const QString &runId, AssistantRole role)
{
    QList<VapiAssistant> mine;
    for (const VapiAssistant &a : all) {
        if (a.runId() == runId && a.role() == assistantRoleName(role))
            mine.append(a);
    }
    return mine;
}

CreateAssistantStep::CreateAssistantStep(ProvisioningContext &context, AssistantRole role) : AsyncStep(context), m_role(role) {}

QString CreateAssistantStep::stepName(AssistantRole role)
{
    return role == AssistantRole::Inbound ? steps::kCreateInbound : steps::kCreateOutbound;
}

std::optional<VapiAssistant> &CreateAssistantStep::slot()
{
    return m_role == AssistantRole::Inbound ? m_ctx.inbound : m_ctx.outbound;
}

void CreateAssistantStep::run()
{
    const QString step = stepName(m_role);
    if (!journaled(m_ctx.journal.intent(step, QStringLiteral("role=") + assistantRoleName(m_role), 1)))
        return;
    const QJsonObject body = m_ctx.assistantTemplate.createBody(m_ctx.org.companyName, m_role, m_ctx.runId, m_ctx.templateVersion);
    Q_EMIT progress(QStringLiteral("creating \"%1\"").arg(body.value(QLatin1String("name")).toString()), 1);
    markSent(step);
    await<VapiAssistant>([&] { return m_ctx.services.vapi.createAssistant(body); }, [this, step](const TypedCall<VapiAssistant> &call) {
        // A clean answer is trusted here; duplicates a re-sent POST may have made are removed after the pivot
        // (RemoveDuplicateAssistantsStep), off the critical path, or by the undo, which deletes by tag.
        if (call.ok())
            return created(call.value());
        if (!call.error().ambiguous) {
            journaled(m_ctx.journal.failed(step, call.error().describe()));
            return fail(call.error().describe());
        }
        if (!recorded(m_ctx.journal.unknown(step, call.error().describe())))
            return;
        reconcile(std::nullopt, call.error());
    });
}

// After an ambiguous answer: ours if VAPI lists one with our tags; any extra ones are deleted.
void CreateAssistantStep::reconcile(const std::optional<VapiAssistant> &answered, const ApiError &error)
{
    await<QList<VapiAssistant>>([&] { return m_ctx.services.vapi.listAssistants(listFrom(m_ctx)); },
                                [this, answered, error](const TypedCall<QList<VapiAssistant>> &call) {
        if (!call.ok()) {
            if (answered) // the create itself succeeded; duplicates, if any, are left to the orphan sweep
                return created(*answered);
            return fail(QStringLiteral("%1; the lookup failed too: %2").arg(error.describe(), call.error().describe()), true);
        }
        QList<VapiAssistant> mine = taggedAssistants(call.value(), m_ctx.runId, m_role);
        if (mine.isEmpty()) {
            if (answered)
                return created(*answered);
            return fail(error.describe(), true);
        }
        VapiAssistant kept = answered ? *answered : mine.first();
        mine.removeIf([&](const VapiAssistant &a) { return a.id == kept.id; });
        removeDuplicates(mine, kept);
    });
}

void CreateAssistantStep::removeDuplicates(QList<VapiAssistant> extras, const VapiAssistant &kept)
{
    if (extras.isEmpty())
        return created(kept);
    const QString id = extras.takeFirst().id;
    Q_EMIT progress(QStringLiteral("removing duplicate assistant %1").arg(id), 1);
    await<bool>([&] { return m_ctx.services.vapi.deleteAssistant(id); }, [this, extras, kept](const TypedCall<bool> &) {
        removeDuplicates(extras, kept); // a failed delete is left to the orphan sweep, tagged as ours
    });
}

void CreateAssistantStep::created(const VapiAssistant &assistant)
{
    slot() = assistant;
    if (!recorded(m_ctx.journal.done(stepName(m_role), assistant.id, assistant.name)))
        return;
    succeed(assistant.name);
}

DeleteAssistantStep::DeleteAssistantStep(ProvisioningContext &context, AssistantRole role)
    : DeleteAndVerifyStep(context, Mode::Undo, CreateAssistantStep::stepName(role), QStringLiteral("assistant")), m_role(role)
{
}

QStringList DeleteAssistantStep::recordedIds() const
{
    const auto &known = m_role == AssistantRole::Inbound ? m_ctx.inbound : m_ctx.outbound;
    return known ? QStringList{known->id} : QStringList();
}

// By tags rather than trusting one id: an ambiguous or re-sent create may have made more.
void DeleteAssistantStep::find(Found then)
{
    await<QList<VapiAssistant>>([&] { return m_ctx.services.vapi.listAssistants(listFrom(m_ctx)); },
                                [this, then](const TypedCall<QList<VapiAssistant>> &call) {
        if (!call.ok())
            return then(false, {}, call.error().describe());
        QStringList ids;
        for (const VapiAssistant &a : taggedAssistants(call.value(), m_ctx.runId, m_role))
            ids << a.id;
        then(true, ids, {});
    });
}

std::unique_ptr<TypedCall<bool>> DeleteAssistantStep::remove(const QString &id)
{
    return m_ctx.services.vapi.deleteAssistant(id);
}

void RemoveDuplicateAssistantsStep::run()
{
    await<QList<VapiAssistant>>([&] { return m_ctx.services.vapi.listAssistants(listFrom(m_ctx)); }, [this](const TypedCall<QList<VapiAssistant>> &call) {
        if (!call.ok())
            return fail(QStringLiteral("could not check for duplicate assistants: %1").arg(call.error().describe()));
        for (const VapiAssistant &a : call.value()) {
            const bool kept = (m_ctx.inbound && a.id == m_ctx.inbound->id) || (m_ctx.outbound && a.id == m_ctx.outbound->id);
            if (a.runId() == m_ctx.runId && !kept)
                m_duplicates << a.id;
        }
        deleteNext();
    });
}

void RemoveDuplicateAssistantsStep::deleteNext()
{
    if (m_duplicates.isEmpty())
        return succeed(m_removed ? QStringLiteral("removed %1 duplicate(s)").arg(m_removed) : QStringLiteral("no duplicates"));
    const QString id = m_duplicates.takeFirst();
    await<bool>([&] { return m_ctx.services.vapi.deleteAssistant(id); }, [this, id](const TypedCall<bool> &call) {
        if (!call.ok())
            return fail(QStringLiteral("could not delete duplicate assistant %1: %2").arg(id, call.error().describe()));
        ++m_removed;
        deleteNext();
    });
}

} // namespace oc
