#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace oc {

// What a connection may do in team mode, ordered: a higher access may do all a lower one may.
enum class DbAccess { Viewer = 0, Operator = 1, Admin = 2 };

// The PostgreSQL group roles of team mode (DESIGN §8) and the one source of their SQL: migration 6 runs these
// statements, `orgctl db roles --print` prints them for an admin to run by hand. Every statement is idempotent.
// Roles are cluster-wide NOLOGIN roles, created only when the migrating user may create roles; GRANTs and the
// admin's row-level policies go only to roles that exist. Row-level security on provisioning_runs limits
// everyone but orgconsole_admin (and the tables' owner, which bypasses it) to runs of kind approve or retry, and
// on ai_configs keeps them from marking a configuration inactive — cleanup and the orphan release are admin-only.
class DatabaseRoles
{
public:
    static QString roleName(DbAccess access); // orgconsole_viewer, orgconsole_operator, orgconsole_admin
    static QString accessName(DbAccess access); // viewer, operator, admin

    // The statements, in order, without trailing semicolons, as of schema `version` (the migration that runs
    // them: 6 made the roles, 8 added the assistant templates and rollout runs; a later migration runs them again).
    static constexpr int kLatestVersion = 8;
    static QStringList statements(int version = kLatestVersion);
    // The same as one psql script in a transaction, with a comment saying how to run it.
    static QString script();

    // The least of our roles granted `privilege` (SELECT, INSERT, UPDATE, DELETE) on `table`; nullopt when none is.
    static std::optional<DbAccess> leastRoleFor(const QString &table, const QString &privilege);
    // Why the database refused, in words, for a PostgreSQL insufficient_privilege error (42501) with
    // `serverText` (permission denied, or a row-level security violation) on a statement starting `sql`.
    static QString refusalHint(const QString &serverText, const QString &sql);
};

} // namespace oc
