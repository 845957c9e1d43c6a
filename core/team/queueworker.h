#pragma once

#include "domain/provisioningrun.h"
#include "provisioning/operation.h"
#include "store/workerrepository.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace oc {

struct ProvisioningServices;
class RecoverOperation;

// Drains the queue (team mode): claims queued runs while it holds fewer than `concurrency`, drives each with
// an ApproveOperation under the run's lease (engine v2's fencing), and every few seconds finishes runs whose
// owner is gone (same host: at once; elsewhere: once the lease expired) — the recovery a SIGKILLed worker
// needs. Its heartbeat says it is alive. `orgctl worker`, `orgctl serve` and the console each run one; many
// on many machines drain one queue (FOR UPDATE SKIP LOCKED on PostgreSQL).
class QueueWorker : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueWorker)

public:
    struct Options {
        QString kind = QStringLiteral("worker"); // worker | console | serve
        int concurrency = 4;
        int pollMs = 500;
        int recoverEveryMs = 3000; // 0: never recover others' runs
        int heartbeatMs = 5000;
    };
    QueueWorker(ProvisioningServices &services, QString actor, Options options, QObject *parent = nullptr);
    ~QueueWorker() override;

    void start();
    // Stops claiming; stopped() once nothing it holds is still running (at once when it holds nothing).
    void stop();
    bool isStopping() const { return m_stopping; }
    void setConcurrency(int n);
    int concurrency() const { return m_options.concurrency; }
    int held() const { return int(m_operations.size()) + (m_recovery ? 1 : 0); }
    qint64 claimedCount() const { return m_claimed; }
    // Look at the queue now (a feed said something was queued).
    void nudge();

Q_SIGNALS:
    // A queued run was claimed and its operation is starting: a console attaches its view.
    void runStarted(const oc::ProvisioningRun &run, oc::Operation *operation);
    void runEnded(const QString &runId, const oc::OperationOutcome &outcome);
    void recoveryEnded(const QJsonObject &result);
    void stopped();

private:
    void fill();
    void recover();
    void beat();
    void maybeStopped();

    ProvisioningServices &m_services;
    QString m_actor;
    Options m_options;
    WorkerInfo m_self;
    QTimer m_poll;
    QTimer m_heartbeat;
    QHash<QString, QPointer<Operation>> m_operations;
    QPointer<Operation> m_recovery; // a RecoverOperation
    qint64 m_lastRecoverMs = 0;
    qint64 m_claimed = 0;
    bool m_filling = false;
    bool m_stopping = false;
    bool m_started = false;
};

} // namespace oc
