#pragma once

#include "net/typedcall.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonArray>
#include <QObject>

#include <memory>

namespace oc {

// The orphan sweep (DESIGN §2.3): numbers and assistants at the providers that carry our tags — and VAPI
// phone-numbers pointing at them — that no configuration and no live run references. Lists them with age
// and cost; releases them only when asked (the caller confirms first). Releasing writes an audit record.
class OrphanSweep : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrphanSweep)

public:
    OrphanSweep(ProvisioningServices &services, bool release, QString actor, QObject *parent = nullptr);

    // Only what this (ended) run left behind — carrying its tags, or recorded by id in its journal (a resource
    // it took over from an earlier run keeps that run's tags): how retry and cleanup clean up after a run
    // that needs attention.
    void restrictToRun(const QString &runId) { m_onlyRunId = runId; }
    // Never these ids (what a retry takes over from the run being swept).
    void spare(const QStringList &ids) { m_spared = ids; }
    ~OrphanSweep() override;

    void start();
    bool ok() const { return m_ok; }
    // {"success", "orphans": [{kind, id, name, runId, ageDays, monthlyCost, released?}], "message"?}
    QJsonObject result() const;
    QString errorMessage() const { return m_error; }

    // A US local number's monthly price, for the estimate shown next to each orphan number.
    static constexpr double kNumberMonthlyUsd = 1.15;

Q_SIGNALS:
    void finished();

private:
    struct Orphan {
        QString kind; // number | assistant | vapi_phone_number
        QString id;
        QString name;
        QString runId;
        QDateTime createdAt;
        bool released = false;
        QString error;
    };

    void listNumbers();
    void listAssistants();
    void listPhoneNumbers();
    void classify();
    void releaseNext();
    void finish(bool ok, const QString &error = {});

    ProvisioningServices &m_services;
    bool m_release;
    QString m_actor;
    QString m_onlyRunId;
    QStringList m_spared;
    std::unique_ptr<ApiCall> m_call;
    QList<IncomingNumber> m_numbers;
    QList<VapiAssistant> m_assistants;
    QList<VapiPhoneNumber> m_phoneNumbers;
    QList<Orphan> m_orphans;
    int m_releaseIndex = 0;
    bool m_ok = false;
    QString m_error;
};

} // namespace oc
