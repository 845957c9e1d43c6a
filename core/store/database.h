#pragma once

#include "store/databaseurl.h"
#include "util/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>

namespace oc {

// One open connection to the store (SQLite or PostgreSQL), used from the thread that opened it.
// Repositories borrow it; only app/ (or a test) creates one.
class Database
{
public:
    using Engine = DatabaseUrl::Engine;

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens and configures the connection (SQLite: WAL, synchronous=FULL, foreign_keys=ON, busy timeout).
    // Does not migrate: see Migrator.
    static Result<std::unique_ptr<Database>> open(const DatabaseUrl &url);

    Engine engine() const { return m_url.engine; }
    const DatabaseUrl &url() const { return m_url; }
    QSqlDatabase connection() const;

    // Prepares and runs one statement with positional (?) values. The error says which statement failed.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &values = {});
    Result<QSqlQuery> execForward(const QString &sql, const QVariantList &values = {});

    // Runs `work` in a write transaction (SQLite: BEGIN IMMEDIATE so concurrent writers queue instead of
    // failing half way) and commits when it returns ok, else rolls back. Not re-entrant.
    Result<void> transaction(const std::function<Result<void>()> &work);
    bool inTransaction() const { return m_inTransaction; }

    // An SQL expression for the database server's clock in UTC milliseconds: leases expire by the database's
    // clock, never by the (possibly skewed or suspended) clocks of the processes that hold them.
    QString nowMsSql() const;

    // The database user this connection works as (PostgreSQL current_user); empty on SQLite.
    const QString &user() const { return m_user; }

    // Maps a driver error to an Error: unique violations become Conflict; PostgreSQL's insufficient_privilege
    // (a missing GRANT or a row-level security policy, SQLSTATE 42501) becomes Forbidden, saying which role
    // `sql` needs.
    static Error errorFrom(const QSqlError &error, const QString &what, const QString &sql = QString());

private:
    explicit Database(DatabaseUrl url, QString connectionName);
    Result<QSqlQuery> run(const QString &sql, const QVariantList &values, bool forwardOnly);
    Error failed(const QSqlError &error, const QString &doing, const QString &sql) const;

    DatabaseUrl m_url;
    QString m_connectionName;
    QString m_user;
    bool m_inTransaction = false;
};

} // namespace oc
