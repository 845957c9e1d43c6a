#pragma once

#include "console/liverun.h"
#include "domain/organization.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace oc {

namespace pipeline {
class CallLimiter;
}
class QueueWorker;
class RunFeed;
struct RunEvent;
struct WorkerInfo;

// The console's engine: starts core's operations (approve, retry, cleanup, resend e-mail, recover, the
// orphan sweep, check-config) on request, many at once, sharing one limit on concurrent vendor calls, and
// exposes each as a LiveRun the views observe. Widget-free: the GUI and its tests drive it the same way.
class ConsoleEngine : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleEngine)

public:
    ConsoleEngine(ProvisioningServices &services, QString actor, int concurrentVendorCalls = 8, QObject *parent = nullptr);
    ~ConsoleEngine() override;

    // The services the next operation starts with. Running operations keep the ones they started with.
    ProvisioningServices &services() { return *m_services; }
    const QString &actor() const { return m_actor; }

    // Live settings: the next operation uses `services` (new endpoints, credentials, e-mail settings); what
    // runs now finishes on the services it started with, which `services` keeps alive until then. The queue
    // worker hands over: the old one stops claiming and finishes what it holds, a new one drains on these.
    // A non-empty `problem` says provisioning is not configured (the services are placeholders that reach no
    // vendor): nothing new starts — approve/retry/cleanup/resend return null, recover and the orphan sweep end
    // at once with `problem` — until a call with configured services.
    void reconfigure(std::shared_ptr<ProvisioningServices> services, const QString &problem = {});
    bool isConfigured() const { return m_problem.isEmpty(); }
    // Why provisioning is not configured ("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN … are required"); empty when it is.
    const QString &configurationProblem() const { return m_problem; }

    LiveRun *approve(const Organization &org, const QString &countryCode, const QString &areaCode);
    LiveRun *retry(const Organization &org, const QString &countryCode, const QString &areaCode);
    LiveRun *cleanup(const Organization &org);
    LiveRun *resendEmail(const Organization &org);
    // Stops a running approve/retry and rolls back what it created. False when there is nothing to cancel.
    bool cancel(LiveRun *run);
    static bool canCancel(const LiveRun *run);

    // Finishes runs a previous session (or a killed orgctl) left unfinished; ends with recoveryFinished.
    void recover();
    bool isRecovering() const { return m_recovering; }
    // Lists (release=false) or releases (release=true) orphans; ends with orphanSweepFinished. Releasing with
    // `onlyIds` touches exactly those ids (what the user confirmed), and none that became referenced since.
    void sweepOrphans(bool release, const QStringList &onlyIds = {});
    bool isSweeping() const { return m_sweeping; }
    // Read-only checks of the database, vendors and SMTP; `done` gets check-config's JSON.
    void checkConfiguration(const QString &smtpProblem, std::function<void(const QJsonObject &)> done);

    const QList<LiveRun *> &runs() const { return m_runs; }
    int liveRunCount() const;
    // The unfinished run this console holds for an organization, if any.
    LiveRun *liveRunFor(qint64 organizationId) const;
    // Team mode. Follows every run in the database (the Runs view shows the team's runs, live): the live ones
    // and the `recent` latest others at once, then each change as it is committed, from any process.
    Result<void> followTeam(int recent = 100);
    bool isFollowingTeam() const { return bool(m_feed); }
    // Drains the queue like a worker, `n` runs at once (0: not at all).
    void setQueueDraining(int n);
    int queueDraining() const;
    // Queues approvals (verify now, set up by a worker or this console); each id's error, if any.
    QHash<qint64, QString> queueApprovals(const QList<qint64> &organizationIds, const QString &countryCode, const QString &areaCode);
    // The queue and the workers alive, read now (queueChanged says the same every few seconds while followed).
    void refreshQueue();

    // The provisioning recipe's steps (name, title) in order, as a run shows them before they start.
    QList<std::pair<QString, QString>> provisioningSteps();

Q_SIGNALS:
    void runAdded(oc::LiveRun *run);
    void runFinished(oc::LiveRun *run);
    // Something about this organization changed in the store (status, configuration, runs).
    void organizationChanged(qint64 organizationId);
    void recoveryFinished(const QJsonObject &result, bool ok, const QString &error);
    void orphanSweepFinished(const QJsonObject &result, bool released, bool ok, const QString &error);
    void queueChanged(qint64 queued, const QList<oc::WorkerInfo> &workers);
    // reconfigure() was called: isConfigured() and configurationProblem() may have changed.
    void configurationChanged();

private:
    LiveRun *startProvisioning(LiveRun::Kind kind, const Organization &org, const QString &countryCode, const QString &areaCode);
    LiveRun *track(LiveRun::Kind kind, const Organization &org);
    // Starts `op` behind `run`: its step events move the run, its outcome ends it.
    void drive(LiveRun *run, Operation *op);
    void finishRun(LiveRun *run, const OperationOutcome &outcome);

    void onFeedEvent(const RunEvent &event);
    LiveRun *observe(const ProvisioningRun &run);
    void attachClaimed(const ProvisioningRun &run, Operation *op);

    // Keeps the current services (and their clients) alive while they are current or an operation uses them.
    void holdServicesFor(QObject *operation);
    void startWorker(int n);

    ProvisioningServices *m_services;
    std::shared_ptr<ProvisioningServices> m_servicesHold; // null: the constructor's, owned by the caller
    ProvisioningServices *m_limiterInstalledIn = nullptr;
    QString m_problem;
    int m_drainWanted = 0; // what setQueueDraining() asked for
    QString m_actor;
    // Workers of earlier services, finishing what they held before they go.
    std::vector<std::unique_ptr<QueueWorker>> m_retiredWorkers;
    std::vector<std::shared_ptr<ProvisioningServices>> m_released; // let go of on the next turn
    std::unique_ptr<RunFeed> m_feed;
    std::unique_ptr<QueueWorker> m_worker;
    QHash<QString, LiveRun *> m_byRunId;
    QTimer *m_queueTimer = nullptr;
    std::unique_ptr<pipeline::CallLimiter> m_limiter;
    QList<LiveRun *> m_runs;
    QHash<LiveRun *, QPointer<Operation>> m_operations; // the running operation behind each live run
    QList<std::pair<QString, QString>> m_steps;
    bool m_recovering = false;
    bool m_sweeping = false;
};

} // namespace oc
