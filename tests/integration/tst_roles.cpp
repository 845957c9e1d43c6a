#include "sandbox/sandbox.h"
#include "store/databaseroles.h"
#include "store/dbrole.h"
#include "store/store.h"
#include "vapi/assistanttemplate.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

// PostgreSQL team roles (DatabaseRoles): the database itself refuses what a role may not do — a viewer writes
// nothing, an operator sets up but never cleans up, the audit log is insert-only for all — and orgctl says so
// before it buys anything. Logins alice (viewer), bob (operator), carol (admin) and erin (no role) are made for
// this process (roles are cluster-wide) and dropped at the end; each test has its own database.
class TestRoles : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;
    QString m_suffix;
    int m_served = 0;
    qint64 m_orgId = 0;

    QString login(const char *who) const { return QLatin1String(who) + m_suffix; }

    // Runs `sql` as the server's superuser on its maintenance database (for cluster-wide things: roles).
    static Result<void> asAdmin(const QString &sql)
    {
        auto url = DatabaseUrl::parse(test::TestDatabase::postgresAdminUrl());
        if (!url)
            return url.error();
        auto db = Database::open(url.value());
        if (!db)
            return db.error();
        auto r = db.value()->exec(sql);
        if (!r)
            return r.error();
        return {};
    }

    DatabaseUrl urlAs(const QString &user) const
    {
        DatabaseUrl url = m_db->url();
        url.user = user;
        return url;
    }
    QString urlTextAs(const QString &user) const
    {
        const DatabaseUrl u = urlAs(user);
        return QStringLiteral("postgresql://%1@%2:%3/%4").arg(u.user, u.host).arg(u.port).arg(u.database);
    }

    std::unique_ptr<Store> storeAs(const QString &user)
    {
        auto store = Store::open(urlAs(user));
        if (!store) {
            qWarning() << "opening the store as" << user << "failed:" << store.error().message;
            return nullptr;
        }
        return std::move(store).value();
    }

    qint64 scalar(Store &store, const QString &sql)
    {
        auto q = store.database().exec(sql);
        if (!q || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }

    static QString runInsert(const QString &id, qint64 org, const QString &kind)
    {
        return QStringLiteral("INSERT INTO provisioning_runs (id, organization_id, kind, status, actor, started_at, updated_at) "
                              "VALUES ('%1', %2, '%3', 'running', 'test', 1, 1)").arg(id).arg(org).arg(kind);
    }

    test::OrgctlRun orgctlAs(const QString &user, QStringList args)
    {
        args << QStringLiteral("--database") << urlTextAs(user);
        return test::runOrgctl(QStringLiteral(ORGCTL), args, test::orgctlEnvironment(*m_sandbox, urlTextAs(user), m_home.path()));
    }

    static QString psql()
    {
        QString found = QStandardPaths::findExecutable(QStringLiteral("psql"));
        if (found.isEmpty()) {
            const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            for (const QString &v : versions)
                if (QFile::exists(QStringLiteral("/usr/lib/postgresql/%1/bin/psql").arg(v)))
                    found = QStringLiteral("/usr/lib/postgresql/%1/bin/psql").arg(v);
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (test::TestDatabase::postgresAdminUrl().isEmpty()) {
            if (test::underCi())
                QFAIL("PostgreSQL is required under CI: run through ctest (fixture 'postgres')");
            QSKIP("no PostgreSQL test server: run through ctest (fixture 'postgres') or set ORGCONSOLE_TEST_PG_URL");
        }
        m_suffix = QStringLiteral("_%1").arg(QCoreApplication::applicationPid());
        // The group roles are made by the first migration a superuser runs: make sure they exist.
        QString why;
        auto first = test::TestDatabase::create(QStringLiteral("postgresql"), &why);
        QVERIFY2(first, qPrintable(why));
        auto migrated = Store::open(first->url());
        QVERIFY2(migrated.ok(), qPrintable(migrated.ok() ? QString() : migrated.error().message));
        for (const char *who : {"alice", "bob", "carol", "erin", "dave"})
            QVERIFY(asAdmin(QStringLiteral("CREATE ROLE %1 LOGIN").arg(login(who))).ok());
        QVERIFY(asAdmin(QStringLiteral("GRANT orgconsole_viewer TO %1").arg(login("alice"))).ok());
        QVERIFY(asAdmin(QStringLiteral("GRANT orgconsole_operator TO %1").arg(login("bob"))).ok());
        QVERIFY(asAdmin(QStringLiteral("GRANT orgconsole_admin TO %1").arg(login("carol"))).ok());
    }
    void cleanupTestCase()
    {
        for (const char *who : {"alice", "bob", "carol", "erin", "dave"})
            (void)asAdmin(QStringLiteral("DROP ROLE IF EXISTS %1").arg(login(who)));
    }

    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("postgresql"), &why);
        QVERIFY2(m_db, qPrintable(why));
        auto owner = Store::open(m_db->url()); // migrated by the superuser that owns the tables
        QVERIFY2(owner.ok(), qPrintable(owner.ok() ? QString() : owner.error().message));
        m_orgId = owner.value()->organizations().add({QStringLiteral("Summit Roofing"), QStringLiteral("owner@summit.example"),
                                                      QStringLiteral("Sam Summit"), {}, OrgStatus::Pending, {}}).value();
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        m_served = 0;
        connect(m_sandbox.get(), &sandbox::Sandbox::requestServed, this, [this](const QString &, int) { ++m_served; });
    }
    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void detectsTheAccessOfEachRole()
    {
        const auto check = [&](const QString &user, DbAccess access, const QString &group) {
            auto store = storeAs(user);
            QVERIFY(store);
            QCOMPARE(store->access().name, user);
            QCOMPARE(store->access().access, access);
            QCOMPARE(store->access().groupRole, group);
        };
        check(login("alice"), DbAccess::Viewer, QStringLiteral("orgconsole_viewer"));
        check(login("bob"), DbAccess::Operator, QStringLiteral("orgconsole_operator"));
        check(login("carol"), DbAccess::Admin, QStringLiteral("orgconsole_admin"));
        // No role and no privileges: not even the schema version can be read, and the database says what is missing.
        auto nobody = Store::open(urlAs(login("erin")));
        QVERIFY(!nobody.ok());
        QCOMPARE(nobody.error().kind, Error::Kind::Forbidden);
        QVERIFY2(nobody.error().message.contains(QLatin1String("SELECT on schema_migrations needs orgconsole_viewer")),
                 qPrintable(nobody.error().message));
        // No role but privileges granted directly: what they allow.
        auto owner = Store::open(m_db->url());
        QVERIFY(owner.value()->database().exec(QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA public TO %1").arg(login("erin"))).ok());
        check(login("erin"), DbAccess::Viewer, QString());
        QVERIFY(owner.value()->database().exec(QStringLiteral("GRANT INSERT ON provisioning_runs TO %1").arg(login("erin"))).ok());
        check(login("erin"), DbAccess::Operator, QString());
        QCOMPARE(storeAs(login("erin"))->access().basis, QStringLiteral("no OrgConsole role; by its table privileges"));
        QCOMPARE(owner.value()->access().access, DbAccess::Admin);
        QCOMPARE(owner.value()->access().basis, QStringLiteral("superuser"));

        auto alice = storeAs(login("alice"));
        QVERIFY(alice->access().may(DbAction::Read));
        QVERIFY(!alice->access().may(DbAction::Approve));
        QCOMPARE(alice->access().whyNot(DbAction::Approve),
                 QStringLiteral("your database role %1 (orgconsole_viewer) may only read: approving needs orgconsole_operator "
                                "(ask an admin: GRANT orgconsole_operator TO %1)").arg(login("alice")));
        auto bob = storeAs(login("bob"));
        QVERIFY(bob->access().may(DbAction::Retry));
        QVERIFY(!bob->access().may(DbAction::Cleanup));
        QVERIFY(!bob->access().may(DbAction::ReleaseOrphans));
        QCOMPARE(bob->access().require(DbAction::Cleanup).error().kind, Error::Kind::Forbidden);
    }

    void viewerCannotWriteAndTheDatabaseSaysWhy()
    {
        auto alice = storeAs(login("alice"));
        QVERIFY(alice);
        QCOMPARE(alice->organizations().find(m_orgId)->companyName, QStringLiteral("Summit Roofing")); // reads
        auto inserted = alice->database().exec(runInsert(QStringLiteral("r-viewer"), m_orgId, QStringLiteral("approve")));
        QVERIFY(!inserted.ok());
        QCOMPARE(inserted.error().kind, Error::Kind::Forbidden);
        const QString message = inserted.error().message;
        QVERIFY2(message.contains(QLatin1String("the database refused it: permission denied for table provisioning_runs")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("INSERT on provisioning_runs needs orgconsole_operator")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("connected as %1").arg(login("alice"))), qPrintable(message));
        auto verified = alice->organizations().setStatus(m_orgId, OrgStatus::Verified, OrgStatus::Pending);
        QVERIFY(!verified.ok());
        QCOMPARE(verified.error().kind, Error::Kind::Forbidden);
        AuditRecord a;
        a.actor = QStringLiteral("alice");
        a.action = QStringLiteral("org.note");
        a.outcome = QStringLiteral("ok");
        QCOMPARE(alice->audit().append(a).error().kind, Error::Kind::Forbidden);
    }

    void viewerApprovingWithOrgctlBuysNothing()
    {
        const auto r = orgctlAs(login("alice"), {QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"),
                                                 QStringLiteral("510")});
        QVERIFY2(r.code == 1, (r.err + r.out).constData());
        const QList<QByteArray> lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1); // one clear line
        QCOMPARE(QString::fromUtf8(lines.first()),
                 QStringLiteral("orgctl: your database role %1 (orgconsole_viewer) may only read: approving needs orgconsole_operator "
                                "(ask an admin: GRANT orgconsole_operator TO %1)").arg(login("alice")));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("success")).toBool(true), false);
        QCOMPARE(m_served, 0); // no vendor was called
        auto owner = Store::open(m_db->url());
        QCOMPARE(owner.value()->runs().forOrganization(m_orgId)->size(), 0);
        QCOMPARE(owner.value()->organizations().find(m_orgId)->status, OrgStatus::Pending);
        // And as the operator it goes through: the database lets bob do all of it.
        const auto approved = orgctlAs(login("bob"), {QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"),
                                                      QStringLiteral("510")});
        QVERIFY2(approved.code == 0, approved.err.constData());
        QCOMPARE(owner.value()->runs().forOrganization(m_orgId)->size(), 1);
        QVERIFY(owner.value()->aiConfigs().findByOrganization(m_orgId)->setupCompleted);
    }

    void operatorSetsUpButTheDatabaseRefusesItsCleanup()
    {
        auto bob = storeAs(login("bob"));
        QVERIFY(bob);
        QVERIFY(bob->database().exec(runInsert(QStringLiteral("r-approve"), m_orgId, QStringLiteral("approve"))).ok());
        QVERIFY(bob->database().exec(QStringLiteral("UPDATE provisioning_runs SET status = 'succeeded' WHERE id = 'r-approve'")).ok());
        auto cleanup = bob->database().exec(runInsert(QStringLiteral("r-cleanup"), m_orgId, QStringLiteral("cleanup")));
        QVERIFY(!cleanup.ok());
        QCOMPARE(cleanup.error().kind, Error::Kind::Forbidden);
        QVERIFY2(cleanup.error().message.contains(QLatin1String("row-level security")), qPrintable(cleanup.error().message));
        QVERIFY2(cleanup.error().message.contains(QLatin1String("only orgconsole_admin may start or change cleanup and orphan-release runs")),
                 qPrintable(cleanup.error().message));
        QVERIFY(!bob->database().exec(runInsert(QStringLiteral("r-orphans"), m_orgId, QStringLiteral("orphans"))).ok());
        // Nor can a setup run be turned into one.
        auto turned = bob->database().exec(QStringLiteral("UPDATE provisioning_runs SET kind = 'cleanup' WHERE id = 'r-approve'"));
        QCOMPARE(turned.error().kind, Error::Kind::Forbidden);

        // What cleanup writes to a configuration — deleting it, or keeping it marked inactive — is refused too.
        auto owner = Store::open(m_db->url());
        AiConfig config;
        config.organizationId = m_orgId;
        config.number = QStringLiteral("+15105550100");
        config.phoneNumberSid = QStringLiteral("PN0123456789abcdef0123456789abcdef");
        config.setupCompleted = true;
        QVERIFY(owner.value()->aiConfigs().insert(config).ok());
        QCOMPARE(bob->aiConfigs().removeForOrganization(m_orgId).error().kind, Error::Kind::Forbidden);
        config.status = AiConfigStatus::Inactive;
        QCOMPARE(bob->aiConfigs().update(config).error().kind, Error::Kind::Forbidden);
        config.status = AiConfigStatus::Active;
        QVERIFY(bob->aiConfigs().update(config).ok()); // a setup's own update goes through

        // The admin may: cleanup runs, and the configuration.
        auto carol = storeAs(login("carol"));
        QVERIFY(carol->database().exec(runInsert(QStringLiteral("r-admin-cleanup"), m_orgId, QStringLiteral("cleanup"))).ok());
        config.status = AiConfigStatus::Inactive;
        QVERIFY(carol->aiConfigs().update(config).ok());
        QVERIFY(carol->aiConfigs().removeForOrganization(m_orgId).ok());
    }

    void operatorCleaningUpWithOrgctlIsRefusedFirst()
    {
        auto owner = Store::open(m_db->url());
        AiConfig config;
        config.organizationId = m_orgId;
        config.number = QStringLiteral("+15105550100");
        config.phoneNumberSid = QStringLiteral("PN0123456789abcdef0123456789abcdef");
        config.setupCompleted = true;
        QVERIFY(owner.value()->aiConfigs().insert(config).ok());
        const QString refusal = QStringLiteral("your database role %1 (orgconsole_operator) may approve and retry, not clean up or "
                                               "release orphans: %2 needs orgconsole_admin (ask an admin: GRANT orgconsole_admin TO %1)");
        const auto r = orgctlAs(login("bob"), {QStringLiteral("cleanup"), QString::number(m_orgId)});
        QVERIFY2(r.code == 1, (r.err + r.out).constData());
        QCOMPARE(QString::fromUtf8(r.err.trimmed()), QStringLiteral("orgctl: ") + refusal.arg(login("bob"), QStringLiteral("cleaning up")));
        const auto orphans = orgctlAs(login("bob"), {QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")});
        QCOMPARE(orphans.code, 1);
        QCOMPARE(QString::fromUtf8(orphans.err.trimmed()), QStringLiteral("orgctl: ") + refusal.arg(login("bob"), QStringLiteral("releasing orphans")));
        const auto token = orgctlAs(login("bob"), {QStringLiteral("token"), QStringLiteral("create"), QStringLiteral("--name"),
                                                   QStringLiteral("ci"), QStringLiteral("--role"), QStringLiteral("viewer")});
        QCOMPARE(token.code, 1);
        QVERIFY2(token.err.contains("creating or revoking service tokens needs orgconsole_admin"), token.err.constData());
        QCOMPARE(m_served, 0);
        QCOMPARE(owner.value()->runs().forOrganization(m_orgId)->size(), 0);
        QCOMPARE(owner.value()->aiConfigs().findByOrganization(m_orgId)->status, AiConfigStatus::Active);
        QCOMPARE(owner.value()->tokens().list()->size(), 0);
        // Listing orphans only reads: allowed.
        QCOMPARE(orgctlAs(login("bob"), {QStringLiteral("orphans")}).code, 0);
    }

    // Issue 13: an operator saves and rolls out assistant templates; a viewer may list them, nothing more —
    // refused by orgctl before any vendor call, and by the database itself.
    void operatorRollsOutAssistantsAViewerCannot()
    {
        const auto approved = orgctlAs(login("bob"), {QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")});
        QVERIFY2(approved.code == 0, approved.err.constData());
        const QString file = m_home.filePath(QStringLiteral("v2.json"));
        AssistantTemplate v2;
        v2.firstMessage = QStringLiteral("Version two of {orgName}.");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(v2.toJson()).toJson());
        }
        QCOMPARE(orgctlAs(login("bob"), {QStringLiteral("assistants"), QStringLiteral("save"), file}).code, 0);
        const auto rolled = orgctlAs(login("bob"), {QStringLiteral("assistants"), QStringLiteral("rollout"), QStringLiteral("--version"), QStringLiteral("2")});
        QVERIFY2(rolled.code == 0, (rolled.err + rolled.out).constData());
        auto owner = Store::open(m_db->url());
        QCOMPARE(owner.value()->aiConfigs().findByOrganization(m_orgId)->assistantVersion, 2);

        const int served = m_served;
        const auto saved = orgctlAs(login("alice"), {QStringLiteral("assistants"), QStringLiteral("save"), file});
        QCOMPARE(saved.code, 1);
        QVERIFY2(saved.err.contains("saving or rolling out an assistant template needs orgconsole_operator"), saved.err.constData());
        const auto back = orgctlAs(login("alice"), {QStringLiteral("assistants"), QStringLiteral("rollout"), QStringLiteral("--version"), QStringLiteral("1")});
        QCOMPARE(back.code, 1);
        QVERIFY2(back.err.contains("saving or rolling out an assistant template needs orgconsole_operator"), back.err.constData());
        QCOMPARE(m_served, served);
        QCOMPARE(orgctlAs(login("alice"), {QStringLiteral("assistants"), QStringLiteral("list")}).code, 0);
        auto alice = storeAs(login("alice"));
        QVERIFY(alice);
        auto written = alice->database().exec(QStringLiteral("INSERT INTO assistant_templates (version, body, note, created_by, created_at) "
                                                             "VALUES (9, '{}', '', 'alice', 1)"));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().kind, Error::Kind::Forbidden);
        QCOMPARE(owner.value()->aiConfigs().findByOrganization(m_orgId)->assistantVersion, 2);
        QCOMPARE(owner.value()->assistantTemplates().list()->size(), 2);
    }

    void auditLogIsInsertOnlyEvenForTheAdmin()
    {
        auto carol = storeAs(login("carol"));
        QVERIFY(carol);
        AuditRecord a;
        a.actor = QStringLiteral("carol");
        a.action = QStringLiteral("org.note");
        a.outcome = QStringLiteral("ok");
        QVERIFY(carol->audit().append(a).ok());
        for (const QString &sql : {QStringLiteral("UPDATE audit_log SET outcome = 'forged'"), QStringLiteral("DELETE FROM audit_log"),
                                   QStringLiteral("TRUNCATE audit_log")}) {
            auto changed = carol->database().exec(sql);
            QVERIFY2(!changed.ok(), qPrintable(sql));
            QCOMPARE(changed.error().kind, Error::Kind::Forbidden);
        }
        auto update = carol->database().exec(QStringLiteral("UPDATE audit_log SET outcome = 'forged'"));
        QVERIFY2(update.error().message.contains(QLatin1String("the audit log is append-only: no role may UPDATE it")),
                 qPrintable(update.error().message));
        // The owner is refused by the trigger.
        auto owner = Store::open(m_db->url());
        QVERIFY(!owner.value()->database().exec(QStringLiteral("DELETE FROM audit_log")).ok());
        QCOMPARE(scalar(*owner.value(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE outcome = 'ok'")), 1);
    }

    void auditRecordsTheDatabaseRoleWhateverTheWriterSends()
    {
        auto bob = storeAs(login("bob"));
        AuditRecord a;
        a.actor = QStringLiteral("someone@laptop");
        a.action = QStringLiteral("org.note");
        a.outcome = QStringLiteral("ok");
        QVERIFY(bob->audit().append(a).ok());
        QVERIFY(bob->database().exec(QStringLiteral("INSERT INTO audit_log (at, actor, action, outcome, db_role) "
                                                    "VALUES (2, 'x', 'org.forged', 'ok', 'postgres')")).ok());
        auto owner = Store::open(m_db->url());
        QVERIFY(owner.value()->audit().append(a).ok());
        auto records = owner.value()->audit().list({});
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 3);
        QStringList roles;
        for (const AuditRecord &r : records.value())
            roles << r.dbRole;
        roles.sort();
        QStringList expected{login("bob"), login("bob"), owner.value()->database().user()};
        expected.sort();
        QCOMPARE(roles, expected);
    }

    void dbRoleSaysWhoWeAreAndWhatWeMayDo()
    {
        const auto r = orgctlAs(login("bob"), {QStringLiteral("db"), QStringLiteral("role"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("user")).toString(), login("bob"));
        QCOMPARE(o.value(QStringLiteral("access")).toString(), QStringLiteral("operator"));
        QCOMPARE(o.value(QStringLiteral("role")).toString(), QStringLiteral("orgconsole_operator"));
        QCOMPARE(o.value(QStringLiteral("may")).toVariant().toStringList(),
                 (QStringList{QStringLiteral("read"), QStringLiteral("approve"), QStringLiteral("retry"), QStringLiteral("update-assistants")}));
        QCOMPARE(o.value(QStringLiteral("mayNot")).toArray().size(), 3);
        const auto text = orgctlAs(login("alice"), {QStringLiteral("db"), QStringLiteral("role")});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.startsWith(QStringLiteral("%1: viewer (member of orgconsole_viewer)\nmay: read\n").arg(login("alice")).toUtf8()),
                 text.out.constData());
    }

    // What `orgctl db roles --print` prints is what an admin runs by hand: it applies cleanly, and again, to a
    // database migrated by a user who may not create roles — and then the roles work there.
    void printedRolesApplyCleanlyAndAgain()
    {
        const QString psqlPath = psql();
        if (psqlPath.isEmpty()) {
            if (test::underCi())
                QFAIL("psql is required under CI (apt-get install postgresql-client)");
            QSKIP("psql not found");
        }
        const QString database = m_db->url().database + QStringLiteral("_dave");
        QVERIFY(asAdmin(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(database, login("dave"))).ok());
        const auto dropDatabase = qScopeGuard([&] { (void)asAdmin(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(database)); });
        DatabaseUrl daveUrl = urlAs(login("dave"));
        daveUrl.database = database;
        {
            auto dave = Store::open(daveUrl); // no superuser, no CREATEROLE: migrates all the same
            QVERIFY2(dave.ok(), qPrintable(dave.ok() ? QString() : dave.error().message));
            QCOMPARE(dave.value()->access().access, DbAccess::Admin);
            QCOMPARE(dave.value()->access().basis, QStringLiteral("owner of the tables"));
        }
        const auto printed = test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("db"), QStringLiteral("roles"), QStringLiteral("--print")},
                                             QProcessEnvironment::systemEnvironment());
        QCOMPARE(printed.code, 0);
        QCOMPARE(QString::fromUtf8(printed.out), DatabaseRoles::script());
        DatabaseUrl superUrl = m_db->url();
        const QString connection = QStringLiteral("postgresql://%1@%2:%3/%4").arg(superUrl.user, superUrl.host).arg(superUrl.port).arg(database);
        for (int round = 0; round < 2; ++round) {
            QProcess p;
            p.start(psqlPath, {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                               QStringLiteral("-d"), connection, QStringLiteral("-f"), QStringLiteral("-")});
            QVERIFY(p.waitForStarted());
            p.write(printed.out);
            p.closeWriteChannel();
            QVERIFY(p.waitForFinished(60000));
            const QByteArray errors = p.readAllStandardError();
            QVERIFY2(p.exitCode() == 0 && !errors.contains("ERROR"), errors.constData());
        }
        DatabaseUrl aliceUrl = daveUrl;
        aliceUrl.user = login("alice");
        auto alice = Store::open(aliceUrl);
        QVERIFY(alice.ok());
        QCOMPARE(alice.value()->database().exec(QStringLiteral("INSERT INTO organizations (company_name, owner_email, created_at, updated_at) "
                                                               "VALUES ('x', 'x@example.com', 1, 1)")).error().kind,
                 Error::Kind::Forbidden);
        DatabaseUrl carolUrl = daveUrl;
        carolUrl.user = login("carol");
        auto carol = Store::open(carolUrl);
        QVERIFY(carol.ok());
        QVERIFY(carol.value()->database().exec(QStringLiteral("INSERT INTO organizations (company_name, owner_email, created_at, updated_at) "
                                                              "VALUES ('x', 'x@example.com', 1, 1)")).ok());
        QVERIFY(carol.value()->database().exec(runInsert(QStringLiteral("r1"), 1, QStringLiteral("cleanup"))).ok());
        QCOMPARE(scalar(*carol.value(), QStringLiteral("SELECT COUNT(*) FROM pg_policies WHERE tablename IN ('provisioning_runs', 'ai_configs')")), 8);
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
