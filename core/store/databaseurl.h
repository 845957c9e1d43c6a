#pragma once

#include "util/result.h"

#include <QString>

namespace oc {

// Where the store lives: a file path or sqlite:PATH for SQLite, postgresql://user[:pass]@host[:port]/db for
// PostgreSQL. Put a PostgreSQL password in the environment (ORGCONSOLE_DATABASE, PGPASSWORD or ~/.pgpass),
// never on a command line.
struct DatabaseUrl {
    enum class Engine { Sqlite, Postgres };
    Engine engine = Engine::Sqlite;
    QString path;               // SQLite file
    QString host;               // PostgreSQL host name, or a socket directory starting with '/'
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString sslMode;            // PostgreSQL sslmode, e.g. require / verify-full
    QString sslRootCert;

    static Result<DatabaseUrl> parse(const QString &text);
    // The default SQLite database under QStandardPaths::AppDataLocation.
    static DatabaseUrl defaultLocation();
    // The first that is set: an explicit choice (--database), the configuration (ORGCONSOLE_DATABASE over the
    // settings), else the default location.
    static Result<DatabaseUrl> choose(const QString &explicitChoice, const QString &configured);

    // For messages and logs: never contains the password.
    QString toDisplayString() const;
};

} // namespace oc
