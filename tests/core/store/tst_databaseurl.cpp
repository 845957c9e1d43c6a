#include "store/databaseurl.h"

#include <QTest>

using namespace oc;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainPathIsSqlite()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("/tmp/x/orgs.sqlite"));
        QVERIFY(url.ok());
        QCOMPARE(url->engine, DatabaseUrl::Engine::Sqlite);
        QCOMPARE(url->path, QStringLiteral("/tmp/x/orgs.sqlite"));
    }

    void sqlitePrefixIsStripped()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:/var/lib/oc/db.sqlite"));
        QVERIFY(url.ok());
        QCOMPARE(url->path, QStringLiteral("/var/lib/oc/db.sqlite"));
    }

    void relativePathBecomesAbsolute()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite:demo.sqlite"));
        QVERIFY(url.ok());
        QVERIFY(url->path.startsWith(QLatin1Char('/')));
        QVERIFY(url->path.endsWith(QLatin1String("/demo.sqlite")));
    }

    void postgresUrlIsDecomposed()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://ops%40team:s3cr%3At@db.internal:6543/orgconsole?sslmode=verify-full"));
        QVERIFY(url.ok());
        QCOMPARE(url->engine, DatabaseUrl::Engine::Postgres);
        QCOMPARE(url->user, QStringLiteral("ops@team"));
        QCOMPARE(url->password, QStringLiteral("s3cr:t"));
        QCOMPARE(url->host, QStringLiteral("db.internal"));
        QCOMPARE(url->port, 6543);
        QCOMPARE(url->database, QStringLiteral("orgconsole"));
        QCOMPARE(url->sslMode, QStringLiteral("verify-full"));
    }

    void postgresDefaultsPortAndAcceptsShortScheme()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgres://u@h/db"));
        QVERIFY(url.ok());
        QCOMPARE(url->port, 5432);
    }

    void socketDirectoryComesFromHostParameter()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://u@/db?host=/run/postgresql"));
        QVERIFY(url.ok());
        QCOMPARE(url->host, QStringLiteral("/run/postgresql"));
    }

    void displayStringNeverShowsThePassword()
    {
        auto url = DatabaseUrl::parse(QStringLiteral("postgresql://ops:hunter2@db:5432/oc"));
        QVERIFY(url.ok());
        QVERIFY(!url->toDisplayString().contains(QLatin1String("hunter2")));
        QCOMPARE(url->toDisplayString(), QStringLiteral("postgresql://ops@db/oc"));
    }

    void rejectsWhatItCannotOpen_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("mysql") << QStringLiteral("mysql://u@h/db") << QStringLiteral("unsupported database URL");
        QTest::newRow("no database") << QStringLiteral("postgresql://u@h:5432") << QStringLiteral("names no database");
    }

    void rejectsWhatItCannotOpen()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        auto url = DatabaseUrl::parse(text);
        QVERIFY(!url.ok());
        QCOMPARE(url.error().kind, Error::Kind::Invalid);
        QVERIFY2(url.error().message.contains(message), qPrintable(url.error().message));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
