#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace oc {

// One append-only line of who did what to which organization/run, with which external ids. Never a secret.
struct AuditRecord {
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;             // e.g. org.add, org.approve, run.cleanup
    std::optional<qint64> organizationId;
    QString runId;
    QStringList externalIds;
    QString outcome;            // ok | failed | …
    QString detail;
    QString organizationName;   // read only: filled by AuditRepository::list() while the organization exists
    QString dbRole;             // read only: the database user that wrote it (PostgreSQL sets it; SQLite: empty)
};

} // namespace oc
