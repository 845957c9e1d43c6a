#pragma once

#include "domain/auditrecord.h"
#include "store/database.h"
#include "util/result.h"

#include <QList>

namespace oc {

struct AuditQuery {
    std::optional<qint64> organizationId;
    QString action;            // exact, empty = any
    QString actor;             // exact, empty = any
    QDateTime since;           // invalid = from the beginning
    int limit = 200;
    qint64 offset = 0;
    // Case-insensitive (ASCII) substrings, empty = any: `text` in the detail, run id or external ids. A search
    // that matches little reads the whole log (about 0.3 s per million records on SQLite).
    QString text;
    QString actorContains;
    // Keyset paging: only records older than this one in the newest-first order (cheaper than a deep offset).
    struct Key { qint64 atMs = 0; qint64 id = 0; };
    std::optional<Key> before;

    static Key keyOf(const AuditRecord &record);
};

// Append-only: the database refuses UPDATE and DELETE on audit_log.
class AuditRepository
{
public:
    explicit AuditRepository(Database &db) : m_db(db) {}

    Result<qint64> append(const AuditRecord &record);
    // Newest first.
    Result<QList<AuditRecord>> list(const AuditQuery &query);
    // Every action that occurs in the log, sorted: one index probe per distinct action.
    Result<QStringList> actions();

private:
    Database &m_db;
};

} // namespace oc
