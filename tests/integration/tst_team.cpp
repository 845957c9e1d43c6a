#include "sandbox/sandbox.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace oc;

// Team mode on the real servers: approvals queued by one process, drained by several `orgctl worker`
// processes — one SIGKILLed and one SIGTERMed mid-way, a fresh one joining — watched by `orgctl watch`.
// The sandbox's ledger (what the vendors hold) must match the saved configurations exactly.
class TestTeam : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;

    bool freshDatabase(const QString &engine)
    {
        QString why;
        m_db = test::TestDatabase::create(engine, &why);
        if (!m_db) {
            if (test::underCi())
                qFatal("%s is required under CI: %s", qPrintable(engine), qPrintable(why));
            return false;
        }
        return true;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path());
        env.insert(QStringLiteral("ORGCONSOLE_WORKER_POLL_MS"), QStringLiteral("100"));
        return env;
    }

    QList<qint64> addOrganizations(int n, const QString &prefix)
    {
        auto store = Store::open(m_db->url());
        QList<qint64> ids;
        for (int i = 0; i < n; ++i)
            ids << store.value()->organizations().add({QStringLiteral("%1 %2 Dental").arg(prefix).arg(i),
                                                        QStringLiteral("o%1@%2.example").arg(i).arg(prefix.toLower()), {}, {},
                                                        OrgStatus::Pending, {}}).value();
        return ids;
    }

    std::unique_ptr<QProcess> start(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(environment());
        p->start(QStringLiteral(ORGCTL), args);
        p->waitForStarted();
        return p;
    }

    qint64 scalar(const QString &sql)
    {
        auto store = Store::open(m_db->url());
        auto q = store.value()->database().exec(sql);
        if (!q || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }

    QStringList queue(const QList<qint64> &ids)
    {
        QStringList args{QStringLiteral("approve")};
        for (qint64 id : ids)
            args << QString::number(id);
        args << QStringLiteral("--area-code") << QStringLiteral("510") << QStringLiteral("--queue") << QStringLiteral("--json");
        const test::OrgctlRun queued = test::runOrgctl(QStringLiteral(ORGCTL), args, environment());
        if (queued.code != 0)
            qWarning("%s", queued.err.constData());
        QStringList runIds;
        for (const QJsonValue &r : QJsonDocument::fromJson(queued.out).object().value(QStringLiteral("results")).toArray())
            runIds << r.toObject().value(QStringLiteral("runId")).toString();
        return runIds;
    }

    // What the vendors hold is exactly what the configurations reference: nothing leaked, nothing lost.
    void verifyLedgerMatchesConfigurations(int setups)
    {
        auto store = Store::open(m_db->url());
        auto configs = store.value()->aiConfigs().all();
        QVERIFY(configs.ok());
        QSet<QString> numbers, assistants, phones;
        int complete = 0;
        for (const AiConfig &c : configs.value()) {
            complete += c.setupCompleted ? 1 : 0;
            numbers << c.phoneNumberSid;
            assistants << c.inboundAssistantId << c.outboundAssistantId;
            phones << c.vapiPhoneNumberId;
        }
        QCOMPARE(complete, setups);
        const QJsonObject ledger = m_sandbox->ledger();
        QSet<QString> ledgerNumbers, ledgerAssistants, ledgerPhones;
        for (const QJsonValue &n : ledger.value(QStringLiteral("numbers")).toArray())
            ledgerNumbers << n.toObject().value(QStringLiteral("sid")).toString();
        for (const QJsonValue &a : ledger.value(QStringLiteral("assistants")).toArray())
            ledgerAssistants << a.toObject().value(QStringLiteral("id")).toString();
        for (const QJsonValue &p : ledger.value(QStringLiteral("phoneNumbers")).toArray())
            ledgerPhones << p.toObject().value(QStringLiteral("id")).toString();
        QCOMPARE(ledgerNumbers, numbers);
        QCOMPARE(ledgerAssistants, assistants);
        QCOMPARE(ledgerPhones, phones);
        QCOMPARE(int(ledgerNumbers.size()), setups);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_home.isValid()); }

    void init()
    {
        sandbox::SandboxConfig config;
        config.profile = sandbox::LatencyProfile::Seed;
        config.scale = 0.02; // ~200 ms per setup: kills land mid-run
        m_sandbox = std::make_unique<sandbox::Sandbox>(config);
        QVERIFY(m_sandbox->start().ok());
    }

    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void sixtyQueuedApprovalsSurviveWorkersKilledStoppedAndJoining()
    {
        if (!freshDatabase(QStringLiteral("postgresql")))
            QSKIP("PostgreSQL is not available");
        const QList<qint64> orgs = addOrganizations(60, QStringLiteral("Team"));
        auto watch = start({QStringLiteral("watch"), QStringLiteral("--json")});
        QByteArray watched;
        connect(watch.get(), &QProcess::readyReadStandardOutput, this, [&] { watched += watch->readAllStandardOutput(); });
        QTRY_VERIFY_WITH_TIMEOUT(watched.contains("\"event\":\"live\""), 20000);

        const QStringList runIds = queue(orgs);
        QCOMPARE(runIds.size(), 60);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'queued'")), 60);
        QCOMPARE(m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().size(), 0); // queuing buys nothing

        const QString succeeded = QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'succeeded'");
        auto killed = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("3")});
        auto stopped = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("3")});
        auto steady = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("3")});

        // SIGKILL one while it holds runs: its runs are taken over at once (same host, process gone).
        QTRY_VERIFY_WITH_TIMEOUT(scalar(succeeded) >= 10, 120000);
        QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'running' AND lease_owner LIKE '%/%1/%'")
                                            .arg(killed->processId())) > 0, 60000);
        ::kill(pid_t(killed->processId()), SIGKILL);
        QVERIFY(killed->waitForFinished(10000));
        QCOMPARE(killed->exitStatus(), QProcess::CrashExit);

        // SIGTERM another: it claims no more, finishes what it holds, exits 0.
        QTRY_VERIFY_WITH_TIMEOUT(scalar(succeeded) >= 25, 120000);
        ::kill(pid_t(stopped->processId()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(stopped->state() == QProcess::NotRunning, 60000);
        QCOMPARE(stopped->exitStatus(), QProcess::NormalExit);
        QCOMPARE(stopped->exitCode(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status IN ('running','compensating') AND lease_owner LIKE '%/%1/%'")
                            .arg(stopped->processId())), 0);

        // A fresh worker joins.
        auto joining = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("3")});
        QTRY_VERIFY_WITH_TIMEOUT(scalar(succeeded) == 60, 240000);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs")), 60); // one run each, none restarted
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status <> 'succeeded'")), 0);
        verifyLedgerMatchesConfigurations(60);
        // The killed worker's runs were finished by the others: their epoch moved past the first claim.
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE lease_epoch > 1")) > 0);

        // The watcher, another process, saw every run end.
        QTRY_VERIFY_WITH_TIMEOUT(watched.count("\"status\":\"succeeded\"") >= 60, 20000);
        QSet<QString> ended;
        for (const QByteArray &line : watched.split('\n')) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            if (!e.contains(QStringLiteral("step")) && e.value(QStringLiteral("status")).toString() == QLatin1String("succeeded"))
                ended << e.value(QStringLiteral("run")).toString();
        }
        QCOMPARE(ended, QSet<QString>(runIds.begin(), runIds.end()));
        QVERIFY(watched.contains("\"step\":\"buy_number\""));

        for (auto *p : {steady.get(), joining.get(), watch.get()}) {
            ::kill(pid_t(p->processId()), SIGTERM);
            QVERIFY(p->waitForFinished(30000));
        }
        QCOMPARE(steady->exitCode(), 0);
        QCOMPARE(joining->exitCode(), 0);
    }

    void queuedRunsCancelAndCancelRequestsAreHonoured_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgresql") << QStringLiteral("postgresql");
    }

    void queuedRunsCancelAndCancelRequestsAreHonoured()
    {
        QFETCH(QString, engine);
        if (!freshDatabase(engine))
            QSKIP("the database is not available");
        const QList<qint64> orgs = addOrganizations(2, QStringLiteral("Cancel"));

        // Queued: canceled at once, nothing bought; `orgctl queue` no longer lists it.
        const QStringList first = queue({orgs.at(0)});
        QCOMPARE(first.size(), 1);
        test::OrgctlRun listed = test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("queue"), QStringLiteral("--json")}, environment());
        QCOMPARE(listed.code, 0);
        QCOMPARE(QJsonDocument::fromJson(listed.out).object().value(QStringLiteral("queued")).toInt(), 1);
        test::OrgctlRun canceled = test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("cancel"), first.at(0), QStringLiteral("--json")}, environment());
        QCOMPARE(canceled.code, 0);
        QCOMPARE(QJsonDocument::fromJson(canceled.out).object().value(QStringLiteral("result")).toString(), QStringLiteral("canceled"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'canceled'")), 1);
        // Queuing the same organization again works now; twice does not.
        const QStringList second = queue({orgs.at(0)});
        QCOMPARE(second.size(), 1);
        test::OrgctlRun again = test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("approve"), QString::number(orgs.at(0)), QStringLiteral("--queue")}, environment());
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains("already queued or in progress"), again.err.constData());
        QVERIFY(test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("cancel"), second.at(0)}, environment()).code == 0);

        // Running in a worker: the cancel request goes through the database; the worker stops and undoes.
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:4000")).ok());
        const QStringList third = queue({orgs.at(1)});
        QCOMPARE(third.size(), 1);
        auto worker = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("1")});
        QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls > 0, 30000);
        test::OrgctlRun asked = test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("cancel"), third.at(0), QStringLiteral("--json")}, environment());
        QCOMPARE(asked.code, 0);
        QCOMPARE(QJsonDocument::fromJson(asked.out).object().value(QStringLiteral("result")).toString(), QStringLiteral("cancel_requested"));
        QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE id = '%1' AND status IN ('canceled','rolled_back')")
                                            .arg(third.at(0))) == 1, 30000);
        // The late purchase was found and released: nothing bought is left.
        QTRY_VERIFY_WITH_TIMEOUT(m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().isEmpty(), 30000);
        QCOMPARE(m_sandbox->ledger().value(QStringLiteral("assistants")).toArray().size(), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM ai_configs")), 0);
        ::kill(pid_t(worker->processId()), SIGTERM);
        QVERIFY(worker->waitForFinished(30000));
        QCOMPARE(worker->exitCode(), 0);
    }

    // One machine needs no PostgreSQL: two workers drain one SQLite queue, each run set up once.
    void twoWorkersDrainOneSqliteQueue()
    {
        if (!freshDatabase(QStringLiteral("sqlite")))
            QSKIP("SQLite is not available");
        const QList<qint64> orgs = addOrganizations(12, QStringLiteral("Solo"));
        QCOMPARE(queue(orgs).size(), 12);
        auto a = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("3")});
        auto b = start({QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("3")});
        QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'succeeded'")) == 12, 120000);
        verifyLedgerMatchesConfigurations(12);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE lease_epoch <> 1")), 0); // each claimed once
        for (auto *p : {a.get(), b.get()}) {
            ::kill(pid_t(p->processId()), SIGTERM);
            QVERIFY(p->waitForFinished(30000));
            QCOMPARE(p->exitCode(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestTeam)
#include "tst_team.moc"
