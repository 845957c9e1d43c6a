#include "statsrepository.h"

#include "phone/phoneformat.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace oc {

namespace {

// The fragments that define SetupState in SQL; setupStateOf() is the same rule in C++.
const QString kLive = QStringLiteral("('running','compensating')");
const QString kActiveConfig = QStringLiteral("c.status = 'active' AND c.setup_completed = TRUE");
// No later run of the same organization: r is its latest (by started_at, then id).
const QString kIsLatest = QStringLiteral(
    "NOT EXISTS (SELECT 1 FROM provisioning_runs later WHERE later.organization_id = r.organization_id "
    "AND later.started_at >= r.started_at AND (later.started_at > r.started_at OR later.id > r.id))");
const QString kCleanupKind = QStringLiteral("cleanup");
const QString kOrphansKind = QStringLiteral("orphans"); // an orphan release holding an organization
const QString kRolloutKind = QStringLiteral("rollout"); // an assistant template rollout: maintenance, not a setup
bool isSetupKind(const QString &kind)
{
    return kind != kCleanupKind && kind != kOrphansKind && kind != kRolloutKind;
}

qint64 count(const QVariant &v)
{
    return v.isNull() ? 0 : v.toLongLong();
}

Result<qint64> scalar(Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = db.execForward(sql, values);
    if (!q)
        return q.error();
    return q.value().next() ? count(q.value().value(0)) : 0;
}

QString marks(qsizetype n)
{
    QString s;
    s.reserve(n * 2);
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(",?") : QStringLiteral("?");
    return s;
}

// A read snapshot so the numbers add up even while other consoles write. Never the write lock.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(Database &db) : m_db(db)
    {
        if (db.inTransaction())
            return;
        m_open = db.connection().transaction();
        if (m_open && db.engine() == Database::Engine::Postgres)
            (void)db.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    }
    ~ReadSnapshot()
    {
        if (m_open)
            m_db.connection().rollback();
    }
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    Database &m_db;
    bool m_open = false;
};

} // namespace

std::optional<double> DashboardStats::successRate() const
{
    const qint64 finished = finishedRuns();
    if (finished == 0)
        return std::nullopt;
    return double(succeededRuns) / double(finished);
}

Result<DashboardStats> StatsRepository::dashboard(const QDateTime &now)
{
    QElapsedTimer timer;
    timer.start();
    const QDateTime at = now.isValid() ? now.toUTC() : QDateTime::currentDateTimeUtc();
    DashboardStats stats;
    {
        const ReadSnapshot snapshot(m_db);
        // A range of the index (created_at, id).
        auto fresh = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM organizations WHERE created_at >= ?"),
                            {at.addDays(-kNewWindowDays).toMSecsSinceEpoch()});
        if (!fresh)
            return fresh.error();
        stats.newOrganizations = fresh.value();
        for (auto read : {&StatsRepository::readRuns, &StatsRepository::readStates, &StatsRepository::readFailures,
                          &StatsRepository::readSetupTimes, &StatsRepository::readAssistantVersions,
                          &StatsRepository::readNumberCountries}) {
            auto ok = (this->*read)(stats);
            if (!ok)
                return ok.error();
        }
    }
    stats.measuredAt = at;
    stats.queryMs = timer.elapsed();
    return stats;
}

Result<void> StatsRepository::readRuns(DashboardStats &stats)
{
    // Grouped in the order of the index (status, kind, …): one pass, no sort. Live runs of every kind count,
    // finished ones only when they were setups.
    auto q = m_db.execForward(QStringLiteral("SELECT status, kind, COUNT(*) FROM provisioning_runs GROUP BY status, kind"));
    if (!q)
        return q.error();
    while (q.value().next()) {
        const auto status = runStatusFromString(q.value().value(0).toString());
        const QString kind = q.value().value(1).toString();
        const bool setup = isSetupKind(kind);
        const qint64 n = count(q.value().value(2));
        if (!status)
            continue;
        switch (*status) {
        case RunStatus::Running: stats.runningRuns += n; break;
        case RunStatus::Compensating: stats.compensatingRuns += n; break;
        case RunStatus::Succeeded: if (setup) stats.succeededRuns += n; break;
        case RunStatus::RolledBack: if (setup) stats.rolledBackRuns += n; break;
        case RunStatus::NeedsAttention: if (setup) stats.needsAttentionRuns += n; break;
        case RunStatus::Canceled: if (setup) stats.canceledRuns += n; break;
        case RunStatus::Queued: stats.queuedRuns += n; break;
        }
    }
    return {};
}

