#pragma once

#include "store/database.h"
#include "util/result.h"

namespace oc {

struct Migration;

// Versioned schema migrations, applied at start-up with the same meaning on SQLite and PostgreSQL.
// A database whose schema is newer than this program is refused and left untouched.
class Migrator
{
public:
    explicit Migrator(Database &db) : m_db(db) {}

    static int latestVersion();
    // 0 for an empty database.
    Result<int> currentVersion();
    // Applies what is pending, up to `upTo` (tests build an older schema with it).
    Result<void> migrate(int upTo = 1 << 30);

private:
    Result<void> apply(int index);
    Result<void> applyInTransaction(const Migration &m, bool sqlite, bool rebuild);

    Database &m_db;
};

} // namespace oc
