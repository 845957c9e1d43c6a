#include "pipeline/runlease.h"
#include "pipeline/journal.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace oc;
using namespace oc::pipeline;

class TestJournal : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    const QString m_runId = QStringLiteral("0123456789abcdef");
    LeaseFence m_fence;

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        m_store = Store::open(m_db->url()).value();
        const qint64 org = m_store->organizations().add({QStringLiteral("Acme"), QStringLiteral("a@acme.com"), {}, {}, OrgStatus::Pending, {}}).value();
        ProvisioningRun run;
        run.id = m_runId;
        run.organizationId = org;
        run.kind = QStringLiteral("approve");
        run.actor = QStringLiteral("tester");
        run.leaseOwner = QStringLiteral("tester-host/1/1");
        auto fence = m_store->runs().create(run);
        QVERIFY(fence.ok());
        m_fence = fence.value();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void intentIsCommittedBeforeTheResultAndSurvivesARestart()
    {
        {
            Journal journal(m_store->runs(), m_runId);
            RunLease lease_journal(m_store->runs(), m_fence, std::chrono::seconds(60));
            journal.setLease(&lease_journal);
            QVERIFY(journal.intent(QStringLiteral("buy_number"), QStringLiteral("+15105550100"), 1).ok());
        }
        // A new process (another Journal over a new connection) sees the intent and its lookup tag.
        auto reopened = Store::open(m_db->url());
        Journal after(reopened.value()->runs(), m_runId);
        RunLease lease_after(reopened.value()->runs(), m_fence, std::chrono::seconds(60));
        after.setLease(&lease_after);
        auto step = after.step(QStringLiteral("buy_number"));
        QVERIFY(step.has_value());
        QCOMPARE(step->status, StepStatus::Intent);
        QCOMPARE(step->lookupTag, QStringLiteral("+15105550100"));
        QCOMPARE(step->attempt, 1);
        QVERIFY(step->startedAt.isValid());

        QVERIFY(after.done(QStringLiteral("buy_number"), QStringLiteral("PN0123"), QStringLiteral("(510) 555-0100")).ok());
        Journal third(m_store->runs(), m_runId);
        RunLease lease_third(m_store->runs(), m_fence, std::chrono::seconds(60));
        third.setLease(&lease_third);
        QCOMPARE(third.step(QStringLiteral("buy_number"))->status, StepStatus::Done);
        QCOMPARE(third.step(QStringLiteral("buy_number"))->externalId, QStringLiteral("PN0123"));
        QCOMPARE(third.step(QStringLiteral("buy_number"))->lookupTag, QStringLiteral("+15105550100"));
    }

    void recordsUnknownFailedAndCompensation()
    {
        Journal journal(m_store->runs(), m_runId);
        RunLease lease_journal(m_store->runs(), m_fence, std::chrono::seconds(60));
        journal.setLease(&lease_journal);
        QVERIFY(journal.intent(QStringLiteral("create_inbound_assistant"), QStringLiteral("role=inbound"), 1).ok());
        QVERIFY(journal.unknown(QStringLiteral("create_inbound_assistant"), QStringLiteral("timeout after sending")).ok());
        QCOMPARE(journal.step(QStringLiteral("create_inbound_assistant"))->status, StepStatus::Unknown);
        QVERIFY(journal.compensating(QStringLiteral("create_inbound_assistant")).ok());
        QVERIFY(journal.compensationFailed(QStringLiteral("create_inbound_assistant"), QStringLiteral("HTTP 503")).ok());
        QVERIFY(journal.failed(QStringLiteral("create_outbound_assistant"), QStringLiteral("HTTP 400")).ok());
        auto steps = m_store->runs().steps(m_runId);
        QCOMPARE(steps->size(), 2);
        Journal fresh(m_store->runs(), m_runId);
        RunLease lease_fresh(m_store->runs(), m_fence, std::chrono::seconds(60));
        fresh.setLease(&lease_fresh);
        QCOMPARE(fresh.step(QStringLiteral("create_inbound_assistant"))->status, StepStatus::CompensationFailed);
        QCOMPARE(fresh.step(QStringLiteral("create_inbound_assistant"))->error, QStringLiteral("HTTP 503"));
        QCOMPARE(fresh.step(QStringLiteral("create_outbound_assistant"))->status, StepStatus::Failed);
        QVERIFY(!fresh.step(QStringLiteral("register_number")).has_value());
    }

    void aTakenOverRunRefusesTheOldHoldersLines()
    {
        Journal journal(m_store->runs(), m_runId);
        RunLease lease(m_store->runs(), m_fence, std::chrono::seconds(60));
        journal.setLease(&lease);
        QSignalSpy lost(&lease, &RunLease::lost);
        QVERIFY(journal.intent(QStringLiteral("buy_number"), QStringLiteral("+15105550100"), 1).ok());
        // Another process takes the run over (its holder looked gone): the epoch moves on.
        auto state = m_store->runs().leaseState(m_runId);
        auto other = m_store->runs().claimLease(m_runId, QStringLiteral("recoverer/2/2"), state.value(), 60000, false);
        QVERIFY(other->has_value());
        const auto written = journal.done(QStringLiteral("buy_number"), QStringLiteral("PN0123"));
        QCOMPARE(written.error().kind, Error::Kind::Fenced);
        QCOMPARE(lost.size(), 1);
        QVERIFY(lease.isLost());
        QVERIFY(!lease.mayAct());
        QVERIFY2(lease.stoppedMessage().contains(QStringLiteral("was taken over by recoverer/2/2 — stopped")), qPrintable(lease.stoppedMessage()));
        // Nothing more is written, not even a line that would have been harmless.
        QCOMPARE(journal.failed(QStringLiteral("buy_number"), QStringLiteral("x")).error().kind, Error::Kind::Fenced);
        QCOMPARE(m_store->runs().steps(m_runId)->first().status, StepStatus::Intent);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
