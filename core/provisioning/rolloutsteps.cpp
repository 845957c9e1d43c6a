#include "rolloutsteps.h"

#include "provisioning/stepnames.h"
#include "vapi/vapiclient.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace oc {

namespace {

template<class Step, class... Args>
pipeline::TaskFactory make(ProvisioningContext &ctx, Args... args)
{
    return [&ctx, args...] { return std::unique_ptr<pipeline::StepTask>(new Step(ctx, args...)); };
}

QString title(const char *english)
{
    return QString::fromUtf8(english);
}

QString roleKey(AssistantRole role)
{
    return assistantRoleName(role);
}

} // namespace

QString readStepName(AssistantRole role)
{
    return role == AssistantRole::Inbound ? steps::kReadInbound : steps::kReadOutbound;
}

QString updateStepName(AssistantRole role)
{
    return role == AssistantRole::Inbound ? steps::kUpdateInbound : steps::kUpdateOutbound;
}

QString assistantIdOf(const ProvisioningContext &context, AssistantRole role)
{
    if (!context.config)
        return QString();
    return role == AssistantRole::Inbound ? context.config->inboundAssistantId : context.config->outboundAssistantId;
}

QString rolloutStepTitle(const QString &title)
{
    return QCoreApplication::translate("oc::RolloutRecipe", title.toUtf8().constData());
}

pipeline::Recipe rolloutRecipe(ProvisioningContext &ctx)
{
    using pipeline::StepDefinition;
    using Phase = StepDefinition::Phase;
    pipeline::Recipe recipe;
    recipe.add({steps::kReadInbound, title(QT_TRANSLATE_NOOP("oc::RolloutRecipe", "Read the inbound assistant")), {},
                make<ReadAssistantStep>(ctx, AssistantRole::Inbound), {}, Phase::BeforePivot, true});
    recipe.add({steps::kReadOutbound, title(QT_TRANSLATE_NOOP("oc::RolloutRecipe", "Read the outbound assistant")), {},
                make<ReadAssistantStep>(ctx, AssistantRole::Outbound), {}, Phase::BeforePivot, true});
    recipe.add({steps::kUpdateInbound, title(QT_TRANSLATE_NOOP("oc::RolloutRecipe", "Update the inbound assistant")),
                {steps::kReadInbound}, make<UpdateAssistantStep>(ctx, AssistantRole::Inbound),
                make<RestoreAssistantStep>(ctx, AssistantRole::Inbound), Phase::BeforePivot, true});
    recipe.add({steps::kUpdateOutbound, title(QT_TRANSLATE_NOOP("oc::RolloutRecipe", "Update the outbound assistant")),
                {steps::kReadOutbound}, make<UpdateAssistantStep>(ctx, AssistantRole::Outbound),
                make<RestoreAssistantStep>(ctx, AssistantRole::Outbound), Phase::BeforePivot, true});
    recipe.add({steps::kRecordVersion, title(QT_TRANSLATE_NOOP("oc::RolloutRecipe", "Record the template version")),
                {steps::kUpdateInbound, steps::kUpdateOutbound}, make<RecordVersionStep>(ctx), {}, Phase::Pivot, false});
    return recipe;
}

void ReadAssistantStep::run()
{
    const QString id = assistantIdOf(m_ctx, m_role);
    if (id.isEmpty())
        return fail(QStringLiteral("the configuration records no %1 assistant").arg(roleKey(m_role)));
    Q_EMIT progress(QStringLiteral("reading %1").arg(id), 1);
    await<VapiAssistant>([&] { return m_ctx.services.vapi.getAssistant(id); }, [this, id](const TypedCall<VapiAssistant> &call) {
        if (!call.ok()) {
            const QString why = call.error().httpStatus == 404
                                    ? QStringLiteral("assistant %1 no longer exists at VAPI: clean up the setup, or retry it").arg(id)
                                    : call.error().describe();
            journaled(m_ctx.journal.failed(readStepName(m_role), why));
            return fail(why);
        }
        const QJsonObject owned = AssistantTemplate::ownedFields(call.value().raw);
        m_ctx.before.insert(roleKey(m_role), owned);
        const QString snapshot = QString::fromUtf8(QJsonDocument(owned).toJson(QJsonDocument::Compact));
        if (!journaled(m_ctx.journal.done(readStepName(m_role), id, snapshot)))
            return;
        const qint64 version = AssistantTemplate::versionOf(call.value().raw);
        succeed(version > 0 ? QStringLiteral("at version %1").arg(version) : QStringLiteral("read"));
    });
}

