#pragma once

#include "provisioning/asyncstep.h"

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

// Undo: deletes the VAPI phone-number(s) for our number on our inbound assistant (404 = gone); looks once
// more after the late-create grace when the registration's outcome is open.
class UnregisterNumberStep final : public AsyncStep
{
public:
    using AsyncStep::AsyncStep;

private:
    void run() override;
    void sweep();
    void deleteNext(QStringList ids);
    void verifyDeleted();
    int m_rounds = 0;
    bool m_registrationOpen = false; // the journal never confirmed or refuted the registration
    bool m_lookedAgain = false;
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
