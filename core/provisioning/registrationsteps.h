#pragma once

#include "provisioning/asyncstep.h"
#include "provisioning/deleteandverify.h"

namespace oc {

// register_number: registers the bought number with VAPI on the inbound assistant. Any answer other than a
// clean 201 is reconciled by listing VAPI's numbers: ours (same number, our assistant) → done.
class RegisterNumberStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
    void reconcile(const ApiError &error);
    void registered(const VapiPhoneNumber &number);
};

// Undo (DeleteAndVerifyStep): deletes the VAPI phone-number the run recorded and every one for our number on
// our inbound assistant.
class UnregisterNumberStep final : public DeleteAndVerifyStep
{
public:
    explicit UnregisterNumberStep(ProvisioningContext &context);

private:
    QStringList recordedIds() const override;
    void find(Found then) override;
    std::unique_ptr<TypedCall<bool>> remove(const QString &id) override;
};

// After the pivot, off the critical path: a registration whose connection dropped after VAPI applied it is
// re-sent by Qt 6.4, and an interrupted run that is finished by recover registers again — either leaves a
// second VAPI phone-number for our number beside the saved one. Every registration of the number other than
// the saved one is deleted. A failure is a warning: the orphan sweep finds what is left.
class RemoveDuplicateRegistrationsStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
    void deleteNext();
    QStringList m_duplicates;
    int m_removed = 0;
};

} // namespace oc
