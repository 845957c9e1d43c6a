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

// orgctl approve / status / runs as a child process against the sandbox served by this test's event loop.
class TestOrgctlProvisioning : public QObject
{
    Q_OBJECT

private:
    using Run = test::OrgctlRun;

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;
    qint64 m_orgId = 0;

    QProcessEnvironment environment() const
    {
        return test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path());
    }

    Run orgctl(const QStringList &args, const QProcessEnvironment &env)
    {
        return test::runOrgctl(QStringLiteral(ORGCTL), args, env);
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
        m_orgId = store.value()->organizations().add({QStringLiteral("Summit Roofing"), QStringLiteral("owner@summit.example"),
                                                      QStringLiteral("Sam Summit"), {}, OrgStatus::Pending, {}}).value();
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
    }
    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void approvePrintsTheSeedShapeAndStatusAgrees()
    {
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"), QStringLiteral("US"),
                              QStringLiteral("--area-code"), QStringLiteral("415")}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
        const QJsonObject data = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
                                     .value(QStringLiteral("data")).toObject();
        const QString number = data.value(QStringLiteral("phoneNumber")).toString();
        QVERIFY(number.startsWith(QLatin1String("+1415")));
        QCOMPARE(data.value(QStringLiteral("emailSent")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        QCOMPARE(m_sandbox->messages().size(), 1);
        QCOMPARE(m_sandbox->messages().first().rcptTo, QStringList{QStringLiteral("owner@summit.example")});

        const Run status = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
        QCOMPARE(status.code, 0);
        const QJsonObject s = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(s.value(QStringLiteral("organization")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        const QJsonObject ai = s.value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("hasSetup")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("setupCompleted")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(ai.value(QStringLiteral("phoneNumber")).toString(), number);
        QCOMPARE(ai.value(QStringLiteral("lastRun")).toObject().value(QStringLiteral("steps")).toArray().size(), 7);

        const Run runs = orgctl({QStringLiteral("runs"), QString::number(m_orgId)}, environment());
        QCOMPARE(runs.code, 0);
        QCOMPARE(QJsonDocument::fromJson(runs.out).object().value(QStringLiteral("runs")).toArray().size(), 1);
    }

    void progressStreamsOneJsonLinePerStepEvent()
    {
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510"),
                              QStringLiteral("--progress")}, environment());
        QCOMPARE(r.code, 0);
        QSet<QString> succeeded;
        for (const QByteArray &line : r.err.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonObject e = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QVERIFY(!e.value(QStringLiteral("at")).toString().isEmpty());
            if (e.value(QStringLiteral("state")).toString() == QLatin1String("succeeded"))
                succeeded.insert(e.value(QStringLiteral("step")).toString());
        }
        QCOMPARE(succeeded.size(), 8); // the seven steps of the seed, and the duplicate check after the pivot
    }

    void missingCredentialsFailWithTheSeedsMessageAndBuyNothing()
    {
        QProcessEnvironment env = environment();
        env.remove(QStringLiteral("VAPI_API_KEY"));
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")}, env);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, QByteArray("orgctl: VAPI_API_KEY environment variable is required\n"));
        env = environment();
        env.remove(QStringLiteral("TWILIO_AUTH_TOKEN"));
        const Run t = orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, env);
        QCOMPARE(t.err, QByteArray("orgctl: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN environment variables are required\n"));
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.search")).calls, 0);
    }

    void cleanupRemovesEverythingAndReportsTheFiveResults()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("message")).toString(), QStringLiteral("AI setup cleanup completed successfully"));
        const QJsonObject results = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("cleanup")).toObject()
                                        .value(QStringLiteral("results")).toObject();
        for (const char *key : {"phoneNumberReleased", "inboundAssistantDeleted", "outboundAssistantDeleted",
                                "vapiPhoneNumberDeleted", "configDeleted"})
            QVERIFY2(results.value(QLatin1String(key)).toBool(), key);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        const Run status = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("aiSetup")).toObject()
                     .value(QStringLiteral("hasSetup")).toBool(true), false);
        // And a second approve sets it up again from scratch.
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    void cleanupThatCannotReleaseKeepsTheRecordOfTheNumber()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.release=400:20003")).ok());
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QCOMPARE(r.code, 1);
        const QJsonObject results = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                        .value(QStringLiteral("cleanup")).toObject().value(QStringLiteral("results")).toObject();
        QCOMPARE(results.value(QStringLiteral("phoneNumberReleased")).toBool(true), false);
        QCOMPARE(results.value(QStringLiteral("inboundAssistantDeleted")).toBool(), true);
        QCOMPARE(results.value(QStringLiteral("configDeleted")).toBool(true), false);
        QCOMPARE(ledgerCount("numbers"), 1);
        auto store = Store::open(m_db->url());
        auto config = store.value()->aiConfigs().findByOrganization(m_orgId);
        QVERIFY(config.ok());
        QCOMPARE(config->status, AiConfigStatus::Inactive);
        QVERIFY(config->phoneNumberSid.startsWith(QLatin1String("PN")));
    }

    void retryAfterAFailureSetsUpAgainWithANewAreaCode()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("999")},
                        environment()).code, 1);
        const Run r = orgctl({QStringLiteral("retry"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("415")},
                             environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject data = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                     .value(QStringLiteral("aiSetup")).toObject().value(QStringLiteral("data")).toObject();
        QVERIFY(data.value(QStringLiteral("phoneNumber")).toString().startsWith(QLatin1String("+1415")));
        const Run runs = orgctl({QStringLiteral("runs"), QString::number(m_orgId)}, environment());
        const QJsonArray list = QJsonDocument::fromJson(runs.out).object().value(QStringLiteral("runs")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("retry"));
        // A complete setup is not retried.
        const Run again = orgctl({QStringLiteral("retry"), QString::number(m_orgId)}, environment());
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains("already set up"), again.err.constData());
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    void retryRemovesWhatAFailedRollbackLeftBeforeBuyingAgain()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        const Run failed = orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment());
        QCOMPARE(failed.code, 1);
        QCOMPARE(ledgerCount("numbers"), 1); // the release kept failing: left, and the run says so
        const QString leftover = m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject()
                                     .value(QStringLiteral("sid")).toString();
        m_sandbox->clearFaults();
        const Run r = orgctl({QStringLiteral("retry"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(ledgerCount("numbers"), 1);
        QVERIFY(m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject().value(QStringLiteral("sid")).toString()
                != leftover);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
    }

    void cleanupAfterAFailedUndoRemovesWhatWasLeft()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 1);
        QCOMPARE(ledgerCount("numbers"), 1);
        m_sandbox->clearFaults();
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject results = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                        .value(QStringLiteral("cleanup")).toObject().value(QStringLiteral("results")).toObject();
        QCOMPARE(results.value(QStringLiteral("phoneNumberReleased")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void checkConfigVerifiesEveryEndpointReadOnly()
    {
        const Run ok = orgctl({QStringLiteral("check-config")}, environment());
        QVERIFY2(ok.code == 0, ok.err.constData());
        const QJsonObject checks = QJsonDocument::fromJson(ok.out).object().value(QStringLiteral("checks")).toObject();
        for (const char *name : {"database", "twilio", "vapi", "smtp"})
            QVERIFY2(checks.value(QLatin1String(name)).toObject().value(QStringLiteral("ok")).toBool(), name);
        QProcessEnvironment wrong = environment();
        wrong.insert(QStringLiteral("VAPI_API_KEY"), QStringLiteral("not-the-key"));
        const Run bad = orgctl({QStringLiteral("check-config")}, wrong);
        QCOMPARE(bad.code, 1);
        const QJsonObject badChecks = QJsonDocument::fromJson(bad.out).object().value(QStringLiteral("checks")).toObject();
        QCOMPARE(badChecks.value(QStringLiteral("vapi")).toObject().value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(badChecks.value(QStringLiteral("twilio")).toObject().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 0); // read-only
    }

    void orphansAreListedWithCostAndReleasedOnlyWhenConfirmed()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        {
            // The configuration is lost (say, restored from an old backup): everything it owned is now orphaned.
            auto store = Store::open(m_db->url());
            QVERIFY(store.value()->aiConfigs().removeForOrganization(m_orgId).ok());
        }
        const Run list = orgctl({QStringLiteral("orphans")}, environment());
        QVERIFY2(list.code == 0, list.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(list.out).object();
        const QJsonArray orphans = o.value(QStringLiteral("orphans")).toArray();
        QCOMPARE(orphans.size(), 4);
        QCOMPARE(orphans.first().toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("vapi_phone_number"));
        QCOMPARE(o.value(QStringLiteral("monthlyCostUsd")).toDouble(), 1.15);

        const Run unconfirmed = orgctl({QStringLiteral("orphans"), QStringLiteral("--release")}, environment());
        QCOMPARE(unconfirmed.code, 2);
        QVERIFY(unconfirmed.err.contains("--yes"));
        QCOMPARE(ledgerCount("numbers"), 1);

        const Run released = orgctl({QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")}, environment());
        QVERIFY2(released.code == 0, released.err.constData());
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        auto store = Store::open(m_db->url());
        AuditQuery q;
        q.action = QStringLiteral("orphan.release");
        QCOMPARE(store.value()->audit().list(q)->size(), 4);
    }

    void badInputFailsClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown org") << QStringList{QStringLiteral("approve"), QStringLiteral("999999")} << QStringLiteral("no organization with id 999999");
        QTest::newRow("bad country") << QStringList{QStringLiteral("approve"), QStringLiteral("1"), QStringLiteral("--country"), QStringLiteral("USA")}
                                     << QStringLiteral("is not a country code");
        QTest::newRow("bad area code") << QStringList{QStringLiteral("approve"), QStringLiteral("1"), QStringLiteral("--area-code"), QStringLiteral("5a0")}
                                       << QStringLiteral("is not an area code");
        QTest::newRow("cleanup without setup") << QStringList{QStringLiteral("cleanup"), QStringLiteral("1")}
                                               << QStringLiteral("has no AI setup to clean up");
        QTest::newRow("status of unknown org") << QStringList{QStringLiteral("status"), QStringLiteral("424242")}
                                               << QStringLiteral("no organization with id 424242");
    }

    void badInputFailsClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = orgctl(args, environment());
        QVERIFY(r.code != 0);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QCOMPARE(ledgerCount("numbers"), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrgctlProvisioning)
#include "tst_orgctlprovisioning.moc"
