#pragma once

#include "console/liverun.h"
#include "domain/organization.h"
#include "domain/provisioningrun.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"
#include "store/assistanttemplaterepository.h"
#include "store/databaseurl.h"
#include "store/workerrepository.h"
#include "team/runfeed.h"
#include "vapi/assistanttemplate.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace oc {

namespace pipeline {
class CallLimiter;
}
class QueueWorker;

// What the engine provisions with, built where the engine's store lives: the services (null only when the
// build itself failed) and why provisioning is not configured (empty: it is).
struct EngineServices {
    std::shared_ptr<ProvisioningServices> services;
    QString problem;
};
// Builds the services on the engine's thread, over the engine's own store connection (clients, mailer and
// their sockets belong to the thread that uses them).
using ServicesFactory = std::function<EngineServices(Store &store)>;

// A run read from the store as the Runs view shows it: the row, the organization's name and the journal.
struct RunSnapshot {
    ProvisioningRun run;
    QString organizationName;
    QList<RunStep> steps;
};

// The assistant template's versions as Settings → Assistants shows them: newest first, and the one new setups use.
struct AssistantTemplates {
    qint64 current = 0;
    QList<AssistantTemplateVersion> versions;
    QString error; // non-empty: they could not be read
};

// What a rollout tells the GUI side, called on the backend's thread.
struct RolloutCallbacks {
    std::function<void(qint64 version, const QList<std::pair<qint64, QString>> &organizations)> planned;
    std::function<void(qint64 organizationId, const QJsonObject &answer)> ended;
    std::function<void(const QJsonObject &result, bool ok, const QString &error)> finished;
};

// The store side of the console engine: the operations, the queue worker, the team feed and every SQL
// statement the engine runs, on the thread the store connection belongs to. ConsoleEngine (the GUI side)
// calls it through queued invocations and hears from it through its signals; nothing here touches a LiveRun.
// Each run the GUI started is known by the key the GUI chose (positive); runs the queue worker claimed get
// keys from here (negative).
class EngineBackend : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineBackend)

public:
    // On the caller's services and thread (tests, one-thread tools).
    EngineBackend(ProvisioningServices &services, QString actor, int concurrentVendorCalls);
    // On a store of its own, opened by init() on the thread this object lives on, and services from `factory`.
    EngineBackend(DatabaseUrl url, ServicesFactory factory, QString actor, int concurrentVendorCalls);
    ~EngineBackend() override;

    // Opens the own store and builds the services (the threaded constructor); a no-op for the other.
    Result<void> init();
    // Hands back what runs (its leases given up: the next worker or console finishes it from the journal),
    // deletes the operations, the worker and the feed, and lets go of the services and the store.
    void shutdown();

    QList<std::pair<QString, QString>> provisioningSteps();
    QList<std::pair<QString, QString>> cleanupSteps();
    const AssistantTemplate &assistantTemplate() const { return m_services->assistantTemplate; }
    const QString &problem() const { return m_problem; }
    bool isConfigured() const { return m_problem.isEmpty(); }

    void reconfigure(EngineServices built);
    void reconfigure(const ServicesFactory &factory);

    void start(qint64 key, LiveRun::Kind kind, const Organization &org, const QString &countryCode, const QString &areaCode);
    void cancel(qint64 key);
    enum class RemoteCancel { Refused, CanceledQueued, Requested };
    RemoteCancel cancelRemote(const QString &runId, qint64 organizationId, bool queued);

    void recover();
    void sweepOrphans(bool release, const QStringList &onlyIds);
    // `done` runs on this object's thread.
    void checkConfiguration(const QString &smtpProblem, std::function<void(const QJsonObject &)> done);
    // The same checks on services from `factory` (a draft of the settings), let go of afterwards.
    void checkConfigurationWith(const ServicesFactory &factory, std::function<void(const QJsonObject &)> done);
    // ConsoleEngine::checkCompliance; `done` runs on this object's thread.
    void checkCompliance(const QString &countryCode, bool refresh, std::function<void(const QJsonObject &)> done);

    // The costs report of `month` ("YYYY-MM", empty: this month); `done` runs on this object's thread.
    void costsReport(const QString &month, std::function<void(const QJsonObject &result, bool ok, const QString &error)> done);
    // The local number prices of `countries` (cache, else Twilio Pricing); `done` runs on this object's thread.
    void numberPrices(const QStringList &countries, std::function<void(const QHash<QString, double> &prices)> done);

    AssistantTemplates assistantTemplates();
    Result<qint64> saveAssistantTemplate(const AssistantTemplate &body, const QString &note);
    // An AssistantRollout under `key` (cancel(key) stops it; shutdown hands it back).
    void rollout(qint64 key, qint64 version, const QList<qint64> &organizationIds, bool dryRun, RolloutCallbacks callbacks);

    // Starts the feed of every run's changes; the live and `recent` latest runs as they are now.
    Result<QList<RunSnapshot>> followTeam(int recent);
    std::optional<RunSnapshot> snapshot(const QString &runId);
    void setQueueDraining(int n);
    QHash<qint64, QString> queueApprovals(const QList<qint64> &organizationIds, const QString &countryCode, const QString &areaCode);
    void refreshQueue();
    // A claim or a run's end changed the queue: one refresh a moment later for any number of them.
    void refreshQueueSoon();

