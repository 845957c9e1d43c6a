#pragma once

#include "provisioning/asyncstep.h"
#include "provisioning/deleteandverify.h"
#include "vapi/assistantname.h"

namespace oc {

// create_inbound_assistant / create_outbound_assistant: creates the assistant tagged with our run and role.
// An ambiguous answer is reconciled by listing assistants on those tags; duplicates (a re-sent create) are
// deleted so exactly one remains.
class CreateAssistantStep final : public AsyncStep
{
public:
    CreateAssistantStep(ProvisioningContext &context, AssistantRole role);
    static QString stepName(AssistantRole role);

private:
    void run() override;
    void reconcile(const std::optional<VapiAssistant> &created, const ApiError &error);
    void removeDuplicates(QList<VapiAssistant> extras, const VapiAssistant &kept);
    void created(const VapiAssistant &assistant);
    std::optional<VapiAssistant> &slot();

    AssistantRole m_role;
};

// Undo (DeleteAndVerifyStep): deletes the assistant the run recorded and every one carrying our run and role.
class DeleteAssistantStep final : public DeleteAndVerifyStep
{
public:
    DeleteAssistantStep(ProvisioningContext &context, AssistantRole role);

private:
    QStringList recordedIds() const override;
    void find(Found then) override;
    std::unique_ptr<TypedCall<bool>> remove(const QString &id) override;

    AssistantRole m_role;
};

// After the pivot, off the critical path: Qt 6.4 re-sends a POST whose connection dropped before any
// answer, so one create can have made two assistants. Every assistant tagged with this run that the
// configuration does not use is deleted. A failure is a warning: the orphan sweep finds what is left.
class RemoveDuplicateAssistantsStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
    void deleteNext();
    QStringList m_duplicates;
    int m_removed = 0;
};

// Assistants of this run and role, as VAPI lists them.
QList<VapiAssistant> taggedAssistants(const QList<VapiAssistant> &all, const QString &runId, AssistantRole role);

} // namespace oc
