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
};

// Append-only: the database refuses UPDATE and DELETE on audit_log.
class AuditRepository
{
public:
    explicit AuditRepository(Database &db) : m_db(db) {}

    Result<qint64> append(const AuditRecord &record);
    // Newest first.
    Result<QList<AuditRecord>> list(const AuditQuery &query);

private:
    Database &m_db;
};

} // namespace oc
