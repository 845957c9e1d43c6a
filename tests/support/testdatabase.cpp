#include "testdatabase.h"

#include "store/database.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace oc::test {

bool underCi()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

void TestDatabase::addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString TestDatabase::postgresAdminUrl()
{
    QString url = qEnvironmentVariable("ORGCONSOLE_TEST_PG_URL");
    if (url.isEmpty()) {
        QFile file(qEnvironmentVariable("ORGCONSOLE_TEST_PG_URL_FILE"));
        if (file.open(QIODevice::ReadOnly))
            url = QString::fromUtf8(file.readAll()).trimmed();
    }
    return url;
}

namespace {

// Runs one admin statement on the server's maintenance database.
bool adminExec(const QString &adminUrl, const QString &sql, QString *why)
{
    auto url = DatabaseUrl::parse(adminUrl);
    if (!url) {
        *why = url.error().message;
        return false;
    }
    auto db = Database::open(url.value());
    if (!db) {
        *why = db.error().message;
        return false;
    }
    auto r = db.value()->exec(sql);
    if (!r) {
        *why = r.error().message;
        return false;
    }
    return true;
}

} // namespace

std::unique_ptr<TestDatabase> TestDatabase::create(const QString &engine, QString *why)
{
    std::unique_ptr<TestDatabase> t(new TestDatabase);
    if (engine == QLatin1String("sqlite")) {
        t->m_dir = std::make_unique<QTemporaryDir>();
        if (!t->m_dir->isValid()) {
            *why = QStringLiteral("cannot create a temporary directory");
            return nullptr;
        }
        t->m_url.engine = DatabaseUrl::Engine::Sqlite;
        t->m_url.path = t->m_dir->filePath(QStringLiteral("test.sqlite"));
        return t;
    }
    t->m_adminUrl = postgresAdminUrl();
    if (t->m_adminUrl.isEmpty()) {
        *why = QStringLiteral("no PostgreSQL test server: run through ctest (fixture 'postgres') or set ORGCONSOLE_TEST_PG_URL");
        return nullptr;
    }
    static QAtomicInt counter;
    const QString name = QStringLiteral("oc_test_%1_%2").arg(QCoreApplication::applicationPid()).arg(counter.fetchAndAddRelaxed(1));
    if (!adminExec(t->m_adminUrl, QStringLiteral("CREATE DATABASE %1").arg(name), why))
        return nullptr;
    auto url = DatabaseUrl::parse(t->m_adminUrl);
    t->m_url = url.value();
    t->m_url.database = name;
    return t;
}

TestDatabase::~TestDatabase()
{
    if (m_url.engine == DatabaseUrl::Engine::Postgres && !m_adminUrl.isEmpty()) {
        QString why;
        if (!adminExec(m_adminUrl, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_url.database), &why))
            qWarning("could not drop test database %s: %s", qPrintable(m_url.database), qPrintable(why));
    }
}

QString TestDatabase::urlText() const
{
    if (m_url.engine == DatabaseUrl::Engine::Sqlite)
        return QStringLiteral("sqlite:") + m_url.path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(m_url.user, m_url.host).arg(m_url.port).arg(m_url.database);
}

} // namespace oc::test