void UpdateAssistantStep::run()
{
    const QString step = updateStepName(m_role);
    const QString id = assistantIdOf(m_ctx, m_role);
    if (!m_ctx.before.contains(roleKey(m_role)))
        return fail(QStringLiteral("%1 ran before the assistant was read").arg(step));
    const QJsonObject patch = m_ctx.assistantTemplate.patchFor(m_ctx.before.value(roleKey(m_role)), m_ctx.org.companyName, m_role,
                                                               m_ctx.templateVersion);
    if (!journaled(m_ctx.journal.intent(step, id, 1)))
        return;
    Q_EMIT progress(QStringLiteral("updating %1 to version %2").arg(id).arg(m_ctx.templateVersion), 1);
    await<VapiAssistant>([&] { return m_ctx.services.vapi.updateAssistant(id, patch); }, [this, step, id](const TypedCall<VapiAssistant> &call) {
        if (!call.ok()) {
            // Ambiguous (a timeout, a reset after sending): it may have been applied — the undo puts the old fields back.
            if (call.error().ambiguous) {
                if (!recorded(m_ctx.journal.unknown(step, call.error().describe())))
                    return;
                return fail(call.error().describe(), true);
            }
            journaled(m_ctx.journal.failed(step, call.error().describe()));
            return fail(call.error().describe());
        }
        if (!recorded(m_ctx.journal.done(step, id, QStringLiteral("version %1").arg(m_ctx.templateVersion))))
            return;
        succeed(QStringLiteral("at version %1").arg(m_ctx.templateVersion));
    });
}

void RestoreAssistantStep::run()
{
    const QString step = updateStepName(m_role);
    const QString id = assistantIdOf(m_ctx, m_role);
    const QJsonObject before = m_ctx.before.value(roleKey(m_role));
    if (before.isEmpty()) { // never read, so never patched
        journaled(m_ctx.journal.compensated(step, QStringLiteral("nothing to put back")));
        return succeed(QStringLiteral("nothing to put back"));
    }
    if (!journaled(m_ctx.journal.compensating(step)))
        return;
    Q_EMIT progress(QStringLiteral("putting %1 back as it was").arg(id), 1);
    await<VapiAssistant>([&] { return m_ctx.services.vapi.updateAssistant(id, before); }, [this, step, id](const TypedCall<VapiAssistant> &call) {
        if (!call.ok()) {
            const QString why = QStringLiteral("assistant %1 could not be put back: %2").arg(id, call.error().describe());
            journaled(m_ctx.journal.compensationFailed(step, why));
            return fail(why);
        }
        if (!journaled(m_ctx.journal.compensated(step, QStringLiteral("put back as it was"))))
            return;
        succeed(QStringLiteral("put back as it was"));
    });
}

void RecordVersionStep::run()
{
    if (!mayAct())
        return;
    Store &store = m_ctx.services.store;
    auto saved = store.database().transaction([&]() -> Result<void> {
        if (auto set = store.aiConfigs().setAssistantVersion(m_ctx.org.id, m_ctx.templateVersion); !set)
            return set;
        return m_ctx.journal.done(steps::kRecordVersion, QString::number(m_ctx.templateVersion));
    });
    if (!saved) {
        (void)m_ctx.journal.load();
        if (saved.error().kind == Error::Kind::Fenced)
            return fenced(saved.error().message);
        return fail(QStringLiteral("recording the template version failed: %1").arg(saved.error().message));
    }
    pipeline::Journal::crashPoint(steps::kRecordVersion, StepStatus::Done);
    succeed(QStringLiteral("version %1").arg(m_ctx.templateVersion));
}

} // namespace oc