Result<void> StatsRepository::readStates(DashboardStats &stats)
{
    auto total = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM organizations"));
    if (!total)
        return total.error();
    stats.organizations = total.value();

    // At most one live run per organization (a unique index says so): live runs = organizations provisioning.
    const qint64 provisioning = stats.liveRuns();

    // Active configurations, less those whose organization is provisioning again (few: live runs are few).
    auto active = scalar(m_db, QStringLiteral("SELECT (SELECT COUNT(*) FROM ai_configs c WHERE %1) - "
                                              "(SELECT COUNT(*) FROM provisioning_runs r WHERE r.status IN %2 AND EXISTS "
                                              "(SELECT 1 FROM ai_configs c WHERE c.organization_id = r.organization_id AND %1))")
                                   .arg(kActiveConfig, kLive));
    if (!active)
        return active.error();

    // Only failed runs are visited, each checked to be its organization's latest and not overridden.
    auto q = m_db.execForward(QStringLiteral("SELECT r.status, COUNT(*) FROM provisioning_runs r "
                                             "WHERE r.status IN ('needs_attention','rolled_back','canceled') AND %1 "
                                             "AND NOT EXISTS (SELECT 1 FROM provisioning_runs l WHERE l.organization_id = r.organization_id AND l.status IN %2) "
                                             "AND NOT EXISTS (SELECT 1 FROM ai_configs c WHERE c.organization_id = r.organization_id AND %3) "
                                             "GROUP BY r.status")
                                  .arg(kIsLatest, kLive, kActiveConfig));
    if (!q)
        return q.error();
    qint64 needsAttention = 0;
    qint64 failed = 0;
    while (q.value().next()) {
        const qint64 n = count(q.value().value(1));
        if (runStatusFromString(q.value().value(0).toString()) == RunStatus::NeedsAttention)
            needsAttention += n;
        else
            failed += n;
    }

    auto set = [&](SetupState s, qint64 n) { stats.byState[std::size_t(s)] = n; };
    set(SetupState::Provisioning, provisioning);
    set(SetupState::Active, active.value());
    set(SetupState::NeedsAttention, needsAttention);
    set(SetupState::Failed, failed);
    set(SetupState::None, std::max<qint64>(0, stats.organizations - provisioning - active.value() - needsAttention - failed));
    return {};
}

Result<void> StatsRepository::readFailures(DashboardStats &stats)
{
    // Grouped in index order (status, kind, failed_step) and summed over statuses here: no sort in the database.
    auto q = m_db.execForward(QStringLiteral("SELECT kind, failed_step, COUNT(*) FROM provisioning_runs "
                                             "WHERE status IN ('rolled_back','needs_attention','canceled') "
                                             "GROUP BY status, kind, failed_step"));
    if (!q)
        return q.error();
    QHash<QString, qint64> byStep;
    while (q.value().next()) {
        if (!isSetupKind(q.value().value(0).toString()))
            continue;
        byStep[q.value().value(1).toString()] += count(q.value().value(2)); // NULL and '' are one "no step"
    }
    for (auto it = byStep.cbegin(); it != byStep.cend(); ++it)
        stats.failuresByStep.append({it.key(), it.value()});
    std::sort(stats.failuresByStep.begin(), stats.failuresByStep.end(), [](const StepFailures &a, const StepFailures &b) {
        return a.count != b.count ? a.count > b.count : a.step < b.step;
    });
    return {};
}

Result<void> StatsRepository::readSetupTimes(DashboardStats &stats)
{
    // One range count per bucket on the index (status, setup_time_ms): each visits only its own entries.
    QStringList counts;
    qint64 from = 0;
    for (std::size_t i = 0; i <= kSetupTimeEdgesMs.size(); ++i) {
        QString range = QStringLiteral("setup_time_ms >= %1").arg(from);
        if (i < kSetupTimeEdgesMs.size())
            range += QStringLiteral(" AND setup_time_ms < %1").arg(kSetupTimeEdgesMs[i]);
        counts << QStringLiteral("(SELECT COUNT(*) FROM provisioning_runs WHERE status = 'succeeded' AND %1)").arg(range);
        if (i < kSetupTimeEdgesMs.size())
            from = kSetupTimeEdgesMs[i];
    }
    auto q = m_db.execForward(QStringLiteral("SELECT ") + counts.join(QStringLiteral(", ")));
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::storage(QStringLiteral("setup times: no result row"));
    from = 0;
    for (std::size_t i = 0; i <= kSetupTimeEdgesMs.size(); ++i) {
        SetupTimeBucket bucket;
        bucket.fromMs = from;
        if (i < kSetupTimeEdgesMs.size())
            bucket.toMs = kSetupTimeEdgesMs[i];
        bucket.count = count(q.value().value(int(i)));
        stats.timedRuns += bucket.count;
        stats.setupTimes.append(bucket);
        from = bucket.toMs.value_or(from);
    }
    if (stats.timedRuns == 0)
        return {};
    // Nearest rank: the smallest time with at least p of the runs at or below it.
    auto rankOf = [&](double p) { return std::max<qint64>(1, qint64(std::ceil(p * double(stats.timedRuns)))); };
    auto median = setupTimeAtRank(rankOf(0.5));
    if (!median)
        return median.error();
    auto p95 = setupTimeAtRank(rankOf(0.95));
    if (!p95)
        return p95.error();
    stats.medianSetupMs = median.value();
    stats.p95SetupMs = p95.value();
    return {};
}

