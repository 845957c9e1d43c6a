#include "dbrole.h"

#include "store/database.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace oc {

namespace {

QString sqlIdentifier(const QString &name)
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_$]*$"));
    if (plain.match(name).hasMatch())
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

DbAccess DbRole::needed(DbAction action)
{
    switch (action) {
    case DbAction::Read: return DbAccess::Viewer;
    case DbAction::Approve:
    case DbAction::Retry:
    case DbAction::UpdateAssistants: return DbAccess::Operator;
    case DbAction::Cleanup:
    case DbAction::ReleaseOrphans:
    case DbAction::ManageTokens: return DbAccess::Admin;
    }
    return DbAccess::Admin;
}

QString DbRole::actionName(DbAction action)
{
    switch (action) {
    case DbAction::Read: return QStringLiteral("reading");
    case DbAction::Approve: return QStringLiteral("approving");
    case DbAction::Retry: return QStringLiteral("retrying");
    case DbAction::Cleanup: return QStringLiteral("cleaning up");
    case DbAction::ReleaseOrphans: return QStringLiteral("releasing orphans");
    case DbAction::ManageTokens: return QStringLiteral("creating or revoking service tokens");
    case DbAction::UpdateAssistants: return QStringLiteral("saving or rolling out an assistant template");
    }
    return QString();
}

QString DbRole::whyNot(DbAction action) const
{
    if (may(action))
        return QString();
    QString who = name;
    if (!groupRole.isEmpty() && groupRole != name)
        who += QStringLiteral(" (%1)").arg(groupRole);
    else if (groupRole.isEmpty() && !basis.isEmpty())
        who += QStringLiteral(" (%1)").arg(basis);
    const QString scope = access == DbAccess::Viewer ? QStringLiteral("may only read")
                                                     : QStringLiteral("may approve and retry, not clean up or release orphans");
    const QString role = DatabaseRoles::roleName(needed(action));
    return QStringLiteral("your database role %1 %2: %3 needs %4 (ask an admin: GRANT %4 TO %5)")
        .arg(who, scope, actionName(action), role, sqlIdentifier(name));
}

Result<void> DbRole::require(DbAction action) const
{
    if (may(action))
        return {};
    return Error{Error::Kind::Forbidden, whyNot(action)};
}

QString DbRole::actionKey(DbAction action)
{
    switch (action) {
    case DbAction::Read: return QStringLiteral("read");
    case DbAction::Approve: return QStringLiteral("approve");
    case DbAction::Retry: return QStringLiteral("retry");
    case DbAction::Cleanup: return QStringLiteral("cleanup");
    case DbAction::ReleaseOrphans: return QStringLiteral("release-orphans");
    case DbAction::ManageTokens: return QStringLiteral("manage-tokens");
    case DbAction::UpdateAssistants: return QStringLiteral("update-assistants");
    }
    return QString();
}

Result<DbRole> DbRole::detect(Database &db)
{
    DbRole role;
    if (db.engine() == Database::Engine::Sqlite) {
        role.sqlite = true;
        role.basis = QStringLiteral("SQLite: a single user");
        return role;
    }
    // pg_has_role by OID: a role that does not exist (not created yet) is simply not held, never an error.
    auto q = db.exec(QStringLiteral(
        "SELECT current_user, r.rolsuper, r.rolbypassrls, pg_has_role(current_user, c.relowner, 'USAGE'), "
        "has_table_privilege('provisioning_runs', 'INSERT'), has_table_privilege('ai_configs', 'DELETE'), "
        "(SELECT string_agg(g.rolname, ',') FROM pg_roles g WHERE g.rolname IN ('%1', '%2', '%3') "
        "AND pg_has_role(current_user, g.oid, 'USAGE')) "
        "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'provisioning_runs'::regclass")
        .arg(DatabaseRoles::roleName(DbAccess::Viewer), DatabaseRoles::roleName(DbAccess::Operator),
             DatabaseRoles::roleName(DbAccess::Admin)));
    if (!q)
        return Error{q.error().kind, QStringLiteral("reading the database role: %1").arg(q.error().message)};
    if (!q.value().next())
        return Error::storage(QStringLiteral("reading the database role: the current user is not in pg_roles"));
    role.name = q.value().value(0).toString();
    const bool superuser = q.value().value(1).toBool();
    const bool bypassRls = q.value().value(2).toBool();
    const bool owner = q.value().value(3).toBool();
    const bool insertsRuns = q.value().value(4).toBool();
    const bool deletesConfigs = q.value().value(5).toBool();
    const QStringList held = q.value().value(6).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (superuser || owner) {
        role.access = DbAccess::Admin;
        role.basis = superuser ? QStringLiteral("superuser") : QStringLiteral("owner of the tables");
        return role;
    }
    for (DbAccess a : {DbAccess::Admin, DbAccess::Operator, DbAccess::Viewer}) {
        if (held.contains(DatabaseRoles::roleName(a))) {
            role.access = a;
            role.groupRole = DatabaseRoles::roleName(a);
            role.basis = QStringLiteral("member of %1").arg(role.groupRole);
            return role;
        }
    }
    // No OrgConsole role: what its own privileges allow (row-level security still limits it to setups,
    // unless it bypasses it).
    role.access = bypassRls && deletesConfigs ? DbAccess::Admin : insertsRuns ? DbAccess::Operator : DbAccess::Viewer;
    role.basis = QStringLiteral("no OrgConsole role; by its table privileges");
    return role;
}

} // namespace oc
