#include "runrepository.h"

#include "store/sqlvalues.h"
#include "util/redactor.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <algorithm>

namespace oc {

namespace {

const QString kRunColumns = QStringLiteral(
    "id, organization_id, kind, status, country_code, area_code, actor, lease_owner, lease_expires_at, started_at, "
    "finished_at, setup_time_ms, failed_step, error, updated_at, lease_epoch, queued_at, cancel_requested_at, cancel_requested_by, params");
const QString kStepColumns = QStringLiteral(
    "run_id, step, status, attempt, external_id, lookup_tag, detail, error, started_at, finished_at, updated_at");

ProvisioningRun readRun(const QSqlQuery &q)
{
    ProvisioningRun r;
    r.id = q.value(0).toString();
    r.organizationId = q.value(1).toLongLong();
    r.kind = q.value(2).toString();
    r.status = runStatusFromString(q.value(3).toString()).value_or(RunStatus::NeedsAttention);
    r.countryCode = q.value(4).toString();
    r.areaCode = q.value(5).toString();
    r.actor = q.value(6).toString();
    r.leaseOwner = q.value(7).toString();
    r.leaseExpiresAt = sql::toTime(q.value(8));
    r.startedAt = sql::toTime(q.value(9));
    r.finishedAt = sql::toTime(q.value(10));
    r.setupTimeMs = sql::toOptional(q.value(11));
    r.failedStep = q.value(12).toString();
    r.error = q.value(13).toString();
    r.updatedAt = sql::toTime(q.value(14));
    r.leaseEpoch = q.value(15).toLongLong();
    r.queuedAt = sql::toTime(q.value(16));
    r.cancelRequestedAt = sql::toTime(q.value(17));
    r.cancelRequestedBy = q.value(18).toString();
    r.params = QJsonDocument::fromJson(q.value(19).toString().toUtf8()).object();
    return r;
}

RunStep readStep(const QSqlQuery &q)
{
    RunStep s;
    s.runId = q.value(0).toString();
    s.step = q.value(1).toString();
    s.status = stepStatusFromString(q.value(2).toString()).value_or(StepStatus::Unknown);
    s.attempt = q.value(3).toInt();
    s.externalId = q.value(4).toString();
    s.lookupTag = q.value(5).toString();
    s.detail = q.value(6).toString();
    s.error = q.value(7).toString();
    s.startedAt = sql::toTime(q.value(8));
    s.finishedAt = sql::toTime(q.value(9));
    s.updatedAt = sql::toTime(q.value(10));
    return s;
}

Result<QList<ProvisioningRun>> readRuns(Result<QSqlQuery> q)
{
    if (!q)
        return q.error();
    QList<ProvisioningRun> runs;
    while (q.value().next())
        runs.append(readRun(q.value()));
    return runs;
}

QVariant paramsValue(const ProvisioningRun &run)
{
    if (run.params.isEmpty())
        return QVariant(QMetaType(QMetaType::QString));
    return QString::fromUtf8(QJsonDocument(run.params).toJson(QJsonDocument::Compact));
}

} // namespace

Result<LeaseFence> RunRepository::create(const ProvisioningRun &run, qint64 leaseMs)
{
    const qint64 now = sql::nowMs();
    const bool leased = !run.leaseOwner.isEmpty();
    auto q = m_db.exec(QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, country_code, area_code, "
                                      "actor, lease_owner, lease_expires_at, lease_epoch, started_at, updated_at, params) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, %1, ?, ?, ?, ?)")
                           .arg(leased ? QStringLiteral("%1 + ?").arg(m_db.nowMsSql()) : QStringLiteral("?")),
                       {run.id, run.organizationId, run.kind, statusName(run.status), sql::fromText(run.countryCode),
                        sql::fromText(run.areaCode), run.actor, sql::fromText(run.leaseOwner),
                        leased ? QVariant(leaseMs) : QVariant(QMetaType(QMetaType::LongLong)), leased ? 1 : 0,
                        run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : now, now, paramsValue(run)});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1: AI setup already in progress").arg(run.organizationId));
        return q.error();
    }
    return LeaseFence{run.id, run.leaseOwner, leased ? 1 : 0};
}

