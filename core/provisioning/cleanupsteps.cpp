#include "cleanupsteps.h"

#include "provisioning/stepnames.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QCoreApplication>

namespace oc {

namespace {

template<class Step, class... Args>
pipeline::TaskFactory make(ProvisioningContext &ctx, Args... args)
{
    return [&ctx, args...] { return std::unique_ptr<pipeline::StepTask>(new Step(ctx, args...)); };
}

} // namespace

namespace {
QString noun(DeleteResourceStep::Kind kind)
{
    switch (kind) {
    case DeleteResourceStep::Kind::Number: return QStringLiteral("number");
    case DeleteResourceStep::Kind::InboundAssistant: return QStringLiteral("inbound assistant");
    case DeleteResourceStep::Kind::OutboundAssistant: return QStringLiteral("outbound assistant");
    case DeleteResourceStep::Kind::VapiNumber: return QStringLiteral("VAPI number");
    }
    return {};
}
} // namespace

DeleteResourceStep::DeleteResourceStep(ProvisioningContext &context, Kind kind)
    : DeleteAndVerifyStep(context, Mode::Cleanup, stepName(kind), noun(kind)), m_kind(kind)
{
}

QString DeleteResourceStep::stepName(Kind kind)
{
    switch (kind) {
    case Kind::Number: return steps::kReleaseNumber;
    case Kind::InboundAssistant: return steps::kDeleteInbound;
    case Kind::OutboundAssistant: return steps::kDeleteOutbound;
    case Kind::VapiNumber: return steps::kDeleteVapiNumber;
    }
    return {};
}

QStringList DeleteResourceStep::recordedIds() const
{
    const AiConfig &c = *m_ctx.config;
    const QString id = m_kind == Kind::Number              ? c.phoneNumberSid
                       : m_kind == Kind::InboundAssistant  ? c.inboundAssistantId
                       : m_kind == Kind::OutboundAssistant ? c.outboundAssistantId
                                                           : c.vapiPhoneNumberId;
    return id.isEmpty() ? QStringList() : QStringList{id};
}

// Looked up under the same account (the Twilio account the configuration records, the VAPI organization the
// operation checked): a 404 from a lookup says gone; any other failure says nothing.
void DeleteResourceStep::find(Found then)
{
    const AiConfig &c = *m_ctx.config;
    const QString id = recordedIds().value(0);
    const auto failed = [](const ApiCall &call) { return !call.ok() && call.error().httpStatus != 404; };
    if (m_kind == Kind::Number) {
        await<std::optional<IncomingNumber>>([&] { return m_ctx.services.twilio.findOwnedNumber(c.number); },
                                             [then, failed, id](const TypedCall<std::optional<IncomingNumber>> &call) {
            if (failed(call))
                return then(false, {}, call.error().describe());
            then(true, call.ok() && call.value() && call.value()->sid == id ? QStringList{id} : QStringList(), {});
        });
    } else if (m_kind == Kind::VapiNumber) {
        await<QList<VapiPhoneNumber>>([&] { return m_ctx.services.vapi.listPhoneNumbers(); },
                                      [then, failed, id](const TypedCall<QList<VapiPhoneNumber>> &call) {
            if (failed(call))
                return then(false, {}, call.error().describe());
            bool there = false;
            if (call.ok()) {
                for (const VapiPhoneNumber &p : call.value())
                    there = there || p.id == id;
            }
            then(true, there ? QStringList{id} : QStringList(), {});
        });
    } else {
        await<VapiAssistant>([&] { return m_ctx.services.vapi.getAssistant(id); }, [then, failed, id](const TypedCall<VapiAssistant> &call) {
            if (failed(call))
                return then(false, {}, call.error().describe());
            then(true, call.ok() ? QStringList{id} : QStringList(), {});
        });
    }
}

std::unique_ptr<TypedCall<bool>> DeleteResourceStep::remove(const QString &id)
{
    if (m_kind == Kind::Number)
        return m_ctx.services.twilio.releaseNumber(id);
    if (m_kind == Kind::VapiNumber)
        return m_ctx.services.vapi.deletePhoneNumber(id);
    return m_ctx.services.vapi.deleteAssistant(id);
}

void DeleteConfigStep::run()
{
    if (!mayAct())
        return;
    Store &store = m_ctx.services.store;
    const AiConfig &c = *m_ctx.config;
    auto removed = store.database().transaction([&]() -> Result<void> {
        if (auto r = store.aiConfigs().removeForOrganization(c.organizationId); !r)
            return r;
        return m_ctx.journal.done(steps::kDeleteConfig, QString::number(c.id));
    });
    if (!removed) {
        if (removed.error().kind == Error::Kind::Fenced)
            return fenced(removed.error().message);
        return fail(removed.error().message);
    }
    pipeline::Journal::crashPoint(steps::kDeleteConfig, StepStatus::Done); // committed now
    succeed(QStringLiteral("configuration %1 deleted").arg(c.id));
}

QString cleanupStepTitle(const QString &title)
{
    return QCoreApplication::translate("oc::CleanupRecipe", title.toUtf8().constData());
}

pipeline::Recipe cleanupRecipe(ProvisioningContext &ctx)
{
    using Kind = DeleteResourceStep::Kind;
    using Phase = pipeline::StepDefinition::Phase;
    pipeline::Recipe recipe;
    recipe.setOnFailure(pipeline::Recipe::OnFailure::CarryOn);
    recipe.add({steps::kDeleteVapiNumber, QString::fromUtf8(QT_TRANSLATE_NOOP("oc::CleanupRecipe", "Delete the VAPI phone number")), {},
                make<DeleteResourceStep>(ctx, Kind::VapiNumber), {}, Phase::BeforePivot, true});
    recipe.add({steps::kDeleteInbound, QString::fromUtf8(QT_TRANSLATE_NOOP("oc::CleanupRecipe", "Delete the inbound assistant")),
                {}, make<DeleteResourceStep>(ctx, Kind::InboundAssistant), {}, Phase::BeforePivot, true});
    recipe.add({steps::kDeleteOutbound, QString::fromUtf8(QT_TRANSLATE_NOOP("oc::CleanupRecipe", "Delete the outbound assistant")), {},
                make<DeleteResourceStep>(ctx, Kind::OutboundAssistant), {}, Phase::BeforePivot, true});
    recipe.add({steps::kReleaseNumber, QString::fromUtf8(QT_TRANSLATE_NOOP("oc::CleanupRecipe", "Release the phone number")),
                {}, make<DeleteResourceStep>(ctx, Kind::Number), {}, Phase::BeforePivot, true});
    recipe.add({steps::kDeleteConfig, QString::fromUtf8(QT_TRANSLATE_NOOP("oc::CleanupRecipe", "Delete the AI configuration")),
                {steps::kDeleteVapiNumber, steps::kDeleteInbound, steps::kDeleteOutbound, steps::kReleaseNumber}, make<DeleteConfigStep>(ctx), {},
                Phase::BeforePivot, false});
    return recipe;
}

} // namespace oc
