#include "migrator.h"

#include "store/migrations.h"
#include "util/logging.h"

#include <QDateTime>
#include <QSqlQuery>

namespace oc {

namespace {

const QString kVersionTable = QStringLiteral("schema_migrations");

QString forEngine(QString sql, Database::Engine engine)
{
    const bool sqlite = engine == Database::Engine::Sqlite;
    sql.replace(QLatin1String("{{ID}}"), sqlite ? QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT")
                                                : QLatin1String("BIGSERIAL PRIMARY KEY"));
    sql.replace(QLatin1String("{{TEXT_C}}"), sqlite ? QLatin1String("TEXT") : QLatin1String("TEXT COLLATE \"C\""));
    return sql;
}

} // namespace

int Migrator::latestVersion()
{
    return migrations().back().version;
}

Result<int> Migrator::currentVersion()
{
    // Read before creating anything, so a newer database is never touched.
    if (!m_db.connection().tables().contains(kVersionTable))
        return 0;
    auto q = m_db.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (!q)
        return q.error();
    q.value().next();
    return q.value().value(0).toInt();
}

Result<void> Migrator::migrate(int upTo)
{
    auto version = currentVersion();
    if (!version)
        return version.error();
    if (version.value() > latestVersion()) {
        return Error{Error::Kind::Schema,
                     QStringLiteral("the database %1 has schema version %2, newer than this OrgConsole understands (%3): "
                                    "upgrade OrgConsole; the database was not modified")
                         .arg(m_db.url().toDisplayString()).arg(version.value()).arg(latestVersion())};
    }
    const auto &all = migrations();
    for (int i = 0; i < int(all.size()); ++i) {
        if (all[i].version <= version.value() || all[i].version > upTo)
            continue;
        auto applied = apply(i);
        if (!applied)
            return applied;
    }
    return {};
}

Result<void> Migrator::apply(int index)
{
    const Migration &m = migrations()[index];
    const bool sqlite = m_db.engine() == Database::Engine::Sqlite;
    const bool rebuild = sqlite && m.sqliteRebuildsTables;
    // PRAGMA foreign_keys is a no-op inside a transaction: off before, on again after, whatever happened.
    if (rebuild) {
        if (auto off = m_db.exec(QStringLiteral("PRAGMA foreign_keys=OFF")); !off)
            return off.error();
    }
    auto applied = applyInTransaction(m, sqlite, rebuild);
    if (rebuild) {
        if (auto on = m_db.exec(QStringLiteral("PRAGMA foreign_keys=ON")); !on && applied)
            return on.error();
    }
    return applied;
}

Result<void> Migrator::applyInTransaction(const Migration &m, bool sqlite, bool rebuild)
{
    return m_db.transaction([&]() -> Result<void> {
        // Two consoles starting together: the second waits here, then sees the work done.
        if (!sqlite) {
            auto lock = m_db.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7302010)"));
            if (!lock)
                return lock.error();
        }
        auto table = m_db.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                              "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"));
        if (!table)
            return table.error();
        auto done = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations WHERE version >= ?"), {m.version});
        if (!done)
            return done.error();
        done.value().next();
        const bool applied = done.value().value(0).toInt() > 0;
        done.value().finish(); // an active statement would lock the tables a rebuild drops
        if (applied)
            return {};
        QStringList statements = m.common;
        statements += sqlite ? m.sqliteOnly : m.postgresOnly;
        for (const QString &sql : std::as_const(statements)) {
            auto r = m_db.exec(forEngine(sql, m_db.engine()));
            if (!r)
                return Error{Error::Kind::Schema, QStringLiteral("migration %1 (%2) failed: %3")
                                                      .arg(m.version).arg(QLatin1String(m.name), r.error().message)};
        }
        if (rebuild) { // the rebuilt tables must still satisfy every foreign key before this commits
            auto check = m_db.exec(QStringLiteral("PRAGMA foreign_key_check"));
            if (!check)
                return check.error();
            if (check.value().next())
                return Error{Error::Kind::Schema, QStringLiteral("migration %1 (%2) would break a foreign key of %3")
                                                      .arg(m.version).arg(QLatin1String(m.name), check.value().value(0).toString())};
        }
        auto record = m_db.exec(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
                                {m.version, QString::fromLatin1(m.name), QDateTime::currentMSecsSinceEpoch()});
        if (!record)
            return record.error();
        qCInfo(lcStore) << "applied migration" << m.version << m.name << "to" << m_db.url().toDisplayString();
        return {};
    });
}

} // namespace oc
