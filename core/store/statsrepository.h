#pragma once

#include "domain/provisioningrun.h"
#include "provisioning/setupstate.h"
#include "store/database.h"
#include "util/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>

#include <array>
#include <optional>

namespace oc {

// What decides an organization's SetupState (see setupstate.h), read for a page of organizations.
struct SetupFacts {
    bool liveRun = false;
    bool activeConfig = false;            // setup_completed and status 'active'
    std::optional<RunStatus> latestRun;   // by started_at, then id
    QString number;
    qint64 assistantVersion = 0;          // of its configuration: the template version its assistants have
};

// Setup times in [fromMs, toMs); the last bucket has no upper bound.
struct SetupTimeBucket {
    qint64 fromMs = 0;
    std::optional<qint64> toMs;
    qint64 count = 0;
};

struct StepFailures {
    QString step;                         // empty: the run ended before any step failed (e.g. canceled early)
    qint64 count = 0;
};

// The dashboard's numbers. Run figures are about setup runs (approve and retry): a cleanup, an orphan release or an
// assistant rollout is not a setup.
struct DashboardStats {
    qint64 organizations = 0;
    qint64 newOrganizations = 0;          // created in the last kNewWindowDays
    std::array<qint64, std::size(kAllSetupStates)> byState{};
    qint64 organizationsIn(SetupState state) const { return byState[std::size_t(state)]; }

    // Live runs of every kind; an organization has at most one, so this is also the Provisioning count.
    qint64 runningRuns = 0;
    qint64 queuedRuns = 0; // team mode: waiting for a worker
    qint64 compensatingRuns = 0;
    qint64 liveRuns() const { return runningRuns + compensatingRuns; }

    qint64 succeededRuns = 0;
    qint64 rolledBackRuns = 0;
    qint64 needsAttentionRuns = 0;
    qint64 canceledRuns = 0;
    qint64 failedRuns() const { return rolledBackRuns + needsAttentionRuns + canceledRuns; }
    qint64 finishedRuns() const { return succeededRuns + failedRuns(); }
    // succeeded ÷ finished; none while no setup run has finished.
    std::optional<double> successRate() const;

    // Failed setup runs by the step that failed, most first (ties by name); the counts add up to failedRuns().
    QList<StepFailures> failuresByStep;

    // Setup time (to save_config) of succeeded runs, in the buckets of kSetupTimeEdgesMs.
    QList<SetupTimeBucket> setupTimes;
    qint64 timedRuns = 0;
    std::optional<qint64> medianSetupMs;  // nearest rank
    std::optional<qint64> p95SetupMs;

    // The assistant template version new setups use (0: none made current yet) and how many active setups'
    // assistants are at an older one (a rollout brings them up: orgctl assistants rollout).
    qint64 currentAssistantVersion = 0;
    qint64 assistantsBehind = 0;

    // Active setups' numbers by ISO country (from the number's country code; a +1 number counts as US): what the
    // dashboard's "Monthly number spend" multiplies by each country's local price.
    QHash<QString, qint64> activeNumbersByCountry;

    QDateTime measuredAt;
    qint64 queryMs = 0;                   // how long the queries took
};

// Aggregates over the store for the dashboard and the organizations table. Every query is an index range or an
// index-only count: organizations without a configuration or run are never visited (None = total − the rest).
class StatsRepository
{
public:
    // Bucket edges of the setup-time histogram: <1 s, 1–2 s, 2–3 s, 3–5 s, 5–10 s, ≥10 s.
    static constexpr std::array<qint64, 5> kSetupTimeEdgesMs{1000, 2000, 3000, 5000, 10000};
    static constexpr int kNewWindowDays = 7;

    explicit StatsRepository(Database &db) : m_db(db) {}

    // Reads in one snapshot (a read transaction) unless the connection is already inside a transaction.
    // `now` decides what counts as new (invalid = the current time).
    Result<DashboardStats> dashboard(const QDateTime &now = {});
    Result<QHash<qint64, SetupFacts>> setupFacts(const QList<qint64> &organizationIds);

private:
    Result<void> readStates(DashboardStats &stats);
    Result<void> readRuns(DashboardStats &stats);
    Result<void> readFailures(DashboardStats &stats);
    Result<void> readSetupTimes(DashboardStats &stats);
    Result<void> readAssistantVersions(DashboardStats &stats);
    Result<void> readNumberCountries(DashboardStats &stats);
    Result<std::optional<qint64>> setupTimeAtRank(qint64 rank);

    Database &m_db;
};

} // namespace oc

Q_DECLARE_METATYPE(oc::DashboardStats)
