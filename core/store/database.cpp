#include "database.h"

#include "store/databaseroles.h"
#include "util/logging.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>

namespace oc {

namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("orgconsole-%1").arg(counter.fetchAndAddRelaxed(1));
}

bool isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // PostgreSQL SQLSTATE 23505; SQLite SQLITE_CONSTRAINT_UNIQUE (2067) / PRIMARYKEY (1555).
    return code == QLatin1String("23505") || code == QLatin1String("2067") || code == QLatin1String("1555");
}

bool isInsufficientPrivilege(const QSqlError &error)
{
    return error.nativeErrorCode() == QLatin1String("42501");
}

} // namespace

Database::Database(DatabaseUrl url, QString connectionName)
    : m_url(std::move(url)), m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Error Database::errorFrom(const QSqlError &error, const QString &what, const QString &sql)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    if (isInsufficientPrivilege(error)) {
        // One line for people: the driver's "ERROR:  …\n(42501)" without its decoration.
        static const QRegularExpression decoration(QStringLiteral("^ERROR:\\s*|\\s*\\(42501\\)$"));
        text.remove(decoration);
        text = text.simplified();
        const QString hint = DatabaseRoles::refusalHint(text, sql);
        return Error::forbidden(QStringLiteral("%1: the database refused it: %2%3")
                                    .arg(what, text, hint.isEmpty() ? QString() : QStringLiteral(" — ") + hint));
    }
    if (isUniqueViolation(error))
        return Error::conflict(QStringLiteral("%1: %2").arg(what, text));
    return Error::storage(QStringLiteral("%1: %2").arg(what, text));
}

Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl &url)
{
    const QString name = nextConnectionName();
    const bool sqlite = url.engine == Engine::Sqlite;
    const QString driver = sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error{Error::Kind::Unavailable,
                     QStringLiteral("the Qt %1 driver is not installed (Debian package %2)")
                         .arg(driver, sqlite ? QStringLiteral("libqt6sql6-sqlite") : QStringLiteral("libqt6sql6-psql"))};
    }
    std::unique_ptr<Database> database(new Database(url, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    if (sqlite) {
        const QFileInfo file(url.path);
        if (!QDir().mkpath(file.absolutePath()))
            return Error{Error::Kind::Connection, QStringLiteral("cannot create the directory %1").arg(file.absolutePath())};
        db.setDatabaseName(url.path);
        // Another process may hold the write lock for a moment: wait for it rather than fail.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    } else {
        db.setHostName(url.host);
        db.setPort(url.port);
        db.setDatabaseName(url.database);
        if (!url.user.isEmpty())
            db.setUserName(url.user);
        if (!url.password.isEmpty())
            db.setPassword(url.password);
        QStringList options{QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=orgconsole")};
        if (!url.sslMode.isEmpty())
            options << QStringLiteral("sslmode=") + url.sslMode;
        if (!url.sslRootCert.isEmpty())
            options << QStringLiteral("sslrootcert=") + url.sslRootCert;
        db.setConnectOptions(options.join(QLatin1Char(';')));
    }
    if (!db.open()) {
        const QString why = db.lastError().databaseText().trimmed().isEmpty() ? db.lastError().text()
                                                                               : db.lastError().databaseText().trimmed();
        return Error{Error::Kind::Connection,
                     QStringLiteral("cannot open the database %1: %2").arg(url.toDisplayString(), why.simplified())};
    }
    if (sqlite) {
        // A 64 MiB page cache keeps the indexes of a million-row table in memory while they are written.
        for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                                   "PRAGMA cache_size=-65536"}) {
            auto r = database->exec(QString::fromLatin1(pragma));
            if (!r)
                return Error{Error::Kind::Connection, QStringLiteral("cannot configure %1: %2").arg(url.toDisplayString(), r.error().message)};
        }
    } else {
        // Timestamps are stored as UTC milliseconds; keep the session predictable anyway.
        auto r = database->exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        if (!r)
            return r.error();
        // Refusals name who was refused; the audit log records the same user (its db_role column).
        auto user = database->exec(QStringLiteral("SELECT current_user"));
        if (!user)
            return user.error();
        if (user.value().next())
            database->m_user = user.value().value(0).toString();
    }
    qCDebug(lcStore) << "opened" << url.toDisplayString();
    return database;
}

QString Database::nowMsSql() const
{
    if (engine() == Engine::Sqlite)
        return QStringLiteral("CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)");
    return QStringLiteral("CAST(FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000) AS BIGINT)");
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &values)
{
    return run(sql, values, false);
}

Result<QSqlQuery> Database::execForward(const QString &sql, const QVariantList &values)
{
    return run(sql, values, true);
}

Result<QSqlQuery> Database::run(const QString &sql, const QVariantList &values, bool forwardOnly)
{
    QSqlQuery query(connection());
    query.setForwardOnly(forwardOnly);
    // PostgreSQL cannot PREPARE DDL or SET: statements without values run directly.
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return failed(query.lastError(), QStringLiteral("running"), sql);
        return query;
    }
    if (!query.prepare(sql))
        return failed(query.lastError(), QStringLiteral("preparing"), sql);
    for (const QVariant &v : values)
        query.addBindValue(v);
    if (!query.exec())
        return failed(query.lastError(), QStringLiteral("running"), sql);
    return query;
}

Error Database::failed(const QSqlError &error, const QString &doing, const QString &sql) const
{
    Error e = errorFrom(error, QStringLiteral("%1 \"%2\"").arg(doing, sql.simplified().left(60)), sql);
    if (e.kind == Error::Kind::Forbidden && !m_user.isEmpty())
        e.message += QStringLiteral(" (connected as %1)").arg(m_user);
    return e;
}

Result<void> Database::transaction(const std::function<Result<void>()> &work)
{
    Q_ASSERT(!m_inTransaction);
    const bool sqlite = engine() == Engine::Sqlite;
    QSqlQuery begin(connection());
    if (!begin.exec(sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
        return errorFrom(begin.lastError(), QStringLiteral("starting a transaction"));
    m_inTransaction = true;
    Result<void> outcome = work();
    m_inTransaction = false;
    QSqlQuery end(connection());
    if (!outcome.ok()) {
        if (!end.exec(QStringLiteral("ROLLBACK")))
            qCWarning(lcStore) << "rollback failed:" << end.lastError().text();
        return outcome;
    }
    if (!end.exec(QStringLiteral("COMMIT"))) {
        const Error error = errorFrom(end.lastError(), QStringLiteral("committing"));
        QSqlQuery(connection()).exec(QStringLiteral("ROLLBACK"));
        return error;
    }
    return {};
}

} // namespace oc
