#pragma once

#include "pipeline/recipe.h"
#include "provisioning/asyncstep.h"
#include "provisioning/deleteandverify.h"

namespace oc {

// One resource of a cleanup — the configuration's number, assistant or VAPI phone-number, by the id it
// records — deleted and verified gone (DeleteAndVerifyStep, cleanup mode): a lookup under the same account
// must agree before a 404 is believed; still there, it is deleted again, up to three times.
class DeleteResourceStep final : public DeleteAndVerifyStep
{
public:
    enum class Kind { Number, InboundAssistant, OutboundAssistant, VapiNumber };
    DeleteResourceStep(ProvisioningContext &context, Kind kind);

    static QString stepName(Kind kind);

private:
    QStringList recordedIds() const override;
    void find(Found then) override;
    std::unique_ptr<TypedCall<bool>> remove(const QString &id) override;

    Kind m_kind;
};

// delete_config: the configuration goes — with its journal line, in one transaction, only while the lease
// holds — once every resource it records is verified gone (the recipe makes it need all four deletes).
class DeleteConfigStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
};

// The seed's cleanup as a recipe that carries on past a failure (nothing to undo: it only deletes) and
// reports what it could not delete. The four deletes run side by side — a failed one never holds back
// another, so a VAPI outage does not keep a paid number from being released — and delete_config needs all four:
//   delete_vapi_phone_number ─┐
//   delete_inbound_assistant ─┤
//   delete_outbound_assistant ┼─► delete_config
//   release_number ───────────┘
pipeline::Recipe cleanupRecipe(ProvisioningContext &context);

// A cleanup step title in the UI language (the recipe keeps them English, as data).
QString cleanupStepTitle(const QString &title);

} // namespace oc
