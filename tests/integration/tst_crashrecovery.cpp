#include "sandbox/sandbox.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace oc;

// The crash matrix: orgctl approve is SIGKILLed right after each journal line is committed
// (ORGCONSOLE_CRASH_AT), then orgctl recover runs. Afterwards the sandbox ledger and the store must agree:
// either fully provisioned (the crash came after the pivot) or nothing left at all — nothing leaked, nothing lost.
class TestCrashRecovery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;
    qint64 m_orgId = 0;

    QProcessEnvironment environment() const
    {
        return test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path());
    }

    // Returns the exit code, or -1 for a crash (SIGKILL).
    int orgctl(const QStringList &args, const QProcessEnvironment &env, QByteArray *out = nullptr)
    {
        const test::OrgctlRun r = test::runOrgctl(QStringLiteral(ORGCTL), args, env);
        if (out)
            *out = r.out;
        return r.code;
    }

    int ledgerCount(const char *what) const { return int(m_sandbox->ledger().value(QLatin1String(what)).toArray().size()); }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_orgId = store.value()->organizations().add({QStringLiteral("Crash Test Dental"), QStringLiteral("owner@crash.example"),
                                                      QStringLiteral("Cee Tee"), {}, OrgStatus::Pending, {}}).value();
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
    }
    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void killedAtAnyJournalPointRecoversToAConsistentEnd_data()
    {
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("provisioned");
        const QList<std::pair<const char *, bool>> points{
            {"search_number:done", false},
            {"buy_number:intent", false},
            {"buy_number:done", false},
            {"create_inbound_assistant:intent", false},
            {"create_inbound_assistant:done", false},
            {"create_outbound_assistant:intent", false},
            {"create_outbound_assistant:done", false},
            {"register_number:intent", false},
            {"register_number:done", false},
            {"save_config:done", true},
            {"send_email:intent", true},
            {"send_email:done", true},
        };
        for (const auto &[point, provisioned] : points)
            QTest::newRow(point) << QString::fromLatin1(point) << provisioned;
    }

    void killedAtAnyJournalPointRecoversToAConsistentEnd()
    {
        QFETCH(QString, point);
        QFETCH(bool, provisioned);
        QProcessEnvironment crashing = environment();
        crashing.insert(QStringLiteral("ORGCONSOLE_CRASH_AT"), point);
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")}, crashing),
                 -1);
        // Requests the dead process had already sent are still served: let them land before recovering.
        QTRY_COMPARE(m_sandbox->inFlight(), 0);

        QByteArray out;
        QCOMPARE(orgctl({QStringLiteral("recover")}, environment(), &out), 0);
        const QJsonArray recovered = QJsonDocument::fromJson(out).object().value(QStringLiteral("recovered")).toArray();
        QCOMPARE(recovered.size(), 1); // the dead process's lease was taken over at once
        const QString outcome = recovered.first().toObject().value(QStringLiteral("outcome")).toString();
        QCOMPARE(outcome, provisioned ? QStringLiteral("succeeded") : QStringLiteral("rolled_back"));

        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        auto config = store.value()->aiConfigs().findByOrganization(m_orgId);
        QCOMPARE(store.value()->runs().withStatus({RunStatus::Running, RunStatus::Compensating})->size(), 0);
        if (provisioned) {
            QVERIFY(config.ok());
            QCOMPARE(ledgerCount("numbers"), 1);
            QCOMPARE(ledgerCount("assistants"), 2);
            QCOMPARE(ledgerCount("phoneNumbers"), 1);
            const QJsonObject ledger = m_sandbox->ledger();
            QCOMPARE(config->phoneNumberSid, ledger.value(QStringLiteral("numbers")).toArray().at(0).toObject()
                                                 .value(QStringLiteral("sid")).toString());
        } else {
            QCOMPARE(config.error().kind, Error::Kind::NotFound);
            QCOMPARE(ledgerCount("numbers"), 0);
            QCOMPARE(ledgerCount("assistants"), 0);
            QCOMPARE(ledgerCount("phoneNumbers"), 0);
            // And the organization can be approved again, cleanly.
            QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()), 0);
            QCOMPARE(ledgerCount("numbers"), 1);
        }
    }

    // The engine v2 issue's first race: approve killed after the purchase with the assistants in flight, then two
    // recoverers at once (a console starting up and a terminal). Claims are compare-and-swap on the owner and
    // epoch read, so exactly one drives the run; the other skips it. Nothing is left, nothing says "set up".
    void twoRecoverersAtOnceDriveTheRunOnce()
    {
        QProcessEnvironment crashing = environment();
        crashing.insert(QStringLiteral("ORGCONSOLE_CRASH_AT"), QStringLiteral("create_outbound_assistant:intent"));
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")}, crashing),
                 -1);
        QTRY_COMPARE(m_sandbox->inFlight(), 0);

        QProcess a, b;
        for (QProcess *p : {&a, &b}) {
            p->setProcessEnvironment(environment());
            p->start(QStringLiteral(ORGCTL), {QStringLiteral("recover")});
        }
        QVERIFY(a.waitForStarted() && b.waitForStarted());
        // Both processes run in their own event loops while this one serves the sandbox's HTTP.
        QTRY_VERIFY_WITH_TIMEOUT(a.state() == QProcess::NotRunning && b.state() == QProcess::NotRunning, 60000);
        QCOMPARE(a.exitCode(), 0);
        QCOMPARE(b.exitCode(), 0);
        const QJsonObject ra = QJsonDocument::fromJson(a.readAllStandardOutput()).object();
        const QJsonObject rb = QJsonDocument::fromJson(b.readAllStandardOutput()).object();
        const int recovered = int(ra.value(QStringLiteral("recovered")).toArray().size() + rb.value(QStringLiteral("recovered")).toArray().size());
        const int skipped = int(ra.value(QStringLiteral("skipped")).toArray().size() + rb.value(QStringLiteral("skipped")).toArray().size());
        QCOMPARE(recovered, 1); // never both
        QVERIFY(skipped <= 1);  // the loser skips it — or, had the winner already finished, never saw it live

        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        QCOMPARE(store.value()->runs().withStatus({RunStatus::Running, RunStatus::Compensating})->size(), 0);
        QCOMPARE(store.value()->aiConfigs().findByOrganization(m_orgId).error().kind, Error::Kind::NotFound);
        QTRY_COMPARE(m_sandbox->inFlight(), 0);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    // A paused owner: approve is SIGSTOPped mid-run (after the purchase) past ORGCONSOLE_LEASE_SECONDS=3; recover
    // elsewhere takes the run over by the database's clock and rolls it back; then SIGCONT. The old process must
    // stop fenced — send nothing more, write nothing more — and the configuration and the ledger agree.
    void aPausedOwnerStopsFencedWhenItWakesUp()
    {
        QProcessEnvironment slow = environment();
        slow.insert(QStringLiteral("ORGCONSOLE_LEASE_SECONDS"), QStringLiteral("3"));
        // The registration answers late, so the owner is certainly mid-run (number and assistants bought) when paused.
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=delay:4000")).ok());
        QProcess owner;
        owner.setProcessEnvironment(slow);
        owner.start(QStringLiteral(ORGCTL), {QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")});
        QVERIFY(owner.waitForStarted());
        // Pause it once its journal has the purchase done.
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        QTRY_VERIFY_WITH_TIMEOUT(ledgerCount("numbers") == 1 && ledgerCount("assistants") == 2, 20000);
        ::kill(pid_t(owner.processId()), SIGSTOP);
        // Until the paused owner's lease has expired by the database's clock (the sandbox keeps serving meanwhile).
        const QString runId = store.value()->runs().forOrganization(m_orgId)->constFirst().id;
        QTRY_VERIFY_WITH_TIMEOUT(store.value()->runs().leaseState(runId)->expired, 15000);

        QProcessEnvironment recoverer = slow;
        QByteArray out;
        QCOMPARE(orgctl({QStringLiteral("recover")}, recoverer, &out), 0);
        const QJsonArray recovered = QJsonDocument::fromJson(out).object().value(QStringLiteral("recovered")).toArray();
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.first().toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("rolled_back"));

        ::kill(pid_t(owner.processId()), SIGCONT);
        QTRY_VERIFY_WITH_TIMEOUT(owner.state() == QProcess::NotRunning, 30000);
        QCOMPARE(owner.exitCode(), 1);
        const QByteArray said = owner.readAllStandardOutput() + owner.readAllStandardError();
        QVERIFY2(said.contains("was taken over by") && said.contains("stopped"), said.constData());

        // The owner wrote nothing after waking: the run is the recoverer's rolled-back run, no configuration.
        const auto run = store.value()->runs().forOrganization(m_orgId)->constFirst();
        QCOMPARE(run.status, RunStatus::RolledBack);
        QCOMPARE(store.value()->aiConfigs().findByOrganization(m_orgId).error().kind, Error::Kind::NotFound);
        QTRY_COMPARE(m_sandbox->inFlight(), 0);
        m_sandbox->clearFaults();
        // A registration the owner had in flight may have landed after the recoverer looked: anything left must
        // be findable as an orphan (tagged), never referenced by a configuration.
        QByteArray orphans;
        QCOMPARE(orgctl({QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")}, environment(), &orphans), 0);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
