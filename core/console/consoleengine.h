#pragma once

#include "console/enginebackend.h"
#include "console/liverollout.h"
#include "console/liverun.h"
#include "domain/organization.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace oc {


// The console's engine: starts core's operations (approve, retry, cleanup, resend e-mail, recover, the
// orphan sweep, check-config) on request, many at once, sharing one limit on concurrent vendor calls, and
// exposes each as a LiveRun the views observe. Widget-free: the GUI and its tests drive it the same way.
//
// Two halves: this object (the thread it was made on: the GUI's) keeps the LiveRuns; an EngineBackend keeps
// the operations, the queue worker, the team feed and the store connection they write through. Made with a
// database and a services factory, the backend lives on a thread of its own, so no journal write, lease
// renewal or feed read ever waits on the GUI thread (nor the GUI on them); made with services, it shares the
// caller's thread (tests, tools), where every call below takes effect before it returns.
class ConsoleEngine : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleEngine)

public:
    ConsoleEngine(ProvisioningServices &services, QString actor, int concurrentVendorCalls = 8, QObject *parent = nullptr);
    // The backend on its own thread, with its own connection to `url` and services from `factory` (called there).
    ConsoleEngine(const DatabaseUrl &url, ServicesFactory factory, QString actor, int concurrentVendorCalls = 8,
                  QObject *parent = nullptr);
    ~ConsoleEngine() override;

    const QString &actor() const { return m_actor; }
    // The template the next assistants are made from (the Approve dialog's preview).
    const AssistantTemplate &assistantTemplate() const { return m_template; }

    // Live settings: the next operation uses the services `factory` builds (new endpoints, credentials, e-mail
    // settings); what runs now finishes on the services it started with. The queue worker hands over: the old
    // one stops claiming and finishes what it holds, a new one drains on these. A non-empty problem in what
    // the factory returns says provisioning is not configured (the services are placeholders that reach no
    // vendor): nothing new starts — approve/retry/cleanup/resend return null, recover and the orphan sweep end
    // at once with the problem — until a call with configured services. configurationChanged() follows.
    void reconfigure(ServicesFactory factory);
    // The same with services built by the caller (the one-thread engine only).
    void reconfigure(std::shared_ptr<ProvisioningServices> services, const QString &problem = {});
    bool isConfigured() const { return m_problem.isEmpty(); }
    // Why provisioning is not configured ("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN … are required"); empty when it is.
    const QString &configurationProblem() const { return m_problem; }

    LiveRun *approve(const Organization &org, const QString &countryCode, const QString &areaCode);
    LiveRun *retry(const Organization &org, const QString &countryCode, const QString &areaCode);
    LiveRun *cleanup(const Organization &org);
    LiveRun *resendEmail(const Organization &org);
    // Stops a running approve/retry and rolls back what it created. False when there is nothing to cancel.
    // A run another process drives is asked to stop through the database; should that be refused, the run
    // says so in its log.
    bool cancel(LiveRun *run);
    static bool canCancel(const LiveRun *run);

    // Finishes runs a previous session (or a killed orgctl) left unfinished; ends with recoveryFinished.
    void recover();
    bool isRecovering() const { return m_recovering; }
    // Lists (release=false) or releases (release=true) orphans; ends with orphanSweepFinished. Releasing with
    // `onlyIds` touches exactly those ids (what the user confirmed), and none that became referenced since.
    void sweepOrphans(bool release, const QStringList &onlyIds = {});
    bool isSweeping() const { return m_sweeping; }
    // Read-only checks of the database, vendors and SMTP; `done` gets check-config's JSON (on this thread).
    void checkConfiguration(const QString &smtpProblem, std::function<void(const QJsonObject &)> done);
    // The same checks on services `factory` builds from a draft of the settings (Settings → Test configuration).
    void checkConfigurationWith(ServicesFactory factory, std::function<void(const QJsonObject &)> done);
    // What an approval in `countryCode` would buy with (ComplianceCheck, read-only calls, cached for the session
    // unless `refresh`): `done` gets {ok, detail, country, required, bundle?, address?, warnings?} on this thread,
    // unless `context` is gone by then.
    void checkCompliance(const QString &countryCode, bool refresh, QObject *context, std::function<void(const QJsonObject &)> done);

    // The costs report of `month` ("YYYY-MM", empty: this month; CostsReport's JSON): `done` gets it on this
    // thread unless `context` is gone by then.
    void costsReport(const QString &month, QObject *context,
                     std::function<void(const QJsonObject &result, bool ok, const QString &error)> done);
    // The local number prices (USD a month) of `countries` by ISO code, from the day's cache or Twilio Pricing;
    // a country without a price is missing. `done` gets them on this thread unless `context` is gone by then.
    void numberPrices(const QStringList &countries, QObject *context, std::function<void(const QHash<QString, double> &)> done);

    const QList<LiveRun *> &runs() const { return m_runs; }
    int liveRunCount() const;
    // The unfinished run this console holds for an organization, if any.
    LiveRun *liveRunFor(qint64 organizationId) const;
    // Team mode. Follows every run in the database (the Runs view shows the team's runs, live): the live ones
    // and the `recent` latest others at once, then each change as it is committed, from any process.
    // Ends with followingTeam(ok, error).
    void followTeam(int recent = 100);
    bool isFollowingTeam() const { return m_following; }
    // Drains the queue like a worker, `n` runs at once (0: not at all).
    void setQueueDraining(int n);
    int queueDraining() const { return m_draining; }
    // Queues approvals (verify now, set up by a worker or this console); `done` gets each id's error, if any,
    // unless `context` is gone by then.
    void queueApprovals(const QList<qint64> &organizationIds, const QString &countryCode, const QString &areaCode,
                        QObject *context, std::function<void(const QHash<qint64, QString> &errors)> done);
    // The queue and the workers alive, read now (queueChanged says the same every few seconds while followed).
    void refreshQueue();

    // Assistant templates (Settings → Assistants): the versions, newest first, and the current one; `done` gets
    // them on this thread unless `context` is gone by then.
    void loadAssistantTemplates(QObject *context, std::function<void(const AssistantTemplates &)> done);
    // Saves `body` as the next version (not rolled out): `done` gets its number or why not.
    void saveAssistantTemplate(const AssistantTemplate &body, const QString &note, QObject *context,
                               std::function<void(const Result<qint64> &)> done);
    // Rolls `version` out to `organizationIds` (none: every active setup, and the version becomes the one new
    // setups use), or with version 0 rolls back to the version before the current one. The LiveRollout (owned
    // by `owner`) follows it: the plan, each organization as it ends, the answer. Null when not configured.
    LiveRollout *rolloutAssistants(qint64 version, const QList<qint64> &organizationIds, bool dryRun, QObject *owner);
    // Stops it: what a rollout had changed of an organization not finished yet is put back.
    void cancel(LiveRollout *rollout);

    // The provisioning recipe's steps (name, title) in order, as a run shows them before they start.
    QList<std::pair<QString, QString>> provisioningSteps() const;

