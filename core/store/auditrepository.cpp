#include "auditrepository.h"

#include "store/sqlvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace oc {

namespace {

QString asciiLower(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.unicode() >= 'A' && c.unicode() <= 'Z')
            c = QChar(c.unicode() + ('a' - 'A'));
    }
    return out;
}

// lower(column) LIKE pattern ESCAPE '\': the same meaning on both engines for ASCII letters.
QString likePattern(const QString &needle)
{
    QString escaped = needle;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + asciiLower(escaped) + QLatin1Char('%');
}

} // namespace

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
                        r.outcome, sql::fromText(r.detail)});
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toLongLong();
}

Result<QList<AuditRecord>> AuditRepository::list(const AuditQuery &query)
{
    QString sql = QStringLiteral("SELECT id, at, actor, action, organization_id, run_id, external_ids, outcome, detail "
                                 "FROM audit_log WHERE 1=1");
    QVariantList values;
    if (query.organizationId) {
        sql += QStringLiteral(" AND organization_id = ?");
        values << *query.organizationId;
    }
    if (!query.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        values << query.action;
    }
    if (!query.actor.isEmpty()) {
        sql += QStringLiteral(" AND actor = ?");
        values << query.actor;
    }
    if (query.since.isValid()) {
        sql += QStringLiteral(" AND at >= ?");
        values << query.since.toMSecsSinceEpoch();
    }
    if (const QString needle = query.actorContains.trimmed(); !needle.isEmpty()) {
        sql += QStringLiteral(" AND lower(actor) LIKE ? ESCAPE '\\'");
        values << likePattern(needle);
    }
    if (const QString needle = query.text.trimmed(); !needle.isEmpty()) {
        sql += QStringLiteral(" AND (lower(COALESCE(detail, '')) LIKE ? ESCAPE '\\' OR lower(COALESCE(run_id, '')) LIKE ? ESCAPE '\\'"
                              " OR lower(COALESCE(external_ids, '')) LIKE ? ESCAPE '\\')");
        const QString pattern = likePattern(needle);
        values << pattern << pattern << pattern;
    }
    if (query.before) {
        sql += QStringLiteral(" AND (at < ? OR (at = ? AND id < ?))");
        values << query.before->atMs << query.before->atMs << query.before->id;
    }
    sql += QStringLiteral(" ORDER BY at DESC, id DESC LIMIT ? OFFSET ?");
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
