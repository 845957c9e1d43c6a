#pragma once

#include "store/store.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QString>
#include <QTextStream>

#include <memory>

namespace oc::cli {

enum ExitCode { Ok = 0, Failed = 1, Usage = 2 };

// What every command shares: its parser (with the common options), output streams, and the store.
class Context
{
public:
    explicit Context(QString commandPath);

    QCommandLineParser parser;
    const QCommandLineOption databaseOption{QStringLiteral("database"),
        QStringLiteral("Database: a file path, sqlite:PATH or postgresql://user@host:port/db (default: "
                       "$ORGCONSOLE_DATABASE, then the settings, then SQLite in the app data folder). "
                       "Keep passwords out of the command line: use PGPASSWORD or ~/.pgpass."),
        QStringLiteral("url")};
    const QCommandLineOption jsonOption{QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")};

    // Parses `args`; on --help prints help and returns Ok; on error prints one line and returns Usage.
    std::optional<int> parse(const QStringList &args, const QString &positionalSyntax, int minPositional, int maxPositional);

    // Opens (and migrates) the store; on failure prints the error and returns null.
    Store *store();
    bool json() const { return parser.isSet(jsonOption); }

    int fail(const QString &message, int code = Failed);
    void printJson(const QJsonValue &value);
    void print(const QString &line);

    QString commandPath;

private:
    std::unique_ptr<Store> m_store;
};

// Removes characters that would let data drive the terminal (ESC, CR, …) before printing it as text.
QString printable(const QString &text);

} // namespace oc::cli
