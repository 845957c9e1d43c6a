#include "store/database.h"
#include "store/migrator.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace oc;

class TestMigrations : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;

    static QStringList tablesOf(Database &db)
    {
        QStringList tables = db.connection().tables();
        tables.removeAll(QStringLiteral("sqlite_sequence"));
        tables.sort();
        return tables;
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
    }
    void cleanup() { m_db.reset(); }

    void createsEveryTableOnAnEmptyDatabase()
    {
        auto store = Store::open(m_db->url());
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QCOMPARE(tablesOf(store.value()->database()),
                 (QStringList{QStringLiteral("ai_configs"), QStringLiteral("api_tokens"), QStringLiteral("audit_log"), QStringLiteral("organizations"),
                              QStringLiteral("provisioning_runs"), QStringLiteral("run_steps"), QStringLiteral("schema_migrations")}));
        QCOMPARE(Migrator(store.value()->database()).currentVersion().value(), Migrator::latestVersion());
    }

    void migratingTwiceChangesNothing()
    {
        { auto first = Store::open(m_db->url()); QVERIFY(first.ok()); }
        auto second = Store::open(m_db->url());
        QVERIFY(second.ok());
        auto rows = second.value()->database().exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
        QVERIFY(rows.ok());
        rows.value().next();
        QCOMPARE(rows.value().value(0).toInt(), int(Migrator::latestVersion()));
    }

    void refusesANewerDatabaseAndLeavesItUntouched()
    {
        {
            auto store = Store::open(m_db->url());
            QVERIFY(store.ok());
            QVERIFY(store.value()->database().exec(QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) "
                                                                  "VALUES (999, 'from the future', 0)")).ok());
        }
        auto db = Database::open(m_db->url());
        QVERIFY(db.ok());
        const QStringList before = tablesOf(*db.value());
        auto migrated = Migrator(*db.value()).migrate();
        QVERIFY(!migrated.ok());
        QCOMPARE(migrated.error().kind, Error::Kind::Schema);
        QVERIFY2(migrated.error().message.contains(QLatin1String("newer than this OrgConsole")), qPrintable(migrated.error().message));
        QVERIFY(migrated.error().message.contains(QLatin1String("not modified")));
        QCOMPARE(tablesOf(*db.value()), before);
        auto version = Migrator(*db.value()).currentVersion();
        QCOMPARE(version.value(), 999);
        db.value().reset();
        // And through the front door, the same refusal.
        auto store = Store::open(m_db->url());
        QVERIFY(!store.ok());
        QCOMPARE(store.error().kind, Error::Kind::Schema);
    }

    void sessionIsConfiguredForDurabilityAndIntegrity()
    {
        QFETCH_GLOBAL(QString, engine);
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        auto scalar = [&](const QString &sql) {
            auto q = store.value()->database().exec(sql);
            q.value().next();
            return q.value().value(0).toString();
        };
        if (engine == QLatin1String("sqlite")) {
            QCOMPARE(scalar(QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
            QCOMPARE(scalar(QStringLiteral("PRAGMA synchronous")), QStringLiteral("2")); // FULL
            QCOMPARE(scalar(QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
        } else {
            QCOMPARE(scalar(QStringLiteral("SHOW TimeZone")), QStringLiteral("UTC"));
            QCOMPARE(scalar(QStringLiteral("SELECT current_setting('application_name')")), QStringLiteral("orgconsole"));
        }
    }

    void foreignKeysAreEnforced()
    {
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        AiConfig orphan;
        orphan.organizationId = 424242;
        auto inserted = store.value()->aiConfigs().insert(orphan);
        QVERIFY(!inserted.ok());
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
