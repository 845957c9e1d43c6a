#include "store/store.h"
#include "testdatabase.h"

#include <QTest>

using namespace oc;

class TestJournalRepositories : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    qint64 m_orgId = 0;

    ProvisioningRun run(const QString &id)
    {
        ProvisioningRun r;
        r.id = id;
        r.organizationId = m_orgId;
        r.kind = QStringLiteral("approve");
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
        auto id = m_store->organizations().add({QStringLiteral("Acme"), QStringLiteral("a@acme.com"), {}, {}, OrgStatus::Pending, {}});
        QVERIFY(id.ok());
        m_orgId = id.value();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void aiConfigKeepsEverySeedField()
    {
        AiConfig c;
        c.organizationId = m_orgId;
        c.clientId = QStringLiteral("usr_42");
        c.runId = QStringLiteral("r1");
        c.inboundAssistantId = QStringLiteral("asst_in");
        c.outboundAssistantId = QStringLiteral("asst_out");
        c.number = QStringLiteral("+15105551234");
        c.phoneNumberSid = QStringLiteral("PN0123456789abcdef0123456789abcdef");
        c.vapiPhoneNumberId = QStringLiteral("vpn_1");
        c.status = AiConfigStatus::Active;
        c.setupCompleted = true;
        c.setupDate = QDateTime::fromMSecsSinceEpoch(1705314600000, Qt::UTC);
        QVERIFY(m_store->aiConfigs().insert(c).ok());
        auto found = m_store->aiConfigs().findByOrganization(m_orgId);
        QVERIFY(found.ok());
        QCOMPARE(found->clientId, c.clientId);
        QCOMPARE(found->runId, c.runId);
        QCOMPARE(found->inboundAssistantId, c.inboundAssistantId);
        QCOMPARE(found->outboundAssistantId, c.outboundAssistantId);
        QCOMPARE(found->number, c.number);
        QCOMPARE(found->phoneNumberSid, c.phoneNumberSid);
        QCOMPARE(found->vapiPhoneNumberId, c.vapiPhoneNumberId);
        QCOMPARE(found->status, AiConfigStatus::Active);
        QVERIFY(found->setupCompleted);
        QCOMPARE(found->setupDate, c.setupDate);
        QVERIFY(found->createdAt.isValid() && found->updatedAt.isValid());
        QCOMPARE(m_store->aiConfigs().findByNumber(c.number)->organizationId, m_orgId);
    }

    void aSecondConfigForTheSameOrganizationIsRefused()
    {
        AiConfig c;
        c.organizationId = m_orgId;
        QVERIFY(m_store->aiConfigs().insert(c).ok());
        auto second = m_store->aiConfigs().insert(c);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, Error::Kind::Conflict);
        QCOMPARE(m_store->aiConfigs().all()->size(), 1);
    }

    void aiConfigUpdatesAndRemoves()
    {
        AiConfig c;
        c.organizationId = m_orgId;
        QVERIFY(m_store->aiConfigs().insert(c).ok());
        c.status = AiConfigStatus::Suspended;
        c.number = QStringLiteral("+14155550100");
        QVERIFY(m_store->aiConfigs().update(c).ok());
        QCOMPARE(m_store->aiConfigs().findByOrganization(m_orgId)->status, AiConfigStatus::Suspended);
        QVERIFY(m_store->aiConfigs().removeForOrganization(m_orgId).ok());
        QCOMPARE(m_store->aiConfigs().findByOrganization(m_orgId).error().kind, Error::Kind::NotFound);
        QCOMPARE(m_store->aiConfigs().removeForOrganization(m_orgId).error().kind, Error::Kind::NotFound);
    }

    void onlyOneLiveRunPerOrganization()
    {
        QVERIFY(m_store->runs().create(run(QStringLiteral("run-a"))).ok());
        auto second = m_store->runs().create(run(QStringLiteral("run-b")));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().kind, Error::Kind::Conflict);
        QVERIFY2(second.error().message.contains(QLatin1String("already in progress")), qPrintable(second.error().message));

        ProvisioningRun ended = run(QStringLiteral("run-a"));
        ended.status = RunStatus::RolledBack;
        ended.finishedAt = QDateTime::currentDateTimeUtc();
        ended.failedStep = QStringLiteral("buy_number");
        ended.error = QStringLiteral("No available phone numbers in area code 510");
        QVERIFY(m_store->runs().updateOutcome(ended).ok());
        QVERIFY(m_store->runs().create(run(QStringLiteral("run-b"))).ok());

        auto runs = m_store->runs().forOrganization(m_orgId);
        QCOMPARE(runs->size(), 2);
        QCOMPARE(runs->at(0).status, RunStatus::RolledBack);
        QCOMPARE(runs->at(0).failedStep, QStringLiteral("buy_number"));
        QCOMPARE(m_store->runs().withStatus({RunStatus::Running, RunStatus::Compensating})->size(), 1);
    }

    void leaseGoesToExactlyOneClaimant()
    {
        ProvisioningRun r = run(QStringLiteral("run-l"));
        r.leaseOwner = QStringLiteral("console-1");
        auto first = m_store->runs().create(r, 30000);
        QVERIFY(first.ok());
        QCOMPARE(first->epoch, 1);
        RunRepository &runs = m_store->runs();
        auto state = runs.leaseState(QStringLiteral("run-l"));
        QCOMPARE(state->owner, QStringLiteral("console-1"));
        QVERIFY(!state->expired);
        // A live lease is not taken by a claim that requires it expired…
        QVERIFY(!runs.claimLease(QStringLiteral("run-l"), QStringLiteral("console-2"), state.value(), 30000, true)->has_value());
        QCOMPARE(runs.renewLease(LeaseFence{QStringLiteral("run-l"), QStringLiteral("console-2"), 1}, 60000).value(), false);
        QCOMPARE(runs.renewLease(first.value(), 60000).value(), true);
        // …and of two claims on the same observed owner and epoch (the holder is gone), exactly one wins.
        auto won = runs.claimLease(QStringLiteral("run-l"), QStringLiteral("console-2"), state.value(), 30000, false);
        auto lost = runs.claimLease(QStringLiteral("run-l"), QStringLiteral("console-3"), state.value(), 30000, false);
        QVERIFY(won->has_value());
        QCOMPARE(won->value().epoch, 2);
        QVERIFY(!lost->has_value());
        QCOMPARE(runs.find(QStringLiteral("run-l"))->leaseOwner, QStringLiteral("console-2"));
        QCOMPARE(runs.find(QStringLiteral("run-l"))->leaseEpoch, 2);
        // The old holder is fenced: its renewal, its journal lines and its outcome are refused.
        QCOMPARE(runs.renewLease(first.value(), 60000).value(), false);
        RunStep step;
        step.runId = QStringLiteral("run-l");
        step.step = QStringLiteral("buy_number");
        step.status = StepStatus::Intent;
        QCOMPARE(runs.saveStep(step, first.value()).error().kind, Error::Kind::Fenced);
        ProvisioningRun ended = r;
        ended.status = RunStatus::Succeeded;
        QCOMPARE(runs.updateOutcome(ended, first.value()).error().kind, Error::Kind::Fenced);
        QCOMPARE(runs.find(QStringLiteral("run-l"))->status, RunStatus::Running);
        QVERIFY(runs.steps(QStringLiteral("run-l"))->isEmpty());
        // The new holder writes; released, the lease is free for a claim on the released state.
        QVERIFY(runs.saveStep(step, won->value()).ok());
        QVERIFY(runs.releaseLease(won->value()).ok());
        QVERIFY(runs.find(QStringLiteral("run-l"))->leaseOwner.isEmpty());
        auto released = runs.leaseState(QStringLiteral("run-l"));
        QVERIFY(released->expired);
        QVERIFY(runs.claimLease(QStringLiteral("run-l"), QStringLiteral("console-3"), released.value(), 30000, true)->has_value());
    }

    void anExpiredLeaseIsClaimedByTheDatabasesClock()
    {
        ProvisioningRun r = run(QStringLiteral("run-e"));
        r.leaseOwner = QStringLiteral("far-away/1/1");
        QVERIFY(m_store->runs().create(r, -1000).ok()); // expired a second ago, by the server's clock
        auto state = m_store->runs().leaseState(QStringLiteral("run-e"));
        QVERIFY(state->expired);
        QVERIFY(m_store->runs().claimLease(QStringLiteral("run-e"), QStringLiteral("console-2"), state.value(), 30000, true)->has_value());
        QVERIFY(!m_store->runs().leaseState(QStringLiteral("run-e"))->expired);
    }

    void stepsRecordIntentThenResult()
    {
        ProvisioningRun r = run(QStringLiteral("run-s"));
        r.leaseOwner = QStringLiteral("console-1");
        auto fence = m_store->runs().create(r);
        QVERIFY(fence.ok());
        RunStep step;
        step.runId = QStringLiteral("run-s");
        step.step = QStringLiteral("buy_number");
        step.status = StepStatus::Intent;
        step.attempt = 1;
        step.lookupTag = QStringLiteral("+15105551234");
        step.startedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_store->runs().saveStep(step, fence.value()).ok());
        step.status = StepStatus::Done;
        step.externalId = QStringLiteral("PN123");
        step.finishedAt = QDateTime::currentDateTimeUtc();
        QVERIFY(m_store->runs().saveStep(step, fence.value()).ok());
        auto steps = m_store->runs().steps(QStringLiteral("run-s"));
        QCOMPARE(steps->size(), 1);
        QCOMPARE(steps->first().status, StepStatus::Done);
        QCOMPARE(steps->first().externalId, QStringLiteral("PN123"));
        QCOMPARE(steps->first().lookupTag, QStringLiteral("+15105551234"));
        QCOMPARE(steps->first().attempt, 1);
        QVERIFY(m_store->runs().idsHeldByLiveRuns()->contains(QStringLiteral("PN123")));
    }

    void auditLogIsAppendOnly()
    {
        AuditRecord r;
        r.actor = QStringLiteral("alice@console-1");
        r.action = QStringLiteral("org.approve");
        r.organizationId = m_orgId;
        r.runId = QStringLiteral("run-x");
        r.externalIds = {QStringLiteral("PN123"), QStringLiteral("asst_1")};
        r.outcome = QStringLiteral("ok");
        auto id = m_store->audit().append(r);
        QVERIFY(id.ok());
        AuditQuery q;
        q.organizationId = m_orgId;
        auto records = m_store->audit().list(q);
        QCOMPARE(records->size(), 1);
        QCOMPARE(records->first().externalIds, r.externalIds);
        QCOMPARE(records->first().action, r.action);
        QVERIFY(records->first().at.isValid());
        QVERIFY(!m_store->database().exec(QStringLiteral("UPDATE audit_log SET outcome = 'forged'")).ok());
        QVERIFY(!m_store->database().exec(QStringLiteral("DELETE FROM audit_log")).ok());
        QCOMPARE(m_store->audit().list({})->first().outcome, QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestJournalRepositories)
#include "tst_journalrepositories.moc"
