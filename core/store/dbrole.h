#pragma once

#include "store/databaseroles.h"
#include "util/result.h"

#include <QString>
#include <QStringList>

namespace oc {

class Database;

// What an operation asks of the database role, checked before anything is written or bought.
enum class DbAction { Read, Approve, Retry, Cleanup, ReleaseOrphans, ManageTokens, UpdateAssistants };

// The role this connection works as, read once when the store opens. The database itself enforces the
// roles (DatabaseRoles); this only lets the console and orgctl refuse early and say why. SQLite: one user, Admin.
struct DbRole {
    DbAccess access = DbAccess::Admin;
    QString name;         // the database user (current_user); empty on SQLite
    QString groupRole;    // the orgconsole_* role that gives `access`; empty when it comes from elsewhere
    QString basis;        // how `access` was decided, in words ("member of orgconsole_operator", "superuser", …)
    bool sqlite = false;

    static DbAccess needed(DbAction action);
    static constexpr DbAction kActions[] = {DbAction::Read, DbAction::Approve, DbAction::Retry, DbAction::Cleanup,
                                            DbAction::ReleaseOrphans, DbAction::ManageTokens, DbAction::UpdateAssistants};
    // "approving", "cleaning up" …
    static QString actionName(DbAction action);
    // "approve", "release-orphans" … (JSON)
    static QString actionKey(DbAction action);

    bool may(DbAction action) const { return access >= needed(action); }
    // Empty when it may; else one line: who we are, what we may do, what `action` needs and how to get it.
    QString whyNot(DbAction action) const;
    // Error::Kind::Forbidden with whyNot() when it may not.
    Result<void> require(DbAction action) const;

    // PostgreSQL: superuser or owner of the tables → Admin; else the strongest orgconsole_* role it holds;
    // else what its table privileges allow. SQLite → Admin.
    static Result<DbRole> detect(Database &db);
};

} // namespace oc
