#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace oc::sandbox {

// Everything the emulated vendors own, in creation order. The ledger is this, as JSON: tests read it to prove
// that nothing leaked and that an effect happened even when its response was lost.
class SandboxState
{
public:
    struct OwnedNumber {
        QString sid;
        QString phoneNumber;
        QString friendlyName;
        QDateTime created;
        QString bundleSid;  // what the purchase carried (regulated numbers)
        QString addressSid;
    };
    // A regulatory bundle of the account (numbers v2) and the country and number type it is for.
    struct Bundle {
        QString sid;
        QString friendlyName;
        QString status;       // draft, pending-review, …, twilio-approved
        QString isoCountry;
        QString numberType;   // local
        QString endUserType;  // business, individual
        QString regulationSid;
        QDateTime created;
        QDateTime updated;
    };
    // An address of the account (2010-04-01 Addresses).
    struct Address {
        QString sid;
        QString friendlyName;
        QString customerName;
        QString street;
        QString city;
        QString region;
        QString postalCode;
        QString isoCountry;
        QDateTime created;
    };
    struct Counter {
        int calls = 0;
        int faults = 0;
    };

    QList<OwnedNumber> &numbers() { return m_numbers; }
    const QList<OwnedNumber> &numbers() const { return m_numbers; }
    const OwnedNumber *numberBySid(const QString &sid) const;
    const OwnedNumber *numberByPhone(const QString &phone) const;
    bool removeNumber(const QString &sid);

    QList<Bundle> &bundles() { return m_bundles; }
    const QList<Bundle> &bundles() const { return m_bundles; }
    const Bundle *bundleBySid(const QString &sid) const;
    QList<Address> &addresses() { return m_addresses; }
    const QList<Address> &addresses() const { return m_addresses; }
    const Address *addressBySid(const QString &sid) const;
    // The demo's compliance: an approved German business bundle with an address in Berlin, and a second German
    // bundle still pending review — so a German approval can be seen refused and succeeding.
    void seedCompliance();
    static inline const QString kApprovedBundleDe = QStringLiteral("BU0de0a9900000000000000000000000a1");
    static inline const QString kPendingBundleDe = QStringLiteral("BU0de0b0000000000000000000000000b2");
    static inline const QString kBerlinAddress = QStringLiteral("AD0de0be41100000000000000000000001");

    // VAPI objects are kept as the JSON the API returns (ids in "id").
    QList<QJsonObject> &assistants() { return m_assistants; }
    const QList<QJsonObject> &assistants() const { return m_assistants; }
    QList<QJsonObject> &vapiPhoneNumbers() { return m_vapiPhones; }
    const QList<QJsonObject> &vapiPhoneNumbers() const { return m_vapiPhones; }
    static int indexOfId(const QList<QJsonObject> &list, const QString &id);
    // VAPI calls as GET /call lists them ({id, assistantId, type, status, cost, createdAt, …}); seeded by tests
    // (POST /__sandbox/calls) and the demo, never made by the console.
    QList<QJsonObject> &calls() { return m_calls; }
    const QList<QJsonObject> &calls() const { return m_calls; }
    // Adds a call of `assistantId` (its id, createdAt and an ended status filled in when missing); the call as stored.
    QJsonObject addCall(QJsonObject call);
    // The `resend` fault: the next create on `endpoint` is applied even if it duplicates an existing object.
    void acceptNextDuplicate(const QString &endpoint) { m_acceptDuplicate.insert(endpoint); }
    bool takeAcceptDuplicate(const QString &endpoint) { return m_acceptDuplicate.remove(endpoint); }

    void setPinned(const QString &assistantId, bool pinned);
    bool isPinned(const QString &assistantId) const { return m_pinned.contains(assistantId); }

    void countCall(const QString &endpoint) { ++m_counters[endpoint].calls; }
    void countFault(const QString &endpoint) { ++m_counters[endpoint].faults; }
    Counter counter(const QString &endpoint) const { return m_counters.value(endpoint); }

    QJsonObject ledger() const;

private:
    QList<OwnedNumber> m_numbers;
    QList<Bundle> m_bundles;
    QList<Address> m_addresses;
    QList<QJsonObject> m_assistants;
    QList<QJsonObject> m_vapiPhones;
    QList<QJsonObject> m_calls;
    QSet<QString> m_pinned;
    QSet<QString> m_acceptDuplicate; // endpoints whose next create may duplicate (the resend fault)
    QHash<QString, Counter> m_counters;
};

} // namespace oc::sandbox
