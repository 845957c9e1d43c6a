#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace oc {

// Queued: waiting for a worker (or a console) to claim it; nothing has been bought for it yet.
enum class RunStatus { Running, Compensating, Succeeded, RolledBack, NeedsAttention, Canceled, Queued };

QString statusName(RunStatus status);
std::optional<RunStatus> runStatusFromString(const QString &text);
// Queued, running and compensating runs are live: at most one per organization; running and compensating ones
// are owned through a lease.
bool isLive(RunStatus status);

// One attempt to provision (or clean up) an organization: the head of its journal.
struct ProvisioningRun {
    QString id;
    qint64 organizationId = 0;
    QString kind;              // approve | retry | cleanup
    RunStatus status = RunStatus::Running;
    QString countryCode;
    QString areaCode;
    QString actor;
    QString leaseOwner;
    QDateTime leaseExpiresAt;
    qint64 leaseEpoch = 0;     // bumped by every claim: the fencing token of the current owner
    QDateTime startedAt;
    QDateTime finishedAt;
    std::optional<qint64> setupTimeMs;
    QString failedStep;
    QString error;
    QDateTime updatedAt;
    QDateTime queuedAt;          // when it was queued (queued runs only)
    QDateTime cancelRequestedAt; // someone asked its owner to cancel it (through the database)
    QString cancelRequestedBy;
    // What it was asked beyond country and area code (JSON), kept so whoever finishes it does the same:
    // templateVersion (setups, rollouts), fromVersion (rollouts), bundleSid / addressSid (a purchase's compliance).
    QJsonObject params;
};

// The proof that a process holds a run's lease: every write of the run (journal, configuration, outcome,
// audit) is conditional on the run still having this owner and epoch, checked in the same statement.
struct LeaseFence {
    QString runId;
    QString owner;
    qint64 epoch = 0;

    bool isValid() const { return !runId.isEmpty() && !owner.isEmpty() && epoch > 0; }
};

// Journal status of one step: intent is committed before the external call, the result after it.
enum class StepStatus {
    Pending, Intent, Running, Done, Failed, Unknown, Skipped, Canceled,
    Compensating, Compensated, CompensationFailed
};

QString statusName(StepStatus status);
std::optional<StepStatus> stepStatusFromString(const QString &text);

struct RunStep {
    QString runId;
    QString step;
    StepStatus status = StepStatus::Pending;
    int attempt = 0;
    QString externalId;
    QString lookupTag;
    QString detail;
    QString error;
    QDateTime startedAt;
    QDateTime finishedAt;
    QDateTime updatedAt;
};

} // namespace oc