Result<ProvisioningRun> RunRepository::find(const QString &id)
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM provisioning_runs WHERE id = ?").arg(kRunColumns), {id});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("no provisioning run %1").arg(id));
    return readRun(q.value());
}

Result<QList<ProvisioningRun>> RunRepository::forOrganization(qint64 organizationId)
{
    return readRuns(m_db.execForward(
        QStringLiteral("SELECT %1 FROM provisioning_runs WHERE organization_id = ? ORDER BY started_at, id").arg(kRunColumns),
        {organizationId}));
}

Result<QList<ProvisioningRun>> RunRepository::withStatus(const QList<RunStatus> &statuses)
{
    if (statuses.isEmpty())
        return QList<ProvisioningRun>{};
    QStringList marks;
    QVariantList values;
    for (RunStatus s : statuses) {
        marks << QStringLiteral("?");
        values << statusName(s);
    }
    return readRuns(m_db.execForward(QStringLiteral("SELECT %1 FROM provisioning_runs WHERE status IN (%2) ORDER BY started_at, id")
                                         .arg(kRunColumns, marks.join(QLatin1Char(','))),
                                     values));
}

Result<void> RunRepository::updateOutcome(const ProvisioningRun &run)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET status = ?, finished_at = ?, setup_time_ms = ?, "
                                      "failed_step = ?, error = ?, updated_at = ? WHERE id = ?"),
                       {statusName(run.status), sql::fromTime(run.finishedAt), sql::fromOptional(run.setupTimeMs),
                        sql::fromText(run.failedStep), sql::fromText(Redactor::text(run.error)), sql::nowMs(), run.id});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1: AI setup already in progress").arg(run.organizationId));
        return q.error();
    }
    if (q.value().numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("no provisioning run %1").arg(run.id));
    return {};
}

Result<void> RunRepository::updateOutcome(const ProvisioningRun &run, const LeaseFence &fence, bool releaseLease)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET status = ?, finished_at = ?, setup_time_ms = ?, "
                                      "failed_step = ?, error = ?, updated_at = ?%1 WHERE id = ? AND lease_owner = ? AND lease_epoch = ?")
                           .arg(releaseLease ? QStringLiteral(", lease_owner = NULL, lease_expires_at = NULL") : QString()),
                       {statusName(run.status), sql::fromTime(run.finishedAt), sql::fromOptional(run.setupTimeMs),
                        sql::fromText(run.failedStep), sql::fromText(Redactor::text(run.error)), sql::nowMs(), run.id, fence.owner, fence.epoch});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1: AI setup already in progress").arg(run.organizationId));
        return q.error();
    }
    if (q.value().numRowsAffected() != 1)
        return Error::fenced(QStringLiteral("run %1 is no longer held by %2 (epoch %3)").arg(run.id, fence.owner).arg(fence.epoch));
    return {};
}

Result<void> RunRepository::setParams(const QString &runId, const QJsonObject &params, const LeaseFence &fence)
{
    ProvisioningRun run;
    run.params = params;
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET params = ?, updated_at = ? WHERE id = ? AND lease_owner = ? AND lease_epoch = ?"),
                       {paramsValue(run), sql::nowMs(), runId, fence.owner, fence.epoch});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::fenced(QStringLiteral("run %1 is no longer held by %2 (epoch %3)").arg(runId, fence.owner).arg(fence.epoch));
    return {};
}

