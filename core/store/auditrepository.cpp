#include "auditrepository.h"

#include "store/searchterm.h"
#include "store/sqlvalues.h"
#include "util/redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace oc {

AuditQuery::Key AuditQuery::keyOf(const AuditRecord &record)
{
    return {record.at.toMSecsSinceEpoch(), record.id};
}

Result<qint64> AuditRepository::append(const AuditRecord &r)
{
    const QByteArray ids = r.externalIds.isEmpty() ? QByteArray()
                                                   : QJsonDocument(QJsonArray::fromStringList(r.externalIds)).toJson(QJsonDocument::Compact);
    auto q = m_db.exec(QStringLiteral("INSERT INTO audit_log (at, actor, action, organization_id, run_id, external_ids, outcome, detail) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                       {r.at.isValid() ? r.at.toMSecsSinceEpoch() : sql::nowMs(), r.actor, r.action,
                        sql::fromOptional(r.organizationId), sql::fromText(r.runId),
                        ids.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(QString::fromUtf8(ids)),
                        r.outcome, sql::fromText(Redactor::text(r.detail))});
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

Result<QList<AuditRecord>> AuditRepository::list(const AuditQuery &query)
{
    // The organization's name by primary key for each row returned (a page: LIMIT keeps the join cheap).
    QString sql = QStringLiteral("SELECT a.id, a.at, a.actor, a.action, a.organization_id, a.run_id, a.external_ids, a.outcome, "
                                 "a.detail, o.company_name, a.db_role FROM audit_log a LEFT JOIN organizations o ON o.id = a.organization_id "
                                 "WHERE 1=1");
    QVariantList values;
    if (query.organizationId) {
        sql += QStringLiteral(" AND a.organization_id = ?");
        values << *query.organizationId;
    }
    if (!query.action.isEmpty()) {
        sql += QStringLiteral(" AND a.action = ?");
        values << query.action;
    }
    if (!query.actor.isEmpty()) {
        sql += QStringLiteral(" AND a.actor = ?");
        values << query.actor;
    }
    if (query.since.isValid()) {
        sql += QStringLiteral(" AND a.at >= ?");
        values << query.since.toMSecsSinceEpoch();
    }
    // Case-insensitive for ASCII on both engines: SQLite's LIKE already is, PostgreSQL's ILIKE is. No lower() on the
    // column: a search that matches little scans the log, and lower() triples that cost.
    const QString like = m_db.engine() == Database::Engine::Postgres ? QStringLiteral("ILIKE") : QStringLiteral("LIKE");
    if (const QString needle = query.actorContains.trimmed(); !needle.isEmpty()) {
        sql += QStringLiteral(" AND a.actor %1 ? ESCAPE '\\'").arg(like);
        values << SearchTerm(needle).likePattern(); // the organizations search's folding and escaping
    }
    if (const QString needle = query.text.trimmed(); !needle.isEmpty()) {
        sql += QStringLiteral(" AND (a.detail %1 ? ESCAPE '\\' OR a.run_id %1 ? ESCAPE '\\' OR a.external_ids %1 ? ESCAPE '\\')").arg(like);
        const QString pattern = SearchTerm(needle).likePattern();
        values << pattern << pattern << pattern;
    }
    if (query.before) {
        sql += QStringLiteral(" AND (a.at < ? OR (a.at = ? AND a.id < ?))");
        values << query.before->atMs << query.before->atMs << query.before->id;
    }
    sql += QStringLiteral(" ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?");
    values << query.limit << query.offset;
    auto q = m_db.execForward(sql, values);
    if (!q)
        return q.error();
    QList<AuditRecord> records;
    while (q.value().next()) {
        AuditRecord r;
        r.id = q.value().value(0).toLongLong();
        r.at = sql::toTime(q.value().value(1));
        r.actor = q.value().value(2).toString();
        r.action = q.value().value(3).toString();
        r.organizationId = sql::toOptional(q.value().value(4));
        r.runId = q.value().value(5).toString();
        const QJsonArray ids = QJsonDocument::fromJson(q.value().value(6).toString().toUtf8()).array();
        for (const auto &id : ids)
            r.externalIds << id.toString();
        r.outcome = q.value().value(7).toString();
        r.detail = q.value().value(8).toString();
        r.organizationName = q.value().value(9).toString();
        r.dbRole = q.value().value(10).toString();
        records.append(r);
    }
    return records;
}

Result<QStringList> AuditRepository::actions()
{
    // A loose index scan on audit_log_action: each step jumps to the next distinct action.
    auto q = m_db.execForward(QStringLiteral("WITH RECURSIVE a(action) AS ("
                                             "SELECT MIN(action) FROM audit_log "
                                             "UNION ALL SELECT (SELECT MIN(action) FROM audit_log WHERE action > a.action) "
                                             "FROM a WHERE a.action IS NOT NULL) "
                                             "SELECT action FROM a WHERE action IS NOT NULL"));
    if (!q)
        return q.error();
    QStringList actions;
    while (q.value().next())
        actions << q.value().value(0).toString();
    return actions;
}

} // namespace oc
