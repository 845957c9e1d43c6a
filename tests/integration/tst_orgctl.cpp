#include "store/store.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

// orgctl as users run it: a child process, its exit code, stdout and stderr — on SQLite and PostgreSQL.
class TestOrgctl : public QObject
{
    Q_OBJECT

private:
    struct Run {
        int code = -1;
        QString out;
        QString err;
    };

    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_home;

    Run orgctl(QStringList args, bool withDatabase = true)
    {
        if (withDatabase)
            args << QStringLiteral("--database") << m_db->urlText();
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path()); // no settings or default database of the machine's user
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("ORGCONSOLE_DATABASE"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORGCTL), args);
        Run r;
        if (!p.waitForFinished(120000))
            return r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    qint64 organizationCount()
    {
        auto store = Store::open(m_db->url());
        return store ? store.value()->organizations().count({}).value() : -1;
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
    }
    void cleanup() { m_db.reset(); }

    void helpAndVersionSayWhatItIs()
    {
        const Run help = orgctl({QStringLiteral("--help")}, false);
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(QLatin1String("Usage: orgctl <command>")));
        for (const char *command : {"orgs", "org add", "org show", "demo-seed"})
            QVERIFY2(help.out.contains(QLatin1String(command)), command);
        const Run version = orgctl({QStringLiteral("--version")}, false);
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("orgctl " ORGCONSOLE_VERSION));
        const Run subHelp = orgctl({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--help")}, false);
        QCOMPARE(subHelp.code, 0);
        QVERIFY(subHelp.out.contains(QLatin1String("--owner-email")));
    }

    // The man page is generated from these: orgctl --help lists every command, each answers --help with its usage
    // line and a description, and says nothing about the "args" placeholder or the binary's path.
    void everyCommandHasHelp()
    {
        const Run help = orgctl({QStringLiteral("--help")}, false);
        const QStringList commands{QStringLiteral("orgs"), QStringLiteral("org add"), QStringLiteral("org show"),
                                   QStringLiteral("demo-seed"), QStringLiteral("approve"), QStringLiteral("retry"),
                                   QStringLiteral("cleanup"), QStringLiteral("recover"), QStringLiteral("orphans"),
                                   QStringLiteral("check-config"), QStringLiteral("status"), QStringLiteral("runs"),
                                   QStringLiteral("sandbox"), QStringLiteral("mail preview"), QStringLiteral("db roles")};
        for (const QString &command : commands) {
            QVERIFY2(help.out.contains(QLatin1String("\n  ") + command + QLatin1Char(' ')), qPrintable(command));
            QStringList args = command.split(QLatin1Char(' '));
            args << QStringLiteral("--help");
            const Run sub = orgctl(args, false);
            QVERIFY2(sub.code == 0, qPrintable(command + QLatin1String(": ") + sub.err));
            const QStringList lines = sub.out.split(QLatin1Char('\n'));
            QVERIFY2(lines.value(0).startsWith(QLatin1String("Usage: orgctl ") + command.section(QLatin1Char(' '), 0, 0)),
                     qPrintable(lines.value(0)));
            QVERIFY2(!lines.value(1).trimmed().isEmpty(), qPrintable(command + QLatin1String(" has no description")));
            QVERIFY2(!sub.out.contains(QLatin1String("Arguments:")) && !sub.out.contains(QLatin1String(ORGCTL)),
                     qPrintable(sub.out));
            // orgctl help CMD is the same as orgctl CMD --help
            QCOMPARE(orgctl(QStringList{QStringLiteral("help")} + command.split(QLatin1Char(' ')), false).out, sub.out);
        }
        const Run org = orgctl({QStringLiteral("org"), QStringLiteral("--help")}, false);
        QCOMPARE(org.code, 0);
        QVERIFY(org.out.contains(QLatin1String("add")) && org.out.contains(QLatin1String("show")));
        QCOMPARE(orgctl({QStringLiteral("org")}, false).code, 2);
        QCOMPARE(orgctl({QStringLiteral("nonsense"), QStringLiteral("--help")}, false).code, 2);
    }

    void addPrintsTheIdAndShowFindsTheRecord()
    {
        const QString name = QStringLiteral("Zürich Bäckerei <GmbH> 🥨");
        const Run add = orgctl({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), name,
                                QStringLiteral("--owner-email"), QStringLiteral("anna@baeckerei.ch"), QStringLiteral("--owner-name"),
                                QStringLiteral("Anna Müller")});
        QVERIFY2(add.code == 0, qPrintable(add.err));
        bool numeric = false;
        const qint64 id = add.out.trimmed().toLongLong(&numeric);
        QVERIFY2(numeric && id > 0, qPrintable(add.out));

        const Run show = orgctl({QStringLiteral("org"), QStringLiteral("show"), QString::number(id), QStringLiteral("--json")});
        QCOMPARE(show.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(show.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("id")).toString(), QString::number(id));
        QCOMPARE(o.value(QStringLiteral("companyName")).toString(), name);
        QCOMPARE(o.value(QStringLiteral("ownerName")).toString(), QStringLiteral("Anna Müller"));
        QCOMPARE(o.value(QStringLiteral("ownerEmail")).toString(), QStringLiteral("anna@baeckerei.ch"));
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(o.value(QStringLiteral("isVerified")).toBool(true), false);

        const Run text = orgctl({QStringLiteral("org"), QStringLiteral("show"), QString::number(id)});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains(name));
        QVERIFY(text.out.contains(QLatin1String("status:       pending")));

        auto store = Store::open(m_db->url());
        auto audit = store.value()->audit().list({});
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->first().action, QStringLiteral("org.add"));
        QCOMPARE(audit->first().organizationId, std::optional<qint64>(id));
        QVERIFY(!audit->first().actor.isEmpty());
    }

    void addWithJsonPrintsTheRecord()
    {
        const Run add = orgctl({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Acme"),
                                QStringLiteral("--owner-email"), QStringLiteral("a@acme.com"), QStringLiteral("--json")});
        QCOMPARE(add.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(add.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("companyName")).toString(), QStringLiteral("Acme"));
        QVERIFY(!o.value(QStringLiteral("id")).toString().isEmpty());
        QVERIFY(!o.value(QStringLiteral("createdAt")).toString().isEmpty());
    }

    void orgsFiltersBySearchAndStatus()
    {
        for (const char *n : {"Bayview Dental", "Summit Roofing", "Bayview Bakery"})
            QCOMPARE(orgctl({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QLatin1String(n),
                             QStringLiteral("--owner-email"), QStringLiteral("o@x.com")}).code, 0);
        const Run all = orgctl({QStringLiteral("orgs"), QStringLiteral("--json")});
        QCOMPARE(all.code, 0);
        QCOMPARE(QJsonDocument::fromJson(all.out.toUtf8()).array().size(), 3);
        const Run found = orgctl({QStringLiteral("orgs"), QStringLiteral("--search"), QStringLiteral("bayview"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(found.out.toUtf8()).array().size(), 2);
        const Run verified = orgctl({QStringLiteral("orgs"), QStringLiteral("--status"), QStringLiteral("verified"), QStringLiteral("--json")});
        QCOMPARE(verified.code, 0);
        QCOMPARE(QJsonDocument::fromJson(verified.out.toUtf8()).array().size(), 0);
        const Run table = orgctl({QStringLiteral("orgs")});
        QVERIFY(table.out.startsWith(QLatin1String("ID ")));
        QCOMPARE(table.out.count(QLatin1Char('\n')), 4);
    }

    void badInputFailsWithOneClearLineAndWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString add = QStringLiteral("add");
        QTest::newRow("unknown id") << QStringList{QStringLiteral("org"), QStringLiteral("show"), QStringLiteral("999999")}
                                    << QStringLiteral("no organization with id 999999");
        QTest::newRow("id not a number") << QStringList{QStringLiteral("org"), QStringLiteral("show"), QStringLiteral("abc")}
                                         << QStringLiteral("is not an organization id");
        QTest::newRow("malformed e-mail") << QStringList{QStringLiteral("org"), add, QStringLiteral("--name"), QStringLiteral("Acme"),
                                                         QStringLiteral("--owner-email"), QStringLiteral("not-an-address")}
                                          << QStringLiteral("not a valid address");
        QTest::newRow("empty name") << QStringList{QStringLiteral("org"), add, QStringLiteral("--name"), QString(),
                                                   QStringLiteral("--owner-email"), QStringLiteral("a@b.com")}
                                    << QStringLiteral("company name is empty");
        QTest::newRow("CR LF in name") << QStringList{QStringLiteral("org"), add, QStringLiteral("--name"), QStringLiteral("A\r\nB"),
                                                      QStringLiteral("--owner-email"), QStringLiteral("a@b.com")}
                                       << QStringLiteral("line break");
        QTest::newRow("10k name") << QStringList{QStringLiteral("org"), add, QStringLiteral("--name"), QString(10000, QLatin1Char('x')),
                                                 QStringLiteral("--owner-email"), QStringLiteral("a@b.com")}
                                  << QStringLiteral("at most 200");
        QTest::newRow("missing e-mail") << QStringList{QStringLiteral("org"), add, QStringLiteral("--name"), QStringLiteral("Acme")}
                                        << QStringLiteral("needs --name and --owner-email");
        QTest::newRow("unknown status") << QStringList{QStringLiteral("orgs"), QStringLiteral("--status"), QStringLiteral("happy")}
                                        << QStringLiteral("unknown status \"happy\"");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("unknown command");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("orgs"), QStringLiteral("--colour")} << QStringLiteral("Unknown option");
        QTest::newRow("bad count") << QStringList{QStringLiteral("demo-seed"), QStringLiteral("--count"), QStringLiteral("-5")}
                                   << QStringLiteral("--count takes a number");
    }

    void badInputFailsWithOneClearLineAndWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QCOMPARE(orgctl({QStringLiteral("org"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("Existing"),
                         QStringLiteral("--owner-email"), QStringLiteral("e@x.com")}).code, 0);
        const Run r = orgctl(args);
        QVERIFY(r.code != 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.startsWith(QLatin1String("orgctl: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(!r.err.contains(QLatin1Char('\r')), "the message must not carry the input's line breaks");
        QCOMPARE(organizationCount(), 1);
    }

    void unreachableDatabaseFailsClearly()
    {
        const Run r = orgctl({QStringLiteral("orgs"), QStringLiteral("--database"), QStringLiteral("postgresql://nobody@127.0.0.1:1/none")},
                             false);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith(QLatin1String("orgctl: cannot open the database postgresql://nobody@127.0.0.1:1/none")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void demoSeedFillsTheDatabaseWithRealisticOrganizations()
    {
        const Run r = orgctl({QStringLiteral("demo-seed"), QStringLiteral("--count"), QStringLiteral("1500"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("seeded")).toInt(), 1500);
        QCOMPARE(organizationCount(), 1500);
        auto store = Store::open(m_db->url());
        OrgQuery q;
        q.limit = 2000;
        bool unicode = false;
        for (const auto &o : store.value()->organizations().list(q).value())
            unicode |= std::any_of(o.companyName.begin(), o.companyName.end(), [](QChar c) { return c.unicode() > 0x7f; });
        QVERIFY(unicode);
    }
};

QTEST_GUILESS_MAIN(TestOrgctl)
#include "tst_orgctl.moc"