Result<RunRepository::LeaseState> RunRepository::leaseState(const QString &runId)
{
    auto q = m_db.execForward(QStringLiteral("SELECT lease_owner, lease_epoch, CASE WHEN lease_expires_at IS NULL OR lease_expires_at < %1 "
                                             "THEN 1 ELSE 0 END FROM provisioning_runs WHERE id = ?").arg(m_db.nowMsSql()),
                              {runId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("no provisioning run %1").arg(runId));
    return LeaseState{q.value().value(0).toString(), q.value().value(1).toLongLong(), q.value().value(2).toInt() == 1};
}

Result<std::optional<LeaseFence>> RunRepository::claimLease(const QString &runId, const QString &owner, const LeaseState &observed,
                                                            qint64 leaseMs, bool requireExpired)
{
    // One conditional UPDATE on the observed owner and epoch: of two processes racing, exactly one sees a row
    // affected; on PostgreSQL the second waits for the first's row lock and then re-checks the new epoch.
    const QString now = m_db.nowMsSql();
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET lease_owner = ?, lease_epoch = lease_epoch + 1, "
                                      "lease_expires_at = %1 + ?, updated_at = ? "
                                      "WHERE id = ? AND lease_epoch = ? AND COALESCE(lease_owner, '') = ?%2")
                           .arg(now, requireExpired ? QStringLiteral(" AND (lease_expires_at IS NULL OR lease_expires_at < %1)").arg(now)
                                                    : QString()),
                       {owner, leaseMs, sql::nowMs(), runId, observed.epoch, observed.owner.isEmpty() ? QStringLiteral("") : observed.owner});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return std::optional<LeaseFence>{};
    return std::optional<LeaseFence>{LeaseFence{runId, owner, observed.epoch + 1}};
}

Result<bool> RunRepository::renewLease(const LeaseFence &fence, qint64 leaseMs)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET lease_expires_at = %1 + ? "
                                      "WHERE id = ? AND lease_owner = ? AND lease_epoch = ?").arg(m_db.nowMsSql()),
                       {leaseMs, fence.runId, fence.owner, fence.epoch});
    if (!q)
        return q.error();
    return q.value().numRowsAffected() == 1;
}

Result<void> RunRepository::releaseLease(const LeaseFence &fence)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET lease_owner = NULL, lease_expires_at = NULL, updated_at = ? "
                                      "WHERE id = ? AND lease_owner = ? AND lease_epoch = ?"),
                       {sql::nowMs(), fence.runId, fence.owner, fence.epoch});
    if (!q)
        return q.error();
    return {};
}

Result<void> RunRepository::saveStep(const RunStep &s, const LeaseFence &fence)
{
    // One statement, fenced: the line is written only while the run still has this owner and epoch. On
    // PostgreSQL FOR SHARE makes a concurrent claim wait for this write (or this write see the claim).
    // INSERT … SELECT … ON CONFLICT DO UPDATE means the same on SQLite (3.24+) and PostgreSQL; the casts give
    // PostgreSQL the parameters' types, which a bare SELECT list does not.
    const bool pg = m_db.engine() == Database::Engine::Postgres;
    auto q = m_db.exec(QStringLiteral("INSERT INTO run_steps (run_id, step, status, attempt, external_id, lookup_tag, detail, "
                                      "error, started_at, finished_at, updated_at) "
                                      "SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS TEXT), "
                                      "CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT), "
                                      "CAST(? AS BIGINT) WHERE EXISTS (SELECT 1 FROM provisioning_runs WHERE id = ? AND lease_owner = ? "
                                      "AND lease_epoch = ?%1) "
                                      "ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, "
                                      "attempt = excluded.attempt, external_id = excluded.external_id, "
                                      "lookup_tag = excluded.lookup_tag, detail = excluded.detail, error = excluded.error, "
                                      "started_at = excluded.started_at, finished_at = excluded.finished_at, "
                                      "updated_at = excluded.updated_at").arg(pg ? QStringLiteral(" FOR SHARE") : QString()),
                       {s.runId, s.step, statusName(s.status), s.attempt, sql::fromText(s.externalId),
                        sql::fromText(s.lookupTag), sql::fromText(Redactor::text(s.detail)), sql::fromText(Redactor::text(s.error)),
                        sql::fromTime(s.startedAt), sql::fromTime(s.finishedAt), sql::nowMs(), fence.runId, fence.owner, fence.epoch});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::fenced(QStringLiteral("run %1 is no longer held by %2 (epoch %3)").arg(s.runId, fence.owner).arg(fence.epoch));
    return {};
}

