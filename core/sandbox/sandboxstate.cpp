#include "sandboxstate.h"

#include <QUuid>

#include "sandbox/faultplan.h"

#include <QJsonArray>

namespace oc::sandbox {

const SandboxState::OwnedNumber *SandboxState::numberBySid(const QString &sid) const
{
    for (const OwnedNumber &n : m_numbers) {
        if (n.sid == sid)
            return &n;
    }
    return nullptr;
}

const SandboxState::OwnedNumber *SandboxState::numberByPhone(const QString &phone) const
{
    for (const OwnedNumber &n : m_numbers) {
        if (n.phoneNumber == phone)
            return &n;
    }
    return nullptr;
}

const SandboxState::Bundle *SandboxState::bundleBySid(const QString &sid) const
{
    for (const Bundle &b : m_bundles) {
        if (b.sid == sid)
            return &b;
    }
    return nullptr;
}

const SandboxState::Address *SandboxState::addressBySid(const QString &sid) const
{
    for (const Address &a : m_addresses) {
        if (a.sid == sid)
            return &a;
    }
    return nullptr;
}

void SandboxState::seedCompliance()
{
    // Fixed dates and sids: the demo and the tests see the same account every run.
    const QDateTime created(QDate(2026, 10, 20), QTime(9, 30), Qt::UTC);
    const QDateTime approved(QDate(2026, 11, 3), QTime(14, 5), Qt::UTC);
    m_bundles = {
        Bundle{kApprovedBundleDe, QStringLiteral("Acme GmbH"), QStringLiteral("twilio-approved"), QStringLiteral("DE"),
               QStringLiteral("local"), QStringLiteral("business"), {}, created, approved},
        Bundle{kPendingBundleDe, QStringLiteral("Acme Berlin Zweigstelle"), QStringLiteral("pending-review"), QStringLiteral("DE"),
               QStringLiteral("local"), QStringLiteral("business"), {}, created.addDays(10), created.addDays(10)},
    };
    m_addresses = {
        Address{kBerlinAddress, QStringLiteral("Acme Berlin office"), QStringLiteral("Acme GmbH"), QStringLiteral("Friedrichstraße 123"),
                QStringLiteral("Berlin"), QStringLiteral("Berlin"), QStringLiteral("10117"), QStringLiteral("DE"), created},
    };
}

bool SandboxState::removeNumber(const QString &sid)
{
    return m_numbers.removeIf([&](const OwnedNumber &n) { return n.sid == sid; }) > 0;
}

int SandboxState::indexOfId(const QList<QJsonObject> &list, const QString &id)
{
    for (int i = 0; i < list.size(); ++i) {
        if (list.at(i).value(QLatin1String("id")).toString() == id)
            return i;
    }
    return -1;
}

void SandboxState::setPinned(const QString &assistantId, bool pinned)
{
    if (pinned)
        m_pinned.insert(assistantId);
    else
        m_pinned.remove(assistantId);
}

QJsonObject SandboxState::addCall(QJsonObject call)
{
    if (call.value(QLatin1String("id")).toString().isEmpty())
        call.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    // Stored as UTC with milliseconds, like every sandbox stamp: the list's bounds compare the text.
    QDateTime created = QDateTime::fromString(call.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    if (!created.isValid())
        created = QDateTime::currentDateTimeUtc();
    const QString stamp = created.toUTC().toString(Qt::ISODateWithMs);
    call.insert(QStringLiteral("createdAt"), stamp);
    if (!call.contains(QLatin1String("updatedAt")))
        call.insert(QStringLiteral("updatedAt"), stamp);
    if (!call.contains(QLatin1String("type")))
        call.insert(QStringLiteral("type"), QStringLiteral("inboundPhoneCall"));
    if (!call.contains(QLatin1String("status")))
        call.insert(QStringLiteral("status"), QStringLiteral("ended"));
    m_calls.append(call);
    return call;
}

QJsonObject SandboxState::ledger() const
{
    QJsonArray numbers;
    for (const OwnedNumber &n : m_numbers) {
        numbers.append(QJsonObject{{QStringLiteral("sid"), n.sid},
                                   {QStringLiteral("phoneNumber"), n.phoneNumber},
                                   {QStringLiteral("friendlyName"), n.friendlyName},
                                   {QStringLiteral("bundleSid"), n.bundleSid},
                                   {QStringLiteral("addressSid"), n.addressSid},
                                   {QStringLiteral("createdAt"), n.created.toString(Qt::ISODateWithMs)}});
    }
    QJsonArray assistants;
    for (const QJsonObject &a : m_assistants) {
        const QString id = a.value(QLatin1String("id")).toString();
        assistants.append(QJsonObject{{QStringLiteral("id"), id},
                                      {QStringLiteral("name"), a.value(QLatin1String("name"))},
                                      {QStringLiteral("metadata"), a.value(QLatin1String("metadata"))},
                                      {QStringLiteral("createdAt"), a.value(QLatin1String("createdAt"))},
                                      {QStringLiteral("pinned"), m_pinned.contains(id)}});
    }
    QJsonArray phones;
    for (const QJsonObject &p : m_vapiPhones) {
        // The stored object echoes the Twilio auth token, as VAPI does; the ledger never shows it.
        QJsonObject shown = p;
        shown.remove(QStringLiteral("twilioAuthToken"));
        phones.append(shown);
    }
    QJsonObject counters;
    for (const QString &endpoint : FaultPlan::endpoints()) {
        const Counter c = m_counters.value(endpoint);
        counters.insert(endpoint, QJsonObject{{QStringLiteral("calls"), c.calls}, {QStringLiteral("faults"), c.faults}});
    }
    return QJsonObject{{QStringLiteral("numbers"), numbers},
                       {QStringLiteral("assistants"), assistants},
                       {QStringLiteral("phoneNumbers"), phones},
                       {QStringLiteral("counters"), counters}};
}

} // namespace oc::sandbox