Q_SIGNALS:
    void runAdded(oc::LiveRun *run);
    void runFinished(oc::LiveRun *run);
    // Something about this organization changed in the store (status, configuration, runs).
    void organizationChanged(qint64 organizationId);
    void recoveryFinished(const QJsonObject &result, bool ok, const QString &error);
    void orphanSweepFinished(const QJsonObject &result, bool released, bool ok, const QString &error);
    void queueChanged(qint64 queued, const QList<oc::WorkerInfo> &workers);
    void followingTeam(bool ok, const QString &error);
    // reconfigure() took effect: isConfigured() and configurationProblem() may have changed.
    void configurationChanged();

private:
    void connectBackend();
    // Runs `fn` on the backend: now on the one-thread engine, queued on the threaded one.
    template<typename Fn>
    void toBackend(Fn &&fn);
    LiveRun *track(LiveRun::Kind kind, const Organization &org);
    LiveRun *startProvisioning(LiveRun::Kind kind, const Organization &org, const QString &countryCode, const QString &areaCode);
    void startOn(LiveRun *run, LiveRun::Kind kind, const Organization &org, const QString &countryCode = {},
                 const QString &areaCode = {});
    void finishRun(LiveRun *run, const OperationOutcome &outcome);
    void onStepEvent(qint64 key, const pipeline::StepEvent &event);
    void onOperationFinished(qint64 key, const OperationOutcome &outcome);
    void onClaimed(qint64 key, const ProvisioningRun &run, const QString &organizationName);
    void onFeedEvent(const RunEvent &event);
    LiveRun *observe(const RunSnapshot &snapshot);
    void declareSteps(LiveRun *run) const;

    QString m_actor;
    EngineBackend *m_backend = nullptr;
    QThread *m_thread = nullptr; // null: the backend shares this thread
    QString m_problem;
    AssistantTemplate m_template;
    QList<std::pair<QString, QString>> m_steps;        // English
    QList<std::pair<QString, QString>> m_cleanupSteps; // translated
    qint64 m_nextKey = 1;
    QHash<qint64, LiveRun *> m_byKey; // the runs an operation of the backend drives
    QHash<LiveRollout *, qint64> m_rollouts; // rollouts in flight, by their key
    QHash<QString, LiveRun *> m_byRunId;
    QSet<QString> m_snapshotAsked;
    QList<LiveRun *> m_runs;
    int m_draining = 0;
    bool m_following = false;
    bool m_recovering = false;
    bool m_sweeping = false;
};

} // namespace oc
