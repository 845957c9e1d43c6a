#include "store/database.h"
#include "store/migrator.h"
#include "searchoracle.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QRegularExpression>

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
        QStringList expected{QStringLiteral("ai_configs"), QStringLiteral("api_tokens"), QStringLiteral("assistant_templates"), QStringLiteral("audit_log"), QStringLiteral("organizations"),
                             QStringLiteral("provisioning_runs"), QStringLiteral("run_steps"), QStringLiteral("schema_migrations"), QStringLiteral("workers")};
        if (store.value()->database().engine() == Database::Engine::Sqlite) {
            expected.insert(6, QStringLiteral("run_events")); // the feed's table (PostgreSQL notifies instead)
            // The search index (FTS5) and its shadow tables (PostgreSQL has indexes instead).
            expected << QStringLiteral("organizations_search") << QStringLiteral("organizations_search_config")
                     << QStringLiteral("organizations_search_data") << QStringLiteral("organizations_search_idx");
            expected.sort();
        }
        QCOMPARE(tablesOf(store.value()->database()), expected);
        QCOMPARE(Migrator(store.value()->database()).currentVersion().value(), Migrator::latestVersion());
    }

    // Schema 5 rebuilds provisioning_runs on SQLite (a CHECK cannot be altered): runs, their steps and the
    // foreign keys survive; the new status is accepted; one live-or-queued run per organization still holds.
    void teamModeKeepsTheRunsOfAnOlderSchema()
    {
        auto db = Database::open(m_db->url());
        QVERIFY(db.ok());
        QVERIFY(Migrator(*db.value()).migrate(4).ok());
        QCOMPARE(Migrator(*db.value()).currentVersion().value(), 4);
        Database &d = *db.value();
        QVERIFY(d.exec(QStringLiteral("INSERT INTO organizations (company_name, owner_email, created_at, updated_at) VALUES ('A', 'a@example.com', 1, 1)")).ok());
        QVERIFY(d.exec(QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, actor, started_at, updated_at, lease_epoch) "
                                      "VALUES ('r1', 1, 'approve', 'needs_attention', 'me', 1, 1, 3)")).ok());
        QVERIFY(d.exec(QStringLiteral("INSERT INTO run_steps (run_id, step, status, external_id, updated_at) VALUES ('r1', 'buy_number', 'done', 'PN1', 1)")).ok());
        QVERIFY(Migrator(d).migrate().ok());
        auto row = d.exec(QStringLiteral("SELECT r.status, r.lease_epoch, s.external_id FROM provisioning_runs r JOIN run_steps s ON s.run_id = r.id"));
        QVERIFY(row.ok() && row.value().next());
        QCOMPARE(row.value().value(0).toString(), QStringLiteral("needs_attention"));
        QCOMPARE(row.value().value(1).toLongLong(), 3);
        QCOMPARE(row.value().value(2).toString(), QStringLiteral("PN1"));
        row.value().finish();
        QVERIFY(d.exec(QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, actor, started_at, updated_at) "
                                      "VALUES ('r2', 1, 'approve', 'queued', 'me', 2, 2)")).ok());
        auto second = d.exec(QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, actor, started_at, updated_at) "
                                            "VALUES ('r3', 1, 'approve', 'running', 'me', 3, 3)"));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, Error::Kind::Conflict);
        // Still enforced after the rebuild: a step of no run is refused.
        QVERIFY(!d.exec(QStringLiteral("INSERT INTO run_steps (run_id, step, status, updated_at) VALUES ('nope', 'x', 'done', 1)")).ok());
    }

    // Schema 6: every audit record names the database user that wrote it (PostgreSQL sets it; SQLite, one user,
    // leaves it empty; the records from before stay empty), and PostgreSQL has the team roles and row-level security.
    void teamRolesRecordTheDatabaseUserFromNowOn()
    {
        QFETCH_GLOBAL(QString, engine);
        auto db = Database::open(m_db->url());
        QVERIFY(db.ok());
        Database &d = *db.value();
        QVERIFY(Migrator(d).migrate(5).ok());
        QVERIFY(d.exec(QStringLiteral("INSERT INTO audit_log (at, actor, action, outcome) VALUES (1, 'me', 'org.old', 'ok')")).ok());
        QVERIFY(Migrator(d).migrate(6).ok());
        QCOMPARE(Migrator(d).currentVersion().value(), 6);
        AuditRepository audit(d);
        AuditRecord record;
        record.actor = QStringLiteral("me");
        record.action = QStringLiteral("org.new");
        record.outcome = QStringLiteral("ok");
        QVERIFY(audit.append(record).ok());
        auto records = audit.list({});
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 2);
        QCOMPARE(records->at(0).action, QStringLiteral("org.new"));
        QCOMPARE(records->at(0).dbRole, engine == QLatin1String("sqlite") ? QString() : d.user());
        QVERIFY(!d.user().isEmpty() || engine == QLatin1String("sqlite"));
        QCOMPARE(records->at(1).dbRole, QString());
        if (engine == QLatin1String("sqlite"))
            return;
        auto secured = d.exec(QStringLiteral("SELECT COUNT(*) FROM pg_class WHERE relname IN ('provisioning_runs', 'ai_configs') AND relrowsecurity"));
        QVERIFY(secured.ok() && secured.value().next());
        QCOMPARE(secured.value().value(0).toInt(), 2);
        secured.value().finish();
        // Migrated by a superuser: the cluster's roles exist.
        auto roles = d.exec(QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname IN ('orgconsole_viewer', 'orgconsole_operator', 'orgconsole_admin') AND NOT rolcanlogin"));
        QVERIFY(roles.ok() && roles.value().next());
        QCOMPARE(roles.value().value(0).toInt(), 3);
    }

    // Schema 7 indexes the rows that were there before it: searching them afterwards finds exactly what a
    // brute-force filter finds, and the search reads the index (SQLite: the FTS5 table answers on its own;
    // PostgreSQL: the three trigram indexes exist and serve the search's own expressions).
    void searchIndexBackFillsTheRowsOfAnOlderSchema()
    {
        QFETCH_GLOBAL(QString, engine);
        auto db = Database::open(m_db->url());
        QVERIFY(db.ok());
        Database &d = *db.value();
        QVERIFY(Migrator(d).migrate(6).ok());
        const QStringList names{QStringLiteral("Acme Rockets"), QStringLiteral("ROCKETMAN Ltd"), QStringLiteral("Écho Café ☕"),
                                QStringLiteral("東京テクノロジー"), QStringLiteral("100% Organic_Farms")};
        for (int i = 0; i < names.size(); ++i) {
            QVERIFY(d.exec(QStringLiteral("INSERT INTO organizations (company_name, status, owner_name, owner_email, created_at, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, 1)"),
                           {names[i], i % 2 ? QStringLiteral("verified") : QStringLiteral("pending"),
                            i == 2 ? QVariant(QMetaType::fromType<QString>()) : QVariant(QStringLiteral("Owner %1").arg(i)),
                            QStringLiteral("o%1@Example.COM").arg(i), 100 + i}).ok());
        }
        QVERIFY(Migrator(d).migrate().ok());
        QCOMPARE(Migrator(d).currentVersion().value(), 8);
        OrganizationRepository repo(d);
        OrgQuery all;
        all.order = Qt::AscendingOrder;
        const QList<Organization> rows = repo.list(all).value();
        QCOMPARE(rows.size(), names.size());
        for (const QString &term : {QStringLiteral("rocket"), QStringLiteral("ROCKETMAN"), QStringLiteral("café ☕"), QStringLiteral("テクノ"),
                                    QStringLiteral("0% o"), QStringLiteral("c_f"), QStringLiteral("example.com"), QStringLiteral("owner 3")}) {
            for (auto status : {std::optional<OrgStatus>(), std::optional<OrgStatus>(OrgStatus::Verified)}) {
                OrgQuery q = all;
                q.search = term;
                q.status = status;
                const QList<qint64> expected = test::bruteForceSearch(rows, term, status);
                QCOMPARE(repo.count(q).value(), qint64(expected.size()));
                QList<qint64> ids;
                for (const auto &o : repo.list(q).value())
                    ids << o.id;
                QCOMPARE(ids, expected);
            }
        }
        if (engine == QLatin1String("sqlite")) {
            auto fts = d.exec(QStringLiteral("SELECT rowid FROM organizations_search WHERE organizations_search MATCH "
                                             "'{company_name owner_name owner_email} : \"rocket\"' ORDER BY rowid"));
            QVERIFY(fts.ok());
            QList<qint64> ids;
            while (fts.value().next())
                ids << fts.value().value(0).toLongLong();
            QCOMPARE(ids, (QList<qint64>{rows[0].id, rows[1].id}));
            return;
        }
        auto indexes = d.exec(QStringLiteral("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'organizations' AND indexname LIKE 'organizations_search_%' "
                                             "AND indexdef LIKE '%USING gin%gin_trgm_ops%'"));
        QVERIFY(indexes.ok() && indexes.value().next());
        QCOMPARE(indexes.value().value(0).toInt(), 3);
        indexes.value().finish();
        QVERIFY(d.exec(QStringLiteral("SET enable_seqscan = off")).ok());
        auto plan = d.exec(QStringLiteral("EXPLAIN SELECT COUNT(*) FROM organizations WHERE (lower(company_name) LIKE '%rocket%' ESCAPE '\\' "
                                          "OR lower(owner_email) LIKE '%rocket%' ESCAPE '\\' OR lower(owner_name) LIKE '%rocket%' ESCAPE '\\')"));
        QVERIFY(plan.ok());
        QString text;
        while (plan.value().next())
            text += plan.value().value(0).toString() + QLatin1Char('\n');
        for (const char *index : {"organizations_search_company", "organizations_search_email", "organizations_search_owner"})
            QVERIFY2(text.contains(QLatin1String(index)), qPrintable(text));
        QVERIFY(d.exec(QStringLiteral("RESET enable_seqscan")).ok());
    }

    // A migrating user who may not create pg_trgm (no CREATE on the database, not a superuser): schema 7 still
    // applies, without the indexes; search scans and says so, once, and still finds the same rows.
    void searchWithoutPgTrgmStillMigratesAndScans()
    {
        QFETCH_GLOBAL(QString, engine);
        if (engine != QLatin1String("postgresql"))
            QSKIP("PostgreSQL only: SQLite's FTS5 is part of the library");
        const QString role = QStringLiteral("oc_noext_%1").arg(QCoreApplication::applicationPid());
        {
            auto admin = Database::open(m_db->url()); // the test database, as the cluster's superuser
            QVERIFY(admin.ok());
            QVERIFY(admin.value()->exec(QStringLiteral("CREATE ROLE %1 LOGIN").arg(role)).ok());
            QVERIFY(admin.value()->exec(QStringLiteral("GRANT CREATE ON SCHEMA public TO %1").arg(role)).ok());
        }
        const auto dropRole = [&] {
            m_db.reset(); // the database goes first: it holds the role's tables
            auto url = DatabaseUrl::parse(test::TestDatabase::postgresAdminUrl());
            if (auto admin = Database::open(url.value()); admin.ok())
                (void)admin.value()->exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        };
        DatabaseUrl asRole = m_db->url();
        asRole.user = role;
        {
            auto store = Store::open(asRole);
            QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
            Database &d = store.value()->database();
            QCOMPARE(Migrator(d).currentVersion().value(), 8);
            auto ext = d.exec(QStringLiteral("SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'"));
            QVERIFY(ext.ok() && ext.value().next());
            QCOMPARE(ext.value().value(0).toInt(), 0);
            ext.value().finish();
            QVERIFY(store.value()->organizations().addMany({NewOrganization{QStringLiteral("Acme Rockets"), QStringLiteral("a@acme.example"),
                                                                            QStringLiteral("Wile"), {}, OrgStatus::Pending, {}},
                                                            NewOrganization{QStringLiteral("Zenith"), QStringLiteral("z@zenith.example"),
                                                                            QStringLiteral("Rocket Raccoon"), {}, OrgStatus::Pending, {}}}).ok());
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("search scans the organizations table")));
            OrgQuery q;
            q.search = QStringLiteral("ROCKET");
            QCOMPARE(store.value()->organizations().count(q).value(), 2);
            QCOMPARE(store.value()->organizations().list(q)->size(), 2); // warned once, not again
        }
        dropRole();
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
