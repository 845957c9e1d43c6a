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
};

const std::vector<Migration> &migrations();

} // namespace oc