Result<void> RunRepository::markLeftoversResolved(const QString &runId, const QString &note)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET status = 'rolled_back', "
                                      "error = CASE WHEN error IS NULL OR error = '' THEN ? ELSE error || '; ' || ? END, updated_at = ? "
                                      "WHERE id = ? AND status = 'needs_attention'"),
                       {note, note, sql::nowMs(), runId});
    if (!q)
        return q.error();
    return {};
}

Result<QSet<QString>> RunRepository::idsHeldByLiveRuns()
{
    auto q = m_db.execForward(QStringLiteral("SELECT s.external_id, s.lookup_tag FROM run_steps s JOIN provisioning_runs r ON r.id = s.run_id "
                                             "WHERE r.status IN ('running','compensating')"));
    if (!q)
        return q.error();
    QSet<QString> ids;
    while (q.value().next()) {
        for (int i = 0; i < 2; ++i) {
            const QString v = q.value().value(i).toString();
            if (!v.isEmpty() && !v.startsWith(QLatin1String("role=")))
                ids << v;
        }
    }
    return ids;
}

Result<QList<RunStep>> RunRepository::steps(const QString &runId)
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM run_steps WHERE run_id = ? ORDER BY COALESCE(started_at, updated_at), step").arg(kStepColumns),
                              {runId});
    if (!q)
        return q.error();
    QList<RunStep> steps;
    while (q.value().next())
        steps.append(readStep(q.value()));
    return steps;
}

Result<QList<RunRepository::Count>> RunRepository::countsByKindAndStatus()
{
    auto q = m_db.exec(QStringLiteral("SELECT kind, status, COUNT(*) FROM provisioning_runs GROUP BY kind, status ORDER BY kind, status"));
    if (!q)
        return q.error();
    QList<Count> out;
    while (q.value().next())
        out.append({q.value().value(0).toString(), q.value().value(1).toString(), q.value().value(2).toLongLong()});
    return out;
}

Result<RunRepository::SetupTimes> RunRepository::setupTimes(const QList<qint64> &boundsMs)
{
    QString sql = QStringLiteral("SELECT COUNT(*), COALESCE(SUM(setup_time_ms), 0)");
    for (qint64 bound : boundsMs)
        sql += QStringLiteral(", SUM(CASE WHEN setup_time_ms <= %1 THEN 1 ELSE 0 END)").arg(bound);
    sql += QStringLiteral(" FROM provisioning_runs WHERE status = 'succeeded' AND setup_time_ms IS NOT NULL");
    auto q = m_db.exec(sql);
    if (!q)
        return q.error();
    SetupTimes t;
    if (q.value().next()) {
        t.count = q.value().value(0).toLongLong();
        t.sumMs = q.value().value(1).toLongLong();
        for (int i = 0; i < boundsMs.size(); ++i)
            t.atMost << q.value().value(2 + i).toLongLong();
    }
    return t;
}

Result<void> RunRepository::enqueue(const ProvisioningRun &run)
{
    const qint64 now = sql::nowMs();
    auto q = m_db.exec(QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, country_code, area_code, "
                                      "actor, lease_epoch, started_at, queued_at, updated_at, params) "
                                      "VALUES (?, ?, ?, 'queued', ?, ?, ?, 0, ?, ?, ?, ?)"),
                       {run.id, run.organizationId, run.kind, sql::fromText(run.countryCode), sql::fromText(run.areaCode),
                        run.actor, now, now, now, paramsValue(run)});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1: AI setup already queued or in progress").arg(run.organizationId));
        return q.error();
    }
    return {};
}

