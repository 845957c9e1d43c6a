#include "runrepository.h"

#include "store/sqlvalues.h"

#include <QSqlQuery>

namespace oc {

namespace {

const QString kRunColumns = QStringLiteral(
    "id, organization_id, kind, status, country_code, area_code, actor, lease_owner, lease_expires_at, started_at, "
    "finished_at, setup_time_ms, failed_step, error, updated_at");
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

} // namespace

Result<void> RunRepository::create(const ProvisioningRun &run)
{
    const qint64 now = sql::nowMs();
    auto q = m_db.exec(QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, country_code, area_code, "
                                      "actor, lease_owner, lease_expires_at, started_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {run.id, run.organizationId, run.kind, statusName(run.status), sql::fromText(run.countryCode),
                        sql::fromText(run.areaCode), run.actor, sql::fromText(run.leaseOwner),
                        sql::fromTime(run.leaseExpiresAt), run.startedAt.isValid() ? run.startedAt.toMSecsSinceEpoch() : now,
                        now});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1: AI setup already in progress").arg(run.organizationId));
        return q.error();
    }
    return {};
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
                        sql::fromText(run.failedStep), sql::fromText(run.error), sql::nowMs(), run.id});
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1: AI setup already in progress").arg(run.organizationId));
        return q.error();
    }
    if (q.value().numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("no provisioning run %1").arg(run.id));
    return {};
}

Result<bool> RunRepository::claimLease(const QString &runId, const QString &owner, const QDateTime &expiresAt,
                                       const QDateTime &now)
{
    // One conditional UPDATE: of two consoles racing, exactly one sees a row affected.
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET lease_owner = ?, lease_expires_at = ?, updated_at = ? "
                                      "WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires_at IS NULL "
                                      "OR lease_expires_at < ?)"),
                       {owner, expiresAt.toMSecsSinceEpoch(), sql::nowMs(), runId, owner, now.toMSecsSinceEpoch()});
    if (!q)
        return q.error();
    return q.value().numRowsAffected() == 1;
}

Result<bool> RunRepository::renewLease(const QString &runId, const QString &owner, const QDateTime &expiresAt)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET lease_expires_at = ?, updated_at = ? "
                                      "WHERE id = ? AND lease_owner = ?"),
                       {expiresAt.toMSecsSinceEpoch(), sql::nowMs(), runId, owner});
    if (!q)
        return q.error();
    return q.value().numRowsAffected() == 1;
}

Result<void> RunRepository::releaseLease(const QString &runId, const QString &owner)
{
    auto q = m_db.exec(QStringLiteral("UPDATE provisioning_runs SET lease_owner = NULL, lease_expires_at = NULL, updated_at = ? "
                                      "WHERE id = ? AND lease_owner = ?"),
                       {sql::nowMs(), runId, owner});
    if (!q)
        return q.error();
    return {};
}

Result<void> RunRepository::saveStep(const RunStep &s)
{
    // INSERT … ON CONFLICT DO UPDATE has the same syntax and meaning on SQLite (3.24+) and PostgreSQL.
    auto q = m_db.exec(QStringLiteral("INSERT INTO run_steps (run_id, step, status, attempt, external_id, lookup_tag, detail, "
                                      "error, started_at, finished_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                      "ON CONFLICT (run_id, step) DO UPDATE SET status = excluded.status, "
                                      "attempt = excluded.attempt, external_id = excluded.external_id, "
                                      "lookup_tag = excluded.lookup_tag, detail = excluded.detail, error = excluded.error, "
                                      "started_at = excluded.started_at, finished_at = excluded.finished_at, "
                                      "updated_at = excluded.updated_at"),
                       {s.runId, s.step, statusName(s.status), s.attempt, sql::fromText(s.externalId),
                        sql::fromText(s.lookupTag), sql::fromText(s.detail), sql::fromText(s.error),
                        sql::fromTime(s.startedAt), sql::fromTime(s.finishedAt), sql::nowMs()});
    if (!q)
        return q.error();
    return {};
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

} // namespace oc
