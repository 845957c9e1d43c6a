#include "provisioningrecipe.h"

#include "provisioning/assistantsteps.h"
#include "provisioning/finishsteps.h"
#include "provisioning/numbersteps.h"
#include "provisioning/registrationsteps.h"
#include "provisioning/stepnames.h"

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
    recipe.add({steps::kSearchNumber, title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Search for a phone number")),
                {}, make<SearchNumberStep>(ctx), {}, Phase::BeforePivot, true});
    recipe.add({steps::kBuyNumber, title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Buy the phone number")),
                {steps::kSearchNumber}, make<BuyNumberStep>(ctx), make<ReleaseNumberStep>(ctx), Phase::BeforePivot, true});
    recipe.add({steps::kCreateInbound,
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Create the inbound assistant")), {},
                make<CreateAssistantStep>(ctx, AssistantRole::Inbound), make<DeleteAssistantStep>(ctx, AssistantRole::Inbound),
                Phase::BeforePivot, true});
    recipe.add({steps::kCreateOutbound,
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Create the outbound assistant")), {},
                make<CreateAssistantStep>(ctx, AssistantRole::Outbound), make<DeleteAssistantStep>(ctx, AssistantRole::Outbound),
                Phase::BeforePivot, true});
    recipe.add({steps::kRegisterNumber, title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Register the number with VAPI")),
                {steps::kBuyNumber, steps::kCreateInbound}, make<RegisterNumberStep>(ctx),
                make<UnregisterNumberStep>(ctx), Phase::BeforePivot, true});
    recipe.add({steps::kSaveConfig, title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Save the AI configuration")),
                {steps::kRegisterNumber, steps::kCreateOutbound}, make<SaveConfigStep>(ctx), {}, Phase::Pivot,
                false});
    recipe.add({steps::kRemoveDuplicateAssistants,
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Remove duplicate assistants")), {steps::kSaveConfig},
                make<RemoveDuplicateAssistantsStep>(ctx), {}, Phase::AfterPivot, true});
    recipe.add({steps::kRemoveDuplicateRegistrations,
                title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "Remove duplicate VAPI registrations")), {steps::kSaveConfig},
                make<RemoveDuplicateRegistrationsStep>(ctx), {}, Phase::AfterPivot, true});
    recipe.add({steps::kSendEmail, title(QT_TRANSLATE_NOOP("oc::ProvisioningRecipe", "E-mail the owner")),
                {steps::kSaveConfig}, make<SendEmailStep>(ctx), {}, Phase::AfterPivot, false});
    return recipe;
}

} // namespace oc