Q_SIGNALS:
    void stepEvent(qint64 key, const oc::pipeline::StepEvent &event);
    void operationFinished(qint64 key, const oc::OperationOutcome &outcome);
    void claimed(qint64 key, const oc::ProvisioningRun &run, const QString &organizationName);
    void organizationChanged(qint64 organizationId);
    void recoveryFinished(const QJsonObject &result, bool ok, const QString &error);
    void orphanSweepFinished(const QJsonObject &result, bool released, bool ok, const QString &error);
    void queueChanged(qint64 queued, const QList<oc::WorkerInfo> &workers);
    void drainingChanged(int n);
    void feedEvent(const oc::RunEvent &event);
    void configurationChanged(const QString &problem, const oc::AssistantTemplate &assistantTemplate);

private:
    Store &store() { return m_services->store; }
    void install(EngineServices built);
    void holdServicesFor(QObject *operation);
    void watch(qint64 key, Operation *op);
    void startWorker(int n);
    void attachClaimed(const ProvisioningRun &run, Operation *op);
    QString organizationName(qint64 organizationId);
    RunSnapshot snapshotOf(const ProvisioningRun &run);

    DatabaseUrl m_url;
    ServicesFactory m_factory;
    std::unique_ptr<Store> m_ownStore;
    ProvisioningServices *m_services = nullptr;
    std::shared_ptr<ProvisioningServices> m_servicesHold; // null: the constructor's, owned by the caller
    ProvisioningServices *m_limiterInstalledIn = nullptr;
    QString m_problem;
    QHash<QString, QJsonObject> m_compliance; // checkCompliance's answers this session, by country
    QString m_actor;
    int m_drainWanted = 0;
    qint64 m_nextClaimKey = -1;
    std::unique_ptr<pipeline::CallLimiter> m_limiter;
    std::vector<std::unique_ptr<QueueWorker>> m_retiredWorkers;
    std::vector<std::shared_ptr<ProvisioningServices>> m_released; // let go of on the next turn
    std::unique_ptr<RunFeed> m_feed;
    std::unique_ptr<QueueWorker> m_worker;
    QTimer *m_queueTimer = nullptr;
    bool m_queueRefreshDue = false;
    QHash<qint64, QPointer<Operation>> m_operations; // key → the running operation it started
    QList<std::pair<QString, QString>> m_steps;
    bool m_recovering = false;
    bool m_sweeping = false;
};

} // namespace oc
