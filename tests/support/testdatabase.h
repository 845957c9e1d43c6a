#pragma once

#include "store/databaseurl.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace oc::test {

// True under CI (CI=true): there, a missing real server is a failure, never a skip.
bool underCi();

// A fresh, empty database on one engine ("sqlite" or "postgresql"), dropped when destroyed.
// PostgreSQL comes from the server the ctest fixture started (ORGCONSOLE_TEST_PG_URL[_FILE]).
class TestDatabase
{
public:
    ~TestDatabase();

    // Adds the global data rows every store test runs on: call from initTestCase_data().
    static void addEngineRows();
    // Null with `why` set when the engine is not reachable.
    static std::unique_ptr<TestDatabase> create(const QString &engine, QString *why);
    // The admin URL of the test PostgreSQL server, or empty.
    static QString postgresAdminUrl();

    const DatabaseUrl &url() const { return m_url; }
    // The URL as text, for a child process's --database.
    QString urlText() const;

private:
    TestDatabase() = default;
    DatabaseUrl m_url;
    QString m_adminUrl;
    std::unique_ptr<QTemporaryDir> m_dir;
};

} // namespace oc::test

// In init(): a fresh database for the current global engine row, or QSKIP/QFAIL (QFAIL under CI).
#define OC_FRESH_DATABASE(var)                                                                   \
    std::unique_ptr<oc::test::TestDatabase> var;                                                 \
    do {                                                                                         \
        QFETCH_GLOBAL(QString, engine);                                                          \
        QString why_;                                                                            \
        var = oc::test::TestDatabase::create(engine, &why_);                                     \
        if (!var) {                                                                              \
            if (oc::test::underCi())                                                             \
                QFAIL(qPrintable(QStringLiteral("%1 is required under CI: %2").arg(engine, why_))); \
            QSKIP(qPrintable(why_));                                                             \
        }                                                                                        \
    } while (false)
