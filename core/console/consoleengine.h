#pragma once

#include "console/liverun.h"
#include "domain/organization.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace oc {

namespace pipeline {
class CallLimiter;
}

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

    ProvisioningServices &services() { return m_services; }
    const QString &actor() const { return m_actor; }

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
    // The provisioning recipe's steps (name, title) in order, as a run shows them before they start.
    QList<std::pair<QString, QString>> provisioningSteps();

Q_SIGNALS:
    void runAdded(oc::LiveRun *run);
    void runFinished(oc::LiveRun *run);
    // Something about this organization changed in the store (status, configuration, runs).
    void organizationChanged(qint64 organizationId);
    void recoveryFinished(const QJsonObject &result, bool ok, const QString &error);
    void orphanSweepFinished(const QJsonObject &result, bool released, bool ok, const QString &error);

private:
    LiveRun *startProvisioning(LiveRun::Kind kind, const Organization &org, const QString &countryCode, const QString &areaCode);
    LiveRun *track(LiveRun::Kind kind, const Organization &org);
    // Starts `op` behind `run`: its step events move the run, its outcome ends it.
    void drive(LiveRun *run, Operation *op);
    void finishRun(LiveRun *run, const OperationOutcome &outcome);

    ProvisioningServices &m_services;
    QString m_actor;
    std::unique_ptr<pipeline::CallLimiter> m_limiter;
    bool m_installedLimiter = false;
    QList<LiveRun *> m_runs;
    QHash<LiveRun *, QPointer<Operation>> m_operations; // the running operation behind each live run
    QList<std::pair<QString, QString>> m_steps;
    bool m_recovering = false;
    bool m_sweeping = false;
};

} // namespace oc