Result<std::optional<RunRepository::Claimed>> RunRepository::claimQueued(const QString &owner, qint64 leaseMs)
{
    const QString set = QStringLiteral("UPDATE provisioning_runs SET status = 'running', lease_owner = ?, lease_epoch = lease_epoch + 1, "
                                       "lease_expires_at = %1 + ?, started_at = ?, updated_at = ? ").arg(m_db.nowMsSql());
    const qint64 now = sql::nowMs();
    if (m_db.engine() == Database::Engine::Postgres) {
        // SKIP LOCKED: a row another worker is claiming is passed over, never waited for.
        auto q = m_db.execForward(set + QStringLiteral("WHERE id = (SELECT id FROM provisioning_runs WHERE status = 'queued' "
                                                        "ORDER BY queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) AND status = 'queued' "
                                                        "RETURNING ") + kRunColumns,
                                  {owner, leaseMs, now, now});
        if (!q)
            return q.error();
        if (!q.value().next())
            return std::optional<Claimed>{};
        ProvisioningRun run = readRun(q.value());
        LeaseFence fence{run.id, owner, run.leaseEpoch};
        return std::optional<Claimed>{Claimed{std::move(run), std::move(fence)}};
    }
    std::optional<Claimed> claimed;
    auto done = m_db.transaction([&]() -> Result<void> {
        auto next = m_db.execForward(QStringLiteral("SELECT id FROM provisioning_runs WHERE status = 'queued' ORDER BY queued_at, id LIMIT 1"));
        if (!next)
            return next.error();
        if (!next.value().next())
            return {};
        const QString id = next.value().value(0).toString();
        auto q = m_db.exec(set + QStringLiteral("WHERE id = ? AND status = 'queued'"), {owner, leaseMs, now, now, id});
        if (!q)
            return q.error();
        if (q.value().numRowsAffected() != 1)
            return {};
        auto run = find(id);
        if (!run)
            return run.error();
        claimed = Claimed{run.value(), LeaseFence{id, owner, run->leaseEpoch}};
        return {};
    });
    if (!done)
        return done.error();
    return claimed;
}

Result<bool> RunRepository::cancelQueued(const QString &runId, const QString &reason)
{
    const qint64 now = sql::nowMs();
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET status = 'canceled', finished_at = ?, error = ?, updated_at = ? "
                                      "WHERE id = ? AND status = 'queued'"),
                       {now, sql::fromText(Redactor::text(reason)), now, runId});
    if (!q)
        return q.error();
    return q.value().numRowsAffected() == 1;
}

Result<bool> RunRepository::requestCancel(const QString &runId, const QString &by)
{
    const qint64 now = sql::nowMs();
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET cancel_requested_at = ?, cancel_requested_by = ?, updated_at = ? "
                                      "WHERE id = ? AND status IN ('running','compensating')"),
                       {now, by, now, runId});
    if (!q)
        return q.error();
    return q.value().numRowsAffected() == 1;
}

Result<QStringList> RunRepository::cancelRequestsFor(const QString &owner)
{
    auto q = m_db.execForward(QStringLiteral("SELECT id FROM provisioning_runs WHERE status IN ('running','compensating') "
                                             "AND lease_owner = ? AND cancel_requested_at IS NOT NULL"),
                              {owner});
    if (!q)
        return q.error();
    QStringList ids;
    while (q.value().next())
        ids << q.value().value(0).toString();
    return ids;
}

Result<QList<ProvisioningRun>> RunRepository::queued(int limit)
{
    return readRuns(m_db.execForward(QStringLiteral("SELECT %1 FROM provisioning_runs WHERE status = 'queued' "
                                                    "ORDER BY queued_at, id LIMIT %2").arg(kRunColumns).arg(limit)));
}

Result<qint64> RunRepository::queuedCount()
{
    auto q = m_db.execForward(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'queued'"));
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

Result<QList<ProvisioningRun>> RunRepository::liveAndRecent(int recentLimit)
{
    auto live = readRuns(m_db.execForward(QStringLiteral("SELECT %1 FROM provisioning_runs WHERE status IN ('queued','running','compensating') "
                                                         "ORDER BY started_at, id").arg(kRunColumns)));
    if (!live)
        return live;
    // The newest ended runs, by the started_at index of each status (not a scan of the whole history).
    auto recent = readRuns(m_db.execForward(QStringLiteral("SELECT %1 FROM provisioning_runs WHERE status NOT IN ('queued','running','compensating') "
                                                           "ORDER BY started_at DESC, id DESC LIMIT %2").arg(kRunColumns).arg(recentLimit)));
    if (!recent)
        return recent;
    QList<ProvisioningRun> all = recent.value();
    std::reverse(all.begin(), all.end());
    all += live.value();
    return all;
}

} // namespace oc
