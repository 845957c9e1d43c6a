#include "provisioningrecipe.h"

#include "provisioning/assistantsteps.h"
#include "provisioning/finishsteps.h"
#include "provisioning/numbersteps.h"
#include "provisioning/registrationsteps.h"

namespace oc {

namespace {

template<class Step, class... Args>
pipeline::TaskFactory make(ProvisioningContext &ctx, Args... args)
{
    return [&ctx, args...] { return std::unique_ptr<pipeline::StepTask>(new Step(ctx, args...)); };
}

} // namespace

pipeline::Recipe provisioningRecipe(ProvisioningContext &ctx)
{
    using pipeline::StepDefinition;
    using Phase = StepDefinition::Phase;
    pipeline::Recipe recipe;
    recipe.add({QStringLiteral("search_number"), QStringLiteral("Search for a phone number"), {}, make<SearchNumberStep>(ctx), {},
                Phase::BeforePivot, true});
    recipe.add({QStringLiteral("buy_number"), QStringLiteral("Buy the phone number"), {QStringLiteral("search_number")},
                make<BuyNumberStep>(ctx), make<ReleaseNumberStep>(ctx), Phase::BeforePivot, true});
    recipe.add({QStringLiteral("create_inbound_assistant"), QStringLiteral("Create the inbound assistant"), {},
                make<CreateAssistantStep>(ctx, AssistantRole::Inbound), make<DeleteAssistantStep>(ctx, AssistantRole::Inbound),
                Phase::BeforePivot, true});
    recipe.add({QStringLiteral("create_outbound_assistant"), QStringLiteral("Create the outbound assistant"), {},
                make<CreateAssistantStep>(ctx, AssistantRole::Outbound), make<DeleteAssistantStep>(ctx, AssistantRole::Outbound),
                Phase::BeforePivot, true});
    recipe.add({QStringLiteral("register_number"), QStringLiteral("Register the number with VAPI"),
                {QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant")}, make<RegisterNumberStep>(ctx),
                make<UnregisterNumberStep>(ctx), Phase::BeforePivot, true});
    recipe.add({QStringLiteral("save_config"), QStringLiteral("Save the AI configuration"),
                {QStringLiteral("register_number"), QStringLiteral("create_outbound_assistant")}, make<SaveConfigStep>(ctx), {},
                Phase::Pivot, false});
    recipe.add({QStringLiteral("remove_duplicate_assistants"), QStringLiteral("Remove duplicate assistants"),
                {QStringLiteral("save_config")}, make<RemoveDuplicateAssistantsStep>(ctx), {}, Phase::AfterPivot, true});
    recipe.add({QStringLiteral("send_email"), QStringLiteral("E-mail the owner"), {QStringLiteral("save_config")},
                make<SendEmailStep>(ctx), {}, Phase::AfterPivot, false});
    return recipe;
}

} // namespace oc
