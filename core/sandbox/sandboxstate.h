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

    // VAPI objects are kept as the JSON the API returns (ids in "id").
    QList<QJsonObject> &assistants() { return m_assistants; }
    const QList<QJsonObject> &assistants() const { return m_assistants; }
    QList<QJsonObject> &vapiPhoneNumbers() { return m_vapiPhones; }
    const QList<QJsonObject> &vapiPhoneNumbers() const { return m_vapiPhones; }
    static int indexOfId(const QList<QJsonObject> &list, const QString &id);
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
    QList<QJsonObject> m_assistants;
    QList<QJsonObject> m_vapiPhones;
    QSet<QString> m_pinned;
    QSet<QString> m_acceptDuplicate; // endpoints whose next create may duplicate (the resend fault)
    QHash<QString, Counter> m_counters;
};

} // namespace oc::sandbox
