#include "console/consoleengine.h"
#include "sandbox/sandbox.h"
#include "sandboxservices.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::sandbox::Sandbox;
using pipeline::StepState;

// The console's engine against the sandbox over HTTP: what the views show (LiveRun) matches what happened
// at the vendors (the ledger) and in the store.
class TestConsoleEngine : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<test::SandboxServices> m_vendors;
    Sandbox *m_sandbox = nullptr;
    std::unique_ptr<ConsoleEngine> m_engine;

    int ledgerCount(const char *what) const { return m_vendors->ledgerCount(what); }

    Organization addOrg(const QString &name)
    {
        static int n = 0;
        ++n;
        const qint64 id = m_store->organizations()
                              .add({name, QStringLiteral("owner%1@example.com").arg(n), QStringLiteral("Owner %1").arg(n),
                                    QStringLiteral("usr_%1").arg(n), OrgStatus::Pending, {}})
                              .value();
        return m_store->organizations().find(id).value();
    }

    static bool waitFor(LiveRun *run, int ms = 30000)
    {
        if (run->isFinished())
            return true;
        QSignalSpy done(run, &LiveRun::finished);
        return done.wait(ms);
    }

    static StepState stateOf(const LiveRun *run, const QString &step)
    {
        for (const auto &s : run->steps()) {
            if (s.name == step)
                return s.state;
        }
        return StepState::Pending;
    }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_store = Store::open(m_db->url()).value();
        m_vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(m_vendors, qPrintable(why));
        m_sandbox = &m_vendors->sandbox();
        m_engine = std::make_unique<ConsoleEngine>(m_vendors->services(), QStringLiteral("tester"), 8);
    }
    void cleanup()
    {
        m_engine.reset();
        m_vendors.reset();
        m_sandbox = nullptr;
        m_store.reset();
        m_db.reset();
    }

    void approveShowsEveryStepAndEndsWithTheNumber()
    {
        const Organization org = addOrg(QStringLiteral("Bayview Dental"));
        QSignalSpy added(m_engine.get(), &ConsoleEngine::runAdded);
        QSignalSpy changed(m_engine.get(), &ConsoleEngine::organizationChanged);
        LiveRun *run = m_engine->approve(org, QStringLiteral("US"), QStringLiteral("510"));
        QCOMPARE(added.size(), 1);
        // Every step of the recipe is listed before it starts.
        QCOMPARE(run->steps().size(), m_engine->provisioningSteps().size());
        QCOMPARE(run->steps().first().state, StepState::Pending);
        QCOMPARE(m_engine->liveRunFor(org.id), run);
        QVERIFY(waitFor(run));
        QCOMPARE(run->outcome(), LiveRun::Outcome::Succeeded);
        QVERIFY2(run->phoneNumber().startsWith(QLatin1String("+1510")), qPrintable(run->phoneNumber()));
        for (const auto &s : run->steps()) {
            QVERIFY2(s.state == StepState::Succeeded, qPrintable(s.name + QLatin1Char(' ') + pipeline::stateName(s.state)));
            QVERIFY(s.startedAt.isValid() && s.finishedAt.isValid() && s.finishedAt >= s.startedAt);
            QCOMPARE(s.attempt, 1);
        }
        QCOMPARE(run->stepsDone(), run->steps().size());
        QVERIFY(!run->runId().isEmpty());
        QVERIFY(run->log().size() >= run->steps().size() * 2);
        QVERIFY(changed.contains(QVariantList{org.id}));
        QCOMPARE(m_engine->liveRunFor(org.id), nullptr);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(m_store->aiConfigs().findByOrganization(org.id)->number, run->phoneNumber());
    }

    void aFailureRollsBackAndRetrySucceeds()
    {
        const Organization org = addOrg(QStringLiteral("Harbor Plumbing"));
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create*1=400")).ok());
        LiveRun *run = m_engine->approve(org, QStringLiteral("US"), QStringLiteral("415"));
        QVERIFY(waitFor(run));
        QCOMPARE(run->outcome(), LiveRun::Outcome::Failed);
        QCOMPARE(run->failedStep(), QStringLiteral("register_number"));
        QCOMPARE(stateOf(run, QStringLiteral("register_number")), StepState::Failed);
        QCOMPARE(stateOf(run, QStringLiteral("buy_number")), StepState::Compensated);
        QCOMPARE(stateOf(run, QStringLiteral("save_config")), StepState::Skipped);
        QVERIFY(!run->errorMessage().isEmpty());
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);

        LiveRun *retry = m_engine->retry(org, QStringLiteral("US"), QStringLiteral("415"));
        QCOMPARE(retry->kind(), LiveRun::Kind::Retry);
        QVERIFY(waitFor(retry));
        QVERIFY2(retry->outcome() == LiveRun::Outcome::Succeeded, qPrintable(retry->errorMessage()));
        QVERIFY(retry->phoneNumber().startsWith(QLatin1String("+1415")));
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
    }

    void cleanupRemovesEverything()
    {
        const Organization org = addOrg(QStringLiteral("Cedar Clinic"));
        LiveRun *run = m_engine->approve(org, QStringLiteral("US"), QString());
        QVERIFY(waitFor(run));
        QCOMPARE(run->outcome(), LiveRun::Outcome::Succeeded);
        LiveRun *clean = m_engine->cleanup(org);
        QVERIFY(waitFor(clean));
        QVERIFY2(clean->outcome() == LiveRun::Outcome::Succeeded, qPrintable(clean->errorMessage()));
        for (const auto &s : clean->steps())
            QVERIFY2(s.state == StepState::Succeeded, qPrintable(s.name + QLatin1Char(' ') + pipeline::stateName(s.state)));
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        QCOMPARE(m_store->aiConfigs().findByOrganization(org.id).error().kind, Error::Kind::NotFound);
    }

    void cancelDuringTheParallelPhaseRollsBack()
    {
        const Organization org = addOrg(QStringLiteral("Delta Farms"));
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create=delay:400")).ok());
        LiveRun *run = m_engine->approve(org, QStringLiteral("US"), QString());
        QVERIFY(ConsoleEngine::canCancel(run));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(run, QStringLiteral("create_inbound_assistant")), StepState::Running, 10000);
        QVERIFY(m_engine->cancel(run));
        QVERIFY(!ConsoleEngine::canCancel(run));
        QVERIFY(waitFor(run));
        QCOMPARE(run->outcome(), LiveRun::Outcome::Canceled);
        m_sandbox->clearFaults();
        // A create the vendor finished after we stopped waiting is found by tag and removed.
        QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->inFlight(), 0, 5000);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        QCOMPARE(m_store->aiConfigs().findByOrganization(org.id).error().kind, Error::Kind::NotFound);
    }

    void resendEmailSendsTheApprovalAgain()
    {
        const Organization org = addOrg(QStringLiteral("Evergreen Law"));
        LiveRun *run = m_engine->approve(org, QStringLiteral("US"), QString());
        QVERIFY(waitFor(run));
        QTRY_COMPARE(m_sandbox->messages().size(), 1);
        LiveRun *resend = m_engine->resendEmail(org);
        QVERIFY(waitFor(resend));
        QVERIFY2(resend->outcome() == LiveRun::Outcome::Succeeded, qPrintable(resend->errorMessage()));
        QTRY_COMPARE(m_sandbox->messages().size(), 2);
        QCOMPARE(stateOf(resend, QStringLiteral("send_email")), StepState::Succeeded);

        const Organization other = addOrg(QStringLiteral("Never Approved"));
        LiveRun *refused = m_engine->resendEmail(other);
        QVERIFY(waitFor(refused));
        QCOMPARE(refused->outcome(), LiveRun::Outcome::Failed);
        QVERIFY2(refused->errorMessage().contains(QLatin1String("approve it first")), qPrintable(refused->errorMessage()));
    }

    void manyRunsAtOnce()
    {
        QList<LiveRun *> runs;
        for (int i = 0; i < 6; ++i)
            runs << m_engine->approve(addOrg(QStringLiteral("Bulk %1").arg(i)), QStringLiteral("US"), QString());
        QCOMPARE(m_engine->liveRunCount(), 6);
        for (LiveRun *run : runs) {
            QVERIFY(waitFor(run));
            QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        }
        QCOMPARE(m_engine->liveRunCount(), 0);
        QCOMPARE(ledgerCount("numbers"), 6);
        QCOMPARE(ledgerCount("assistants"), 12);
    }

    void recoverAndSweepReport()
    {
        QSignalSpy recovered(m_engine.get(), &ConsoleEngine::recoveryFinished);
        m_engine->recover();
        QVERIFY(recovered.wait(10000));
        QVERIFY(recovered.first().at(1).toBool());
        QSignalSpy swept(m_engine.get(), &ConsoleEngine::orphanSweepFinished);
        m_engine->sweepOrphans(false);
        QVERIFY(swept.wait(10000));
        QVERIFY(swept.first().at(2).toBool());
        QCOMPARE(swept.first().at(0).toJsonObject().value(QStringLiteral("orphans")).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestConsoleEngine)
#include "tst_consoleengine.moc"
