#pragma once

#include "provisioning/compliancechoice.h"
#include "provisioning/leftovers.h"
#include "provisioning/operation.h"
#include "provisioning/provisioningcontext.h"

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
class RetryOperation : public Operation
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryOperation)

public:
    RetryOperation(ProvisioningServices &services, qint64 organizationId, QString countryCode, QString areaCode, QString actor,
                   QObject *parent = nullptr);
    ~RetryOperation() override;

    // Before start(): the bundle and address for the new setup (ApproveOperation::setCompliance).
    void setCompliance(ComplianceRequest request) { m_compliance = std::move(request); }
    void start() override;
    // Stops the new setup like ApproveOperation::cancel(). While the last run's leftovers are being removed,
    // that removal finishes (it only deletes what nothing uses) and nothing new is set up.
    void cancel() override;
    void handBack() override;
    bool isCancelable() const override { return true; }

private:
    void begin();
    bool takeOverInterrupted(ProvisioningRun &run);
    void sweep(const ProvisioningRun &last);
    void setUpAgain();
    void resolveLeftoverRuns();
    // Ends before the setup started, nothing set up: the held run ends canceled.
    void fail(const QString &error, Error::Kind kind = Error::Kind::Other);

    ProvisioningServices &m_services;
    qint64 m_organizationId;
    QString m_countryCode;
    QString m_areaCode;
    QString m_actor;
    std::unique_ptr<RunSession> m_session; // the new run, held from before the check until the setup takes it
    std::unique_ptr<LeftoverCheck> m_check;
    std::unique_ptr<OrphanSweep> m_sweep;
    AdoptedResources m_adopted;
    ComplianceRequest m_compliance;
    std::unique_ptr<ApproveOperation> m_approve;
    QStringList m_leftoverRuns; // every ended run of the organization that left something behind
    bool m_graceForTakeover = false;
    bool m_cancelRequested = false;
};

} // namespace oc
