#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace oc {

// Schema history. Never edit a released migration: add the next one.
// Statements use {{ID}} (auto-increment primary key) and {{TEXT_C}} (text compared byte-wise on both engines);
// engine-only statements (triggers) go in the per-engine lists.
struct Migration {
    int version;
    const char *name;
    QStringList common;
    QStringList sqliteOnly;
    QStringList postgresOnly;
    // SQLite cannot alter a constraint: such a migration rebuilds a table, with foreign keys off around its
    // transaction (checked with foreign_key_check before it commits), as SQLite's ALTER TABLE documentation says.
    bool sqliteRebuildsTables = false;
};

const std::vector<Migration> &migrations();

} // namespace oc
