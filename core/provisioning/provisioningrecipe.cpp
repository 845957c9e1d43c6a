#include "provisioningrecipe.h"

#include "provisioning/assistantsteps.h"
#include "provisioning/finishsteps.h"
#include "provisioning/numbersteps.h"
#include "provisioning/registrationsteps.h"

#include <QCoreApplication>

namespace oc {

namespace {

template<class Step, class... Args>
pipeline::TaskFactory make(ProvisioningContext &ctx, Args... args)
{
    return [&ctx, args...] { return std::unique_ptr<pipeline::StepTask>(new Step(ctx, args...)); };
}

// Titles stay English in the recipe (they reach the journal and orgctl's output); the console shows
// them through provisioningStepTitle.
QString title(const char *english)
{
    return QString::fromUtf8(english);
}

} // namespace

QString provisioningStepTitle(const QString &title)
{
    return QCoreApplication::translate("oc::ProvisioningRecipe", title.toUtf8().constData());
}

pipeline::Recipe provisioningRecipe(ProvisioningContext &ctx)
{
    using pipeline::StepDefinition;
    using Phase = StepDefinition::Phase;
    pipeline::Recipe recipe;
    recipe.add({QStringLiteral("search_number"), title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Search for a phone number")),
                {}, make<SearchNumberStep>(ctx), {}, Phase::BeforePivot, true});
    recipe.add({QStringLiteral("buy_number"), title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Buy the phone number")),
                {QStringLiteral("search_number")}, make<BuyNumberStep>(ctx), make<ReleaseNumberStep>(ctx), Phase::BeforePivot, true});
    recipe.add({QStringLiteral("create_inbound_assistant"),
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Create the inbound assistant")), {},
                make<CreateAssistantStep>(ctx, AssistantRole::Inbound), make<DeleteAssistantStep>(ctx, AssistantRole::Inbound),
                Phase::BeforePivot, true});
    recipe.add({QStringLiteral("create_outbound_assistant"),
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Create the outbound assistant")), {},
                make<CreateAssistantStep>(ctx, AssistantRole::Outbound), make<DeleteAssistantStep>(ctx, AssistantRole::Outbound),
                Phase::BeforePivot, true});
    recipe.add({QStringLiteral("register_number"), title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Register the number with VAPI")),
                {QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant")}, make<RegisterNumberStep>(ctx),
                make<UnregisterNumberStep>(ctx), Phase::BeforePivot, true});
    recipe.add({QStringLiteral("save_config"), title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Save the AI configuration")),
                {QStringLiteral("register_number"), QStringLiteral("create_outbound_assistant")}, make<SaveConfigStep>(ctx), {}, Phase::Pivot,
                false});
    recipe.add({QStringLiteral("remove_duplicate_assistants"),
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Remove duplicate assistants")), {QStringLiteral("save_config")},
                make<RemoveDuplicateAssistantsStep>(ctx), {}, Phase::AfterPivot, true});
    recipe.add({QStringLiteral("send_email"), title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "E-mail the owner")),
                {QStringLiteral("save_config")}, make<SendEmailStep>(ctx), {}, Phase::AfterPivot, false});
    return recipe;
}

} // namespace oc
