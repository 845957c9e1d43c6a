#include "databaseroles.h"

#include <QRegularExpression>

namespace oc {

namespace {

constexpr DbAccess kAccesses[] = {DbAccess::Viewer, DbAccess::Operator, DbAccess::Admin};

// The tables a schema version has (the roles' statements are run again by later migrations, each as of its version).
QStringList readTables(int version)
{
    QStringList tables{QStringLiteral("organizations"), QStringLiteral("ai_configs"), QStringLiteral("provisioning_runs"),
                       QStringLiteral("run_steps"), QStringLiteral("audit_log"), QStringLiteral("workers"),
                       QStringLiteral("schema_migrations")};
    if (version >= 8)
        tables << QStringLiteral("assistant_templates");
    return tables;
}

QStringList allTables(int version)
{
    return readTables(version) + QStringList{QStringLiteral("api_tokens")};
}

const QStringList &sequences()
{
    static const QStringList s{QStringLiteral("organizations_id_seq"), QStringLiteral("ai_configs_id_seq"), QStringLiteral("audit_log_id_seq")};
    return s;
}

// The privilege matrix. The audit log is insert-only for every role (and its trigger refuses UPDATE and DELETE
// even to its owner); api_tokens holds only hashes, still only the operator (the service authenticates) and the
// admin read it; only the admin deletes a configuration.
struct Grant {
    DbAccess role;
    QStringList privileges;
    QStringList tables;
};

QList<Grant> grants(int version = DatabaseRoles::kLatestVersion)
{
    QStringList operatorWrites{QStringLiteral("organizations"), QStringLiteral("ai_configs"), QStringLiteral("provisioning_runs"),
                               QStringLiteral("run_steps"), QStringLiteral("workers")};
    if (version >= 8)
        operatorWrites << QStringLiteral("assistant_templates"); // saving a template version and rolling it out
    const QStringList adminWrites = operatorWrites + QStringList{QStringLiteral("api_tokens")};
    const QList<Grant> all{
        {DbAccess::Viewer, {QStringLiteral("SELECT")}, readTables(version)},
        {DbAccess::Operator, {QStringLiteral("SELECT")}, allTables(version)},
        {DbAccess::Operator, {QStringLiteral("INSERT"), QStringLiteral("UPDATE")}, operatorWrites},
        {DbAccess::Operator, {QStringLiteral("DELETE")}, {QStringLiteral("workers")}},
        {DbAccess::Operator, {QStringLiteral("INSERT")}, {QStringLiteral("audit_log")}},
        {DbAccess::Admin, {QStringLiteral("SELECT")}, allTables(version)},
        {DbAccess::Admin, {QStringLiteral("INSERT"), QStringLiteral("UPDATE"), QStringLiteral("DELETE"), QStringLiteral("TRUNCATE")}, adminWrites},
        {DbAccess::Admin, {QStringLiteral("INSERT")}, {QStringLiteral("audit_log")}},
    };
    return all;
}

QString ifRoleExists(const QString &role, const QStringList &body)
{
    return QStringLiteral("DO $orgconsole$\nBEGIN\n  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1') THEN\n    %2;\n  END IF;\nEND\n$orgconsole$")
        .arg(role, body.join(QLatin1String(";\n    ")));
}

QString createRoles()
{
    QStringList names;
    for (DbAccess a : kAccesses)
        names << QLatin1Char('\'') + DatabaseRoles::roleName(a) + QLatin1Char('\'');
    // The roles belong to the cluster: parallel migrations of other databases may create them at the same moment.
    return QStringLiteral(R"(DO $orgconsole$
DECLARE
  r text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
    RAISE NOTICE 'OrgConsole roles not created: % may not create roles (a superuser can run orgctl db roles --print)', current_user;
    RETURN;
  END IF;
  FOREACH r IN ARRAY ARRAY[%1] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- created meanwhile by the migration of another database
      END;
    END IF;
  END LOOP;
END
$orgconsole$)").arg(names.join(QLatin1String(", ")));
}

QString grantsFor(DbAccess access, int version)
{
    const QString role = DatabaseRoles::roleName(access);
    // Revoked first, so the role has exactly what this version says, whatever an earlier one granted.
    QStringList body{QStringLiteral("REVOKE ALL ON TABLE %1 FROM %2").arg(allTables(version).join(QLatin1String(", ")), role),
                     QStringLiteral("REVOKE ALL ON SEQUENCE %1 FROM %2").arg(sequences().join(QLatin1String(", ")), role)};
    for (const Grant &g : grants(version)) {
        if (g.role == access)
            body << QStringLiteral("GRANT %1 ON TABLE %2 TO %3").arg(g.privileges.join(QLatin1String(", ")), g.tables.join(QLatin1String(", ")), role);
    }
    if (access == DbAccess::Operator)
        body << QStringLiteral("GRANT USAGE ON SEQUENCE %1 TO %2").arg(sequences().join(QLatin1String(", ")), role);
    if (access == DbAccess::Admin)
        body << QStringLiteral("GRANT USAGE, SELECT, UPDATE ON SEQUENCE %1 TO %2").arg(sequences().join(QLatin1String(", ")), role);
    return ifRoleExists(role, body);
}

// Dropped and made again: a policy has no CREATE OR REPLACE.
QStringList policy(const QString &name, const QString &table, const QString &rest)
{
    return {QStringLiteral("DROP POLICY IF EXISTS %1 ON %2").arg(name, table), QStringLiteral("CREATE POLICY %1 ON %2 %3").arg(name, table, rest)};
}

} // namespace

QString DatabaseRoles::roleName(DbAccess access)
{
    return QStringLiteral("orgconsole_") + accessName(access);
}

QString DatabaseRoles::accessName(DbAccess access)
{
    switch (access) {
    case DbAccess::Viewer: return QStringLiteral("viewer");
    case DbAccess::Operator: return QStringLiteral("operator");
    case DbAccess::Admin: return QStringLiteral("admin");
    }
    return QString();
}

QStringList DatabaseRoles::statements(int version)
{
    // Version 8 adds the assistant rollout: an operator's run, like a setup.
    const QString setups = version >= 8 ? QStringLiteral("kind IN ('approve', 'retry', 'rollout')") : QStringLiteral("kind IN ('approve', 'retry')");
    const QString admin = roleName(DbAccess::Admin);
    QStringList s{createRoles()};
    for (DbAccess a : kAccesses)
        s << grantsFor(a, version);
    // Everyone reads every run; writing one is for setups (approve, retry) — cleanup and orphan-release runs
    // are the admin's. The owner bypasses row-level security (it migrates and owns the data).
    s << QStringLiteral("ALTER TABLE provisioning_runs ENABLE ROW LEVEL SECURITY")
      << policy(QStringLiteral("runs_read"), QStringLiteral("provisioning_runs"), QStringLiteral("FOR SELECT TO PUBLIC USING (true)"))
      << policy(QStringLiteral("runs_setup_insert"), QStringLiteral("provisioning_runs"),
                QStringLiteral("FOR INSERT TO PUBLIC WITH CHECK (%1)").arg(setups))
      << policy(QStringLiteral("runs_setup_update"), QStringLiteral("provisioning_runs"),
                QStringLiteral("FOR UPDATE TO PUBLIC USING (%1) WITH CHECK (%1)").arg(setups))
      // Cleanup keeps a configuration it could not finish removing, marked inactive: that is the admin's too.
      << QStringLiteral("ALTER TABLE ai_configs ENABLE ROW LEVEL SECURITY")
      << policy(QStringLiteral("ai_configs_read"), QStringLiteral("ai_configs"), QStringLiteral("FOR SELECT TO PUBLIC USING (true)"))
      << policy(QStringLiteral("ai_configs_setup_insert"), QStringLiteral("ai_configs"),
                QStringLiteral("FOR INSERT TO PUBLIC WITH CHECK (status <> 'inactive')"))
      << policy(QStringLiteral("ai_configs_setup_update"), QStringLiteral("ai_configs"),
                QStringLiteral("FOR UPDATE TO PUBLIC USING (true) WITH CHECK (status <> 'inactive')"))
      << ifRoleExists(admin, policy(QStringLiteral("runs_admin"), QStringLiteral("provisioning_runs"),
                                    QStringLiteral("FOR ALL TO %1 USING (true) WITH CHECK (true)").arg(admin))
                                 + policy(QStringLiteral("ai_configs_admin"), QStringLiteral("ai_configs"),
                                          QStringLiteral("FOR ALL TO %1 USING (true) WITH CHECK (true)").arg(admin)));
    return s;
}

QString DatabaseRoles::script()
{
    QString out = QStringLiteral(
        "-- OrgConsole team roles (orgconsole_viewer, orgconsole_operator, orgconsole_admin), their GRANTs and\n"
        "-- row-level policies. Run as a superuser (or the tables' owner with CREATEROLE) in the OrgConsole\n"
        "-- database, after OrgConsole has migrated it:  orgctl db roles --print | psql -v ON_ERROR_STOP=1 -d DB\n"
        "-- Safe to run again. Then give people a role:  GRANT orgconsole_operator TO alice;\n"
        "BEGIN;\n\n");
    for (const QString &statement : statements())
        out += statement + QStringLiteral(";\n\n");
    out += QStringLiteral("COMMIT;\n");
    return out;
}

std::optional<DbAccess> DatabaseRoles::leastRoleFor(const QString &table, const QString &privilege)
{
    const QString wanted = privilege.trimmed().toUpper();
    for (DbAccess a : kAccesses) {
        for (const Grant &g : grants()) {
            if (g.role == a && g.tables.contains(table) && g.privileges.contains(wanted))
                return a;
        }
    }
    return std::nullopt;
}

QString DatabaseRoles::refusalHint(const QString &serverText, const QString &sql)
{
    static const QRegularExpression rowLevel(QStringLiteral("row-level security policy for table \"?(\\w+)"));
    static const QRegularExpression denied(QStringLiteral("permission denied for (table|sequence) \"?(\\w+)"));
    const QString admin = roleName(DbAccess::Admin);
    if (const auto m = rowLevel.match(serverText); m.hasMatch()) {
        if (m.captured(1) == QLatin1String("provisioning_runs"))
            return QStringLiteral("only %1 may start or change cleanup and orphan-release runs").arg(admin);
        if (m.captured(1) == QLatin1String("ai_configs"))
            return QStringLiteral("only %1 may mark an AI configuration inactive (what cleanup does)").arg(admin);
        return QStringLiteral("only %1 may write this row").arg(admin);
    }
    const auto m = denied.match(serverText);
    if (!m.hasMatch())
        return QString();
    if (m.captured(1) == QLatin1String("sequence"))
        return QStringLiteral("adding rows needs %1").arg(roleName(DbAccess::Operator));
    const QString table = m.captured(2);
    const QString simplified = sql.simplified();
    QString verb = simplified.section(QLatin1Char(' '), 0, 0).toUpper();
    if (verb == QLatin1String("SELECT") && simplified.contains(QLatin1String(" FOR UPDATE"), Qt::CaseInsensitive))
        verb = QStringLiteral("UPDATE");
    if (verb == QLatin1String("WITH") || verb.isEmpty())
        return QString();
    if (const auto least = leastRoleFor(table, verb))
        return QStringLiteral("%1 on %2 needs %3").arg(verb, table, roleName(*least));
    if (table == QLatin1String("audit_log"))
        return QStringLiteral("the audit log is append-only: no role may %1 it").arg(verb);
    return QStringLiteral("no OrgConsole role may %1 %2").arg(verb, table);
}

} // namespace oc
