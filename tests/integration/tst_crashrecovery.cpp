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
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
