#include "databaseurl.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace oc {

Result<DatabaseUrl> DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Error::invalid(QStringLiteral("database URL is empty"));

    DatabaseUrl url;
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl u(text, QUrl::StrictMode);
        if (!u.isValid())
            return Error::invalid(QStringLiteral("database URL is not valid: %1").arg(u.errorString()));
        url.engine = Engine::Postgres;
        url.host = u.host();
        url.port = u.port(5432);
        url.user = u.userName(QUrl::FullyDecoded);
        url.password = u.password(QUrl::FullyDecoded);
        url.database = u.path(QUrl::FullyDecoded).mid(1);
        const QUrlQuery query(u);
        if (query.hasQueryItem(QStringLiteral("host")))
            url.host = query.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
        url.sslMode = query.queryItemValue(QStringLiteral("sslmode"), QUrl::FullyDecoded);
        url.sslRootCert = query.queryItemValue(QStringLiteral("sslrootcert"), QUrl::FullyDecoded);
        if (url.host.isEmpty())
            url.host = QStringLiteral("localhost");
        if (url.database.isEmpty() || url.database.contains(QLatin1Char('/')))
            return Error::invalid(QStringLiteral("database URL %1 names no database: expected postgresql://user@host:port/dbname")
                                      .arg(url.toDisplayString()));
        return url;
    }

    QString path = text;
    if (path.startsWith(QLatin1String("sqlite://")))
        path = QUrl(path).toLocalFile();
    else if (path.startsWith(QLatin1String("sqlite:")))
        path = path.mid(7);
    else if (path.contains(QLatin1String("://")))
        return Error::invalid(QStringLiteral("unsupported database URL \"%1\": use a file path, sqlite:PATH or postgresql://user@host:port/db")
                                  .arg(text.section(QLatin1String("://"), 0, 0)));
    if (path.isEmpty())
        return Error::invalid(QStringLiteral("SQLite database URL names no file"));
    url.engine = Engine::Sqlite;
    url.path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return url;
}

DatabaseUrl DatabaseUrl::defaultLocation()
{
    DatabaseUrl url;
    url.engine = Engine::Sqlite;
    url.path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/orgconsole.sqlite");
    return url;
}

Result<DatabaseUrl> DatabaseUrl::choose(const QString &explicitChoice, const QString &configured)
{
    if (!explicitChoice.trimmed().isEmpty())
        return parse(explicitChoice);
    if (!configured.trimmed().isEmpty())
        return parse(configured);
    return defaultLocation();
}

QString DatabaseUrl::toDisplayString() const
{
    if (engine == Engine::Sqlite)
        return QStringLiteral("sqlite:") + path;
    QString s = QStringLiteral("postgresql://");
    if (!user.isEmpty())
        s += user + QLatin1Char('@');
    const bool socketDir = host.startsWith(QLatin1Char('/'));
    s += socketDir ? QString() : host;
    if (!socketDir && port != 5432)
        s += QLatin1Char(':') + QString::number(port);
    s += QLatin1Char('/') + database;
    if (socketDir)
        s += QStringLiteral("?host=") + host;
    return s;
}

} // namespace oc
