#include "pipeline/leaseowner.h"
#include "provisioning/approveoperation.h"
#include "sandbox/sandbox.h"
#include "sandboxservices.h"
#include "store/store.h"
#include "team/queueworker.h"
#include "team/runfeed.h"
#include "testdatabase.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

// The queue and the feed on both engines, in one process with several connections (each connection is what
// another process would have): claims are exclusive and oldest first, queued runs cancel, cancel requests
// reach only the owner they are for, and the feed reports every change written through another connection.
class TestQueue : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    QList<qint64> m_orgs;

    ProvisioningRun queuedRun(const QString &id, qint64 org)
    {
        ProvisioningRun r;
        r.id = id;
        r.organizationId = org;
        r.kind = QStringLiteral("approve");
        r.status = RunStatus::Queued;
        r.countryCode = QStringLiteral("US");
        r.areaCode = QStringLiteral("510");
        r.actor = QStringLiteral("alice@console-1");
        return r;
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_store = std::move(store).value();
        m_orgs.clear();
        for (int i = 0; i < 7; ++i)
            m_orgs << m_store->organizations().add({QStringLiteral("Queue %1").arg(i), QStringLiteral("q%1@queue.example").arg(i), {}, {},
                                                    OrgStatus::Pending, {}}).value();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void claimsAreExclusiveAndOldestFirst()
    {
        for (int i = 0; i < 5; ++i) {
            QVERIFY(m_store->runs().enqueue(queuedRun(QStringLiteral("q%1").arg(i), m_orgs.at(i))).ok());
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > at); // distinct queued_at
        }
        // A second queued (or live) run of the same organization is refused.
        const auto twice = m_store->runs().enqueue(queuedRun(QStringLiteral("again"), m_orgs.at(0)));
        QVERIFY(!twice.ok());
        QCOMPARE(twice.error().kind, Error::Kind::Conflict);
        QCOMPARE(m_store->runs().queuedCount().value(), 5);

        // Two "workers" on their own connections take turns: every run is claimed exactly once, oldest first.
        auto other = Store::open(m_db->url());
        QVERIFY(other.ok());
        QStringList claimed;
        for (int i = 0; i < 6; ++i) {
            Store &s = i % 2 ? *other.value() : *m_store;
            auto c = s.runs().claimQueued(i % 2 ? QStringLiteral("host/2/0/b/n") : QStringLiteral("host/1/0/b/n"), 60000);
            QVERIFY(c.ok());
            if (i == 5) {
                QVERIFY(!c->has_value()); // nothing left
                break;
            }
            QVERIFY(c->has_value());
            const auto &got = **c;
            QCOMPARE(got.run.status, RunStatus::Running);
            QCOMPARE(got.fence.epoch, 1);
            QCOMPARE(got.run.actor, QStringLiteral("alice@console-1")); // who queued it
            claimed << got.run.id;
            auto state = m_store->runs().leaseState(got.run.id);
            QCOMPARE(state->owner, got.fence.owner);
            QVERIFY(!state->expired);
        }
        QCOMPARE(claimed, (QStringList{QStringLiteral("q0"), QStringLiteral("q1"), QStringLiteral("q2"), QStringLiteral("q3"), QStringLiteral("q4")}));
        QCOMPARE(m_store->runs().queuedCount().value(), 0);
    }

    void queuedRunsCancelAndRequestsReachTheirOwner()
    {
        QVERIFY(m_store->runs().enqueue(queuedRun(QStringLiteral("a"), m_orgs.at(0))).ok());
        QVERIFY(m_store->runs().enqueue(queuedRun(QStringLiteral("b"), m_orgs.at(1))).ok());
        QCOMPARE(m_store->runs().cancelQueued(QStringLiteral("a"), QStringLiteral("not wanted")).value(), true);
        QCOMPARE(m_store->runs().cancelQueued(QStringLiteral("a"), QStringLiteral("twice")).value(), false);
        QCOMPARE(m_store->runs().find(QStringLiteral("a"))->status, RunStatus::Canceled);
        // A queued run is not "running": a cancel request needs a live owner.
        QCOMPARE(m_store->runs().requestCancel(QStringLiteral("b"), QStringLiteral("bob")).value(), false);
        auto claim = m_store->runs().claimQueued(QStringLiteral("host/7/0/b/n"), 60000);
        QVERIFY(claim.ok() && claim->has_value());
        QCOMPARE((**claim).run.id, QStringLiteral("b"));
        QCOMPARE(m_store->runs().cancelQueued(QStringLiteral("b"), QStringLiteral("too late")).value(), false); // claimed meanwhile
        QVERIFY(m_store->runs().cancelRequestsFor(QStringLiteral("host/7/0/b/n"))->isEmpty());
        QCOMPARE(m_store->runs().requestCancel(QStringLiteral("b"), QStringLiteral("bob")).value(), true);
        QCOMPARE(m_store->runs().cancelRequestsFor(QStringLiteral("host/7/0/b/n")).value(), QStringList{QStringLiteral("b")});
        QVERIFY(m_store->runs().cancelRequestsFor(QStringLiteral("host/8/0/b/n"))->isEmpty());
        QCOMPARE(m_store->runs().find(QStringLiteral("b"))->cancelRequestedBy, QStringLiteral("bob"));
    }

    void queueApprovalVerifiesAndBuysNothing()
    {
        auto queued = queueApproval(*m_store, m_orgs.at(2), QStringLiteral("us"), QStringLiteral(" 510 "), QStringLiteral("carol"));
        QVERIFY(queued.ok());
        QVERIFY(!queued->existing);
        const auto run = m_store->runs().find(queued->runId);
        QCOMPARE(run->status, RunStatus::Queued);
        QCOMPARE(run->countryCode, QStringLiteral("US"));
        QCOMPARE(run->areaCode, QStringLiteral("510"));
        QCOMPARE(run->actor, QStringLiteral("carol"));
        QVERIFY(run->queuedAt.isValid());
        QCOMPARE(m_store->organizations().find(m_orgs.at(2))->status, OrgStatus::Verified);
        // Bad input is refused before anything is written; a rejected organization is not queued.
        QCOMPARE(queueApproval(*m_store, m_orgs.at(3), QStringLiteral("USA"), {}, QStringLiteral("carol")).error().kind, Error::Kind::Invalid);
        QCOMPARE(queueApproval(*m_store, m_orgs.at(3), QStringLiteral("US"), QStringLiteral("51a"), QStringLiteral("carol")).error().kind,
                 Error::Kind::Invalid);
        QVERIFY(m_store->organizations().setStatus(m_orgs.at(4), OrgStatus::Rejected).ok());
        QCOMPARE(queueApproval(*m_store, m_orgs.at(4), QStringLiteral("US"), {}, QStringLiteral("carol")).error().kind, Error::Kind::Conflict);
        QCOMPARE(m_store->runs().queuedCount().value(), 1);
        QCOMPARE(queueApproval(*m_store, m_orgs.at(2), QStringLiteral("US"), {}, QStringLiteral("carol")).error().kind, Error::Kind::Conflict);
    }

    // What a worker runs is in the workers table as soon as it changes, not at its next heartbeat: the queue
    // panels of the team (and orgctl queue) say what runs now. The heartbeat here is ten minutes away.
    void aWorkerWritesWhatItRunsAsItChanges()
    {
        QString why;
        auto vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(vendors, qPrintable(why));
        QVERIFY(vendors->sandbox().addFaults(QStringLiteral("twilio.buy=delay:1500")).ok()); // the runs stay a while
        for (int i = 0; i < 2; ++i)
            QVERIFY(queueApproval(*m_store, m_orgs.at(i), QStringLiteral("US"), {}, QStringLiteral("carol")).ok());
        QueueWorker::Options options;
        options.concurrency = 3;
        options.heartbeatMs = 600000;
        options.recoverEveryMs = 0;
        QueueWorker worker(vendors->services(), QStringLiteral("carol"), options);
        QSignalSpy started(&worker, &QueueWorker::runStarted);
        QSignalSpy ended(&worker, &QueueWorker::runEnded);
        QSignalSpy stopped(&worker, &QueueWorker::stopped);
        auto running = [this] {
            const auto alive = m_store->workers().alive(600000);
            return alive && alive->size() == 1 ? alive->constFirst().running : -1;
        };
        worker.start();
        QTRY_COMPARE(started.size(), 2);
        QCOMPARE(running(), 2); // written by the claims themselves, before any run could end
        QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 2, 60000);
        for (const QList<QVariant> &e : std::as_const(ended))
            QVERIFY2(e.at(1).value<OperationOutcome>().ok(), qPrintable(e.at(1).value<OperationOutcome>().error));
        QCOMPARE(running(), 0);
        QCOMPARE(m_store->runs().queuedCount().value(), 0);
        worker.stop();
        QVERIFY(stopped.wait(10000) || stopped.size() == 1);
    }

    void theFeedSeesChangesFromAnotherConnection()
    {
        auto feed = RunFeed::open(m_db->url());
        QVERIFY(feed.ok());
        QList<RunEvent> events;
        connect(feed.value().get(), &RunFeed::event, this, [&](const RunEvent &e) { events << e; });
        QVERIFY(feed.value()->start(20).ok());
        QVERIFY(m_store->runs().enqueue(queuedRun(QStringLiteral("f1"), m_orgs.at(5))).ok());
        auto claim = m_store->runs().claimQueued(QStringLiteral("host/9/0/b/n"), 60000);
        QVERIFY(claim.ok() && claim->has_value());
        RunStep step;
        step.runId = QStringLiteral("f1");
        step.step = QStringLiteral("buy_number");
        step.status = StepStatus::Done;
        step.attempt = 1;
        step.detail = QStringLiteral("+15105550100");
        QVERIFY(m_store->runs().saveStep(step, (**claim).fence).ok());
        // A lease renewal is not a change anyone watches.
        QVERIFY(m_store->runs().renewLease((**claim).fence, 60000).value());
        ProvisioningRun ended = (**claim).run;
        ended.status = RunStatus::Succeeded;
        ended.finishedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_store->runs().updateOutcome(ended, (**claim).fence).ok());
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 4, 10000);
        QCOMPARE(events.at(0).status, QStringLiteral("queued"));
        QCOMPARE(events.at(0).organizationId, m_orgs.at(5));
        QCOMPARE(events.at(0).kind, QStringLiteral("approve"));
        QCOMPARE(events.at(1).status, QStringLiteral("running"));
        QCOMPARE(events.at(1).owner, QStringLiteral("host/9/0/b/n"));
        QVERIFY(events.at(2).isStep());
        QCOMPARE(events.at(2).step, QStringLiteral("buy_number"));
        QCOMPARE(events.at(2).status, QStringLiteral("done"));
        QCOMPARE(events.at(2).detail, QStringLiteral("+15105550100"));
        QCOMPARE(events.at(3).status, QStringLiteral("succeeded"));
        for (const RunEvent &e : std::as_const(events)) {
            QCOMPARE(e.runId, QStringLiteral("f1"));
            QVERIFY(qAbs(e.atMs - QDateTime::currentMSecsSinceEpoch()) < 60000); // the database's clock, in ms
        }
        // Nothing twice: a later change of another run arrives, and still only those four are about f1.
        QVERIFY(m_store->runs().enqueue(queuedRun(QStringLiteral("f2"), m_orgs.at(6))).ok());
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(), [](const RunEvent &e) { return e.runId == QLatin1String("f2"); }),
                                 10000);
        QCOMPARE(std::count_if(events.cbegin(), events.cend(), [](const RunEvent &e) { return e.runId == QLatin1String("f1"); }), 4);
        // A late watcher sees the state first.
        auto snapshot = feed.value()->snapshot(10);
        QVERIFY(snapshot.ok());
        QVERIFY(std::any_of(snapshot->begin(), snapshot->end(), [](const RunEvent &e) {
            return e.runId == QLatin1String("f1") && !e.isStep() && e.status == QLatin1String("succeeded");
        }));
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
