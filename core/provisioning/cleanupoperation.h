#pragma once

#include "net/typedcall.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>

namespace oc {

class RunSession;

class OrphanSweep;

// cleanup (DESIGN §2.4): deletes the VAPI phone-number (it references the inbound assistant), both
// assistants, releases the number, and deletes the configuration — the last only when every external
// resource is really gone, so a failed release never loses the record of a paid number. 404 = gone.
// Journaled as a run of kind "cleanup", so it cannot race an approve of the same organization.
class CleanupOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CleanupOperation)

public:
    CleanupOperation(ProvisioningServices &services, qint64 organizationId, QString actor, QObject *parent = nullptr);
    ~CleanupOperation() override;

    void start();
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_ok; }
    // The seed's answer: {success, message, data: {cleanup: {results: {phoneNumberReleased, …}}}}.
    QJsonObject result() const { return m_result; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void progress(const QString &step, const QString &detail);
    void finished();

private:
    struct Task {
        QString step;
        QString resultKey;
        QString externalId;
        std::function<std::unique_ptr<TypedCall<bool>>()> call;
    };

    void begin();
    void sweepRuns(const QStringList &runIds);
    void checkVapiOrganization();
    void next();
    void verifyGone(const Task &task);
    void taskDone(const Task &task, bool gone, const QString &failure);
    void finishCleanup();
    void finish(bool ok, QJsonObject result, const QString &error);
    void finishFenced();

    ProvisioningServices &m_services;
    std::unique_ptr<RunSession> m_session;
    qint64 m_organizationId;
    QString m_actor;
    QString m_runId;
    std::optional<AiConfig> m_config;
    std::unique_ptr<pipeline::Journal> m_journal;
    QList<Task> m_tasks;
    std::unique_ptr<TypedCall<bool>> m_call;
    std::unique_ptr<ApiCall> m_lookup; // the lookup that verifies a delete, or the VAPI organization check
    std::unique_ptr<OrphanSweep> m_sweep;
    QJsonObject m_results;
    QStringList m_failures;
    bool m_finished = false;
    bool m_ok = false;
    QJsonObject m_result;
    QString m_error;
};

} // namespace oc
