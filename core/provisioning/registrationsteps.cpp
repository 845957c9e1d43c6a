#include "registrationsteps.h"

#include "provisioning/stepnames.h"
#include "vapi/phonenumberregistration.h"
#include "vapi/vapiclient.h"

namespace oc {

namespace {
const QString &kStep = steps::kRegisterNumber;

bool isOurs(const VapiPhoneNumber &p, const ProvisioningContext &ctx)
{
    return ctx.number && p.number == ctx.number->phoneNumber && ctx.inbound && p.assistantId == ctx.inbound->id;
}
}

void RegisterNumberStep::run()
{
    if (!m_ctx.number || !m_ctx.inbound)
        return fail(QStringLiteral("register_number ran without a number or an inbound assistant"));
    if (!journaled(m_ctx.journal.intent(kStep, m_ctx.number->phoneNumber, 1)))
        return;
    PhoneNumberRegistration registration{m_ctx.number->phoneNumber, m_ctx.services.twilioAccountSid,
                                         m_ctx.services.twilioAuthToken, m_ctx.inbound->id, m_ctx.org.companyName};
    Q_EMIT progress(QStringLiteral("registering %1 with VAPI").arg(m_ctx.number->phoneNumber), 1);
    markSent(kStep);
    await<VapiPhoneNumber>([&] { return m_ctx.services.vapi.createPhoneNumber(registration); }, [this](const TypedCall<VapiPhoneNumber> &call) {
        if (call.ok())
            return registered(call.value());
        if (call.error().ambiguous && !recorded(m_ctx.journal.unknown(kStep, call.error().describe())))
            return;
        reconcile(call.error());
    });
}

void RegisterNumberStep::reconcile(const ApiError &error)
{
    await<QList<VapiPhoneNumber>>([&] { return m_ctx.services.vapi.listPhoneNumbers(); }, [this, error](const TypedCall<QList<VapiPhoneNumber>> &call) {
        if (!call.ok())
            return fail(QStringLiteral("%1; the lookup failed too: %2").arg(error.describe(), call.error().describe()), true);
        for (const VapiPhoneNumber &p : call.value()) {
            if (isOurs(p, m_ctx))
                return registered(p);
        }
        if (error.ambiguous)
            return fail(error.describe(), true);
        journaled(m_ctx.journal.failed(kStep, error.describe()));
        fail(error.describe());
    });
}

void RegisterNumberStep::registered(const VapiPhoneNumber &number)
{
    m_ctx.vapiNumber = number;
    if (!recorded(m_ctx.journal.done(kStep, number.id, number.number)))
        return;
    succeed(QStringLiteral("registered as %1").arg(number.id));
}

UnregisterNumberStep::UnregisterNumberStep(ProvisioningContext &context)
    : DeleteAndVerifyStep(context, Mode::Undo, kStep, QStringLiteral("VAPI number"))
{
}

QStringList UnregisterNumberStep::recordedIds() const
{
    return m_ctx.vapiNumber ? QStringList{m_ctx.vapiNumber->id} : QStringList();
}

void UnregisterNumberStep::find(Found then)
{
    await<QList<VapiPhoneNumber>>([&] { return m_ctx.services.vapi.listPhoneNumbers(); }, [this, then](const TypedCall<QList<VapiPhoneNumber>> &call) {
        if (!call.ok())
            return then(false, {}, call.error().describe());
        QStringList ids;
        for (const VapiPhoneNumber &p : call.value()) {
            if (isOurs(p, m_ctx))
                ids << p.id;
        }
        then(true, ids, {});
    });
}

std::unique_ptr<TypedCall<bool>> UnregisterNumberStep::remove(const QString &id)
{
    return m_ctx.services.vapi.deletePhoneNumber(id);
}

void RemoveDuplicateRegistrationsStep::run()
{
    if (!m_ctx.number || !m_ctx.vapiNumber)
        return succeed(QStringLiteral("nothing registered"));
    await<QList<VapiPhoneNumber>>([&] { return m_ctx.services.vapi.listPhoneNumbers(); }, [this](const TypedCall<QList<VapiPhoneNumber>> &call) {
        if (!call.ok())
            return fail(QStringLiteral("could not check for duplicate VAPI registrations: %1").arg(call.error().describe()));
        for (const VapiPhoneNumber &p : call.value()) {
            if (p.number == m_ctx.number->phoneNumber && p.id != m_ctx.vapiNumber->id)
                m_duplicates << p.id;
        }
        deleteNext();
    });
}

void RemoveDuplicateRegistrationsStep::deleteNext()
{
    if (m_duplicates.isEmpty())
        return succeed(m_removed ? QStringLiteral("removed %1 duplicate registration(s)").arg(m_removed) : QStringLiteral("no duplicates"));
    const QString id = m_duplicates.takeFirst();
    Q_EMIT progress(QStringLiteral("removing duplicate VAPI registration %1").arg(id), 1);
    await<bool>([&] { return m_ctx.services.vapi.deletePhoneNumber(id); }, [this, id](const TypedCall<bool> &call) {
        if (!call.ok())
            return fail(QStringLiteral("could not delete duplicate VAPI registration %1: %2").arg(id, call.error().describe()));
        ++m_removed;
        deleteNext();
    });
}

} // namespace oc