Result<void> StatsRepository::readAssistantVersions(DashboardStats &stats)
{
    // The version made current last; none yet (no rollout, no setup since versions): nothing is behind.
    auto q = m_db.execForward(QStringLiteral("SELECT version FROM assistant_templates WHERE current_since IS NOT NULL "
                                             "ORDER BY current_since DESC, version DESC LIMIT 1"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return {};
    stats.currentAssistantVersion = q.value().value(0).toLongLong();
    // A configuration from before versions (NULL) has the first version's assistants.
    auto behind = scalar(m_db, QStringLiteral("SELECT COUNT(*) FROM ai_configs c WHERE %1 AND (c.assistant_version < %2 "
                                              "OR (c.assistant_version IS NULL AND 1 < %2))")
                                   .arg(kActiveConfig)
                                   .arg(stats.currentAssistantVersion));
    if (!behind)
        return behind.error();
    stats.assistantsBehind = behind.value();
    return {};
}

Result<void> StatsRepository::readNumberCountries(DashboardStats &stats)
{
    // Grouped by the number's first digits in SQL (a few hundred groups at most, not a row per setup); the
    // country of each group from libphonenumber.
    auto q = m_db.execForward(QStringLiteral("SELECT SUBSTR(c.number, 1, 8), COUNT(*) FROM ai_configs c WHERE %1 "
                                             "AND c.number IS NOT NULL AND c.number <> '' GROUP BY SUBSTR(c.number, 1, 8)")
                                  .arg(kActiveConfig));
    if (!q)
        return q.error();
    while (q.value().next()) {
        const QString country = phone::countryOf(q.value().value(0).toString());
        stats.activeNumbersByCountry[country.isEmpty() ? QStringLiteral("?") : country] += q.value().value(1).toLongLong();
    }
    return {};
}

Result<std::optional<qint64>> StatsRepository::setupTimeAtRank(qint64 rank)
{
    auto q = m_db.execForward(QStringLiteral("SELECT setup_time_ms FROM provisioning_runs WHERE status = 'succeeded' "
                                             "AND setup_time_ms >= 0 ORDER BY setup_time_ms LIMIT 1 OFFSET ?"),
                              {rank - 1});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.value().value(0).toLongLong());
}

Result<QHash<qint64, SetupFacts>> StatsRepository::setupFacts(const QList<qint64> &organizationIds)
{
    QHash<qint64, SetupFacts> facts;
    // Bound in chunks well below every engine's parameter limit.
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < organizationIds.size(); from += kChunk) {
        const QList<qint64> chunk = organizationIds.mid(from, kChunk);
        QVariantList ids;
        for (qint64 id : chunk)
            ids << id;
        auto configs = m_db.execForward(QStringLiteral("SELECT c.organization_id, c.number, CASE WHEN %1 THEN 1 ELSE 0 END, c.assistant_version "
                                                       "FROM ai_configs c WHERE c.organization_id IN (%2)")
                                            .arg(kActiveConfig, marks(chunk.size())),
                                        ids);
        if (!configs)
            return configs.error();
        while (configs.value().next()) {
            SetupFacts &f = facts[configs.value().value(0).toLongLong()];
            f.number = configs.value().value(1).toString();
            f.activeConfig = configs.value().value(2).toInt() == 1;
            f.assistantVersion = configs.value().value(3).toLongLong(); // NULL: 0
        }
        // Per organization: its live run if any, and its latest run.
        auto runs = m_db.execForward(QStringLiteral("SELECT r.organization_id, r.status, CASE WHEN %1 THEN 1 ELSE 0 END "
                                                    "FROM provisioning_runs r WHERE r.organization_id IN (%2) "
                                                    "AND (r.status IN %3 OR %1)")
                                         .arg(kIsLatest, marks(chunk.size()), kLive),
                                     ids);
        if (!runs)
            return runs.error();
        while (runs.value().next()) {
            SetupFacts &f = facts[runs.value().value(0).toLongLong()];
            const auto status = runStatusFromString(runs.value().value(1).toString());
            if (status && isLive(*status))
                f.liveRun = true;
            if (runs.value().value(2).toInt() == 1)
                f.latestRun = status;
        }
    }
    return facts;
}

} // namespace oc
