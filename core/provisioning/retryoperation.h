#pragma once

#include "pipeline/stepevent.h"
#include "provisioning/leftovers.h"
#include "provisioning/provisioningcontext.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace oc {

class ApproveOperation;
class LeftoverCheck;
class OrphanSweep;
class RunSession;

// retry (DESIGN §2.4): for an organization whose setup failed, set up again with the given country/area code,
// or the last run's. When the last run needs attention (an undo failed) or was interrupted (its process is
// gone) and the country and area code are the same, what it left that still exists — checked by lookup — is
// taken over by the new run (ApproveOperation::adopt), which resumes from the first step still to do;
// everything else it left is removed first (OrphanSweep restricted to that run). A complete setup is not
// retried: clean it up first.
class RetryOperation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryOperation)

public:
    RetryOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode, QString actor,
                   QObject *parent = nullptr);
    ~RetryOperation() override;

    void start();
    // Stops the new setup like ApproveOperation::cancel(). While the last run's leftovers are being removed,
    // that removal finishes (it only deletes what nothing uses) and nothing new is set up.
    void cancel();
    bool ok() const { return m_ok; }
    QJsonObject result() const { return m_result; }
    QString errorMessage() const { return m_error; }

Q_SIGNALS:
    void stepEvent(const oc::pipeline::StepEvent &event);
    void finished();

private:
    void begin();
    bool takeOverInterrupted(ProvisioningRun &run);
    void sweep(const ProvisioningRun &last);
    void setUpAgain();
    void resolveLeftoverRuns();
    void finish(bool ok, QJsonObject result, const QString &error);

    ProvisioningServices &m_services;
    qint64 m_organizationId;
    QString m_countryCode;
    QString m_areaCode;
    QString m_actor;
    std::unique_ptr<RunSession> m_session; // the new run, held from before the check until the setup takes it
    std::unique_ptr<LeftoverCheck> m_check;
    std::unique_ptr<OrphanSweep> m_sweep;
    AdoptedResources m_adopted;
    std::unique_ptr<ApproveOperation> m_approve;
    QStringList m_leftoverRuns; // every ended run of the organization that left something behind
    bool m_graceForTakeover = false;
    bool m_cancelRequested = false;
    bool m_finished = false;
    bool m_ok = false;
    QJsonObject m_result;
    QString m_error;
};

} // namespace oc
