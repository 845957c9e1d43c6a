#pragma once

#include "pipeline/recipe.h"
#include "provisioning/asyncstep.h"
#include "vapi/assistantname.h"

namespace oc {

// An assistant rollout of one organization as a recipe (issue 13): each assistant is read, then patched to the
// template version — only what the template owns changes; its previous owned fields are journaled first, so an
// undo (a failure, a cancel, a recoverer rolling back) puts exactly them back — and the configuration's version
// is recorded last (the pivot):
//   read_inbound_assistant ─► update_inbound_assistant ───┐
//   read_outbound_assistant ─► update_outbound_assistant ─┴─► record_template_version (pivot)
// A PATCH sets values, so doing one again is harmless: a recoverer re-sends every update whose outcome the
// journal leaves open.
pipeline::Recipe rolloutRecipe(ProvisioningContext &context);
QString rolloutStepTitle(const QString &title);
QString readStepName(AssistantRole role);
QString updateStepName(AssistantRole role);

// read_*_assistant: GET /assistant/{id}; the owned fields as they are go into the journal (detail) and the context.
class ReadAssistantStep final : public AsyncStep
{
public:
    ReadAssistantStep(ProvisioningContext &context, AssistantRole role) : AsyncStep(context), m_role(role) {}

private:
    void run() override;
    AssistantRole m_role;
};

// update_*_assistant: PATCH /assistant/{id} with AssistantTemplate::patchFor the journaled fields.
class UpdateAssistantStep final : public AsyncStep
{
public:
    UpdateAssistantStep(ProvisioningContext &context, AssistantRole role) : AsyncStep(context), m_role(role) {}

private:
    void run() override;
    AssistantRole m_role;
};

// The undo of update_*: PATCH /assistant/{id} with the journaled fields as they were.
class RestoreAssistantStep final : public AsyncStep
{
public:
    RestoreAssistantStep(ProvisioningContext &context, AssistantRole role) : AsyncStep(context), m_role(role) {}

private:
    void run() override;
    AssistantRole m_role;
};

// record_template_version: the configuration's version and the journal's "done" in one fenced transaction.
class RecordVersionStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
};

// The assistant id of `role` in the context's configuration.
QString assistantIdOf(const ProvisioningContext &context, AssistantRole role);

} // namespace oc
