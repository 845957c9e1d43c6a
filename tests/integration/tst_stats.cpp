#include "provisioning/setupstate.h"
#include "store/statsloader.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using namespace oc;

// The dashboard's numbers and the per-organization setup state, on both engines, against a hand-built history
// in which every rule of SetupState decides at least one organization.
class TestStats : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    QHash<QString, qint64> m_orgs;          // label → id
    QHash<QString, SetupState> m_expected;  // label → state
    qint64 m_runClock = 1700000000000;

    qint64 org(const QString &label, SetupState expected)
    {
        auto id = m_store->organizations().add({label + QStringLiteral(" GmbH"), label.toLower() + QStringLiteral("@example.com"),
                                                {}, {}, OrgStatus::Verified, {}});
        if (!id)
            qFatal("add organization: %s", qPrintable(id.error().message));
        m_orgs.insert(label, id.value());
        m_expected.insert(label, expected);
        return id.value();
    }

    void config(const QString &label, AiConfigStatus status, bool completed)
    {
        AiConfig c;
        c.organizationId = m_orgs.value(label);
        c.number = QStringLiteral("+1510555%1").arg(m_orgs.value(label) % 10000, 4, 10, QLatin1Char('0'));
        c.status = status;
        c.setupCompleted = completed;
        auto ok = m_store->aiConfigs().insert(c);
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message));
    }

    // Runs start one second apart in the order they are written, unless `startedAt` pins the time.
    void run(const QString &label, const QString &kind, RunStatus status, std::optional<qint64> setupMs = {},
             const QString &failedStep = {}, const QString &id = {}, std::optional<qint64> startedAt = {})
    {
        ProvisioningRun r;
        r.id = id.isEmpty() ? QStringLiteral("run-%1-%2").arg(label).arg(m_runClock) : id;
        r.organizationId = m_orgs.value(label);
        r.kind = kind;
        r.status = RunStatus::Running;
        r.actor = QStringLiteral("alice@console-1");
        m_runClock += 1000;
        r.startedAt = QDateTime::fromMSecsSinceEpoch(startedAt.value_or(m_runClock), Qt::UTC);
        auto created = m_store->runs().create(r);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        if (isLive(status) && status == RunStatus::Running)
            return;
        r.status = status;
        if (!isLive(status))
            r.finishedAt = r.startedAt.addSecs(5);
        r.setupTimeMs = setupMs;
        r.failedStep = failedStep;
        auto ended = m_store->runs().updateOutcome(r);
        QVERIFY2(ended.ok(), qPrintable(ended.ok() ? QString() : ended.error().message));
    }

    void seedHistory()
    {
        using S = SetupState;
        const QString approve = QStringLiteral("approve"), retry = QStringLiteral("retry"), cleanup = QStringLiteral("cleanup");
        for (const char *label : {"A1", "A2", "A3", "A4", "X4"})
            org(QString::fromLatin1(label), S::Active);
        for (const char *label : {"P1", "P2"})
            org(QString::fromLatin1(label), S::Provisioning);
        for (const char *label : {"N1", "N2", "T1"})
            org(QString::fromLatin1(label), S::NeedsAttention);
        for (const char *label : {"F1", "F2", "F3"})
            org(QString::fromLatin1(label), S::Failed);
        for (const char *label : {"X1", "X2", "X3", "Z1", "Z2", "Z3", "Z4"})
            org(QString::fromLatin1(label), S::None);

        // Active: a complete, active configuration, however it got there.
        for (const char *label : {"A1", "A2", "A3", "A4", "X4"})
            config(QString::fromLatin1(label), AiConfigStatus::Active, true);
        run(QStringLiteral("A1"), approve, RunStatus::Succeeded, 800);
        run(QStringLiteral("A2"), approve, RunStatus::Succeeded, 999);
        run(QStringLiteral("A3"), approve, RunStatus::Succeeded, 1000);
        run(QStringLiteral("A4"), approve, RunStatus::RolledBack, {}, QStringLiteral("buy_number"));
        run(QStringLiteral("A4"), retry, RunStatus::Succeeded, 4000);
        run(QStringLiteral("X4"), cleanup, RunStatus::NeedsAttention); // a cleanup that failed: not a setup failure

        // Provisioning: a live run wins over everything, an active configuration included.
        run(QStringLiteral("P1"), approve, RunStatus::Running);
        config(QStringLiteral("P2"), AiConfigStatus::Active, true);
        run(QStringLiteral("P2"), cleanup, RunStatus::Compensating);

        // Needs attention / failed: the latest run decides.
        run(QStringLiteral("N1"), approve, RunStatus::NeedsAttention, {}, QStringLiteral("register_number"));
        run(QStringLiteral("N2"), approve, RunStatus::RolledBack, {}, QStringLiteral("buy_number"));
        run(QStringLiteral("N2"), retry, RunStatus::NeedsAttention, {}, QStringLiteral("register_number"));
        run(QStringLiteral("F1"), approve, RunStatus::RolledBack, {}, QStringLiteral("buy_number"));
        run(QStringLiteral("F2"), approve, RunStatus::Canceled);
        run(QStringLiteral("F3"), approve, RunStatus::NeedsAttention, {}, QStringLiteral("register_number"));
        run(QStringLiteral("F3"), retry, RunStatus::RolledBack, {}, QStringLiteral("create_inbound_assistant"));
        // Two runs started in the same millisecond: the greater id is the latest.
        run(QStringLiteral("T1"), approve, RunStatus::RolledBack, {}, QStringLiteral("search_number"), QStringLiteral("t-a"), 1800000000000);
        run(QStringLiteral("T1"), retry, RunStatus::NeedsAttention, {}, QStringLiteral("register_number"), QStringLiteral("t-b"), 1800000000000);

        // None: an inactive or incomplete configuration, a setup cleaned up, or nothing at all.
        config(QStringLiteral("X1"), AiConfigStatus::Inactive, true);
        run(QStringLiteral("X1"), approve, RunStatus::Succeeded, 12000);
        config(QStringLiteral("X2"), AiConfigStatus::Active, false);
        run(QStringLiteral("X3"), approve, RunStatus::Succeeded, 10000);
        run(QStringLiteral("X3"), cleanup, RunStatus::Succeeded);
    }

    static void compareToHistory(const DashboardStats &s)
    {
        QCOMPARE(s.organizations, 20);
        QCOMPARE(s.newOrganizations, 20);
        QCOMPARE(s.organizationsIn(SetupState::Active), 5);
        QCOMPARE(s.organizationsIn(SetupState::Provisioning), 2);
        QCOMPARE(s.organizationsIn(SetupState::NeedsAttention), 3);
        QCOMPARE(s.organizationsIn(SetupState::Failed), 3);
        QCOMPARE(s.organizationsIn(SetupState::None), 7);

        QCOMPARE(s.runningRuns, 1);
        QCOMPARE(s.compensatingRuns, 1);
        QCOMPARE(s.liveRuns(), 2);
        // Setup runs only: the two cleanups are left out.
        QCOMPARE(s.succeededRuns, 6);
        QCOMPARE(s.rolledBackRuns, 5);
        QCOMPARE(s.needsAttentionRuns, 4);
        QCOMPARE(s.canceledRuns, 1);
        QCOMPARE(s.finishedRuns(), 16);
        QVERIFY(s.successRate().has_value());
        QCOMPARE(*s.successRate(), 6.0 / 16.0);

        const QList<std::pair<QString, qint64>> failures{
            {QStringLiteral("register_number"), 4}, {QStringLiteral("buy_number"), 3}, {QString(), 1},
            {QStringLiteral("create_inbound_assistant"), 1}, {QStringLiteral("search_number"), 1}};
        QCOMPARE(s.failuresByStep.size(), failures.size());
        qint64 sum = 0;
        for (qsizetype i = 0; i < failures.size(); ++i) {
            QCOMPARE(s.failuresByStep.at(i).step, failures.at(i).first);
            QCOMPARE(s.failuresByStep.at(i).count, failures.at(i).second);
            sum += s.failuresByStep.at(i).count;
        }
        QCOMPARE(sum, s.failedRuns());

        // 800, 999 | 1000 | – | 4000 | – | 10000, 12000
        QCOMPARE(s.timedRuns, 6);
        const QList<qint64> counts{2, 1, 0, 1, 0, 2};
        QCOMPARE(s.setupTimes.size(), counts.size());
        for (qsizetype i = 0; i < counts.size(); ++i)
            QCOMPARE(s.setupTimes.at(i).count, counts.at(i));
        QCOMPARE(s.setupTimes.first().fromMs, 0);
        QCOMPARE(s.setupTimes.first().toMs, std::optional<qint64>(1000));
        QCOMPARE(s.setupTimes.at(4).fromMs, 5000);
        QCOMPARE(s.setupTimes.at(4).toMs, std::optional<qint64>(10000));
        QCOMPARE(s.setupTimes.last().fromMs, 10000);
        QVERIFY(!s.setupTimes.last().toMs);
        QCOMPARE(s.medianSetupMs, std::optional<qint64>(1000));  // rank ⌈0.5·6⌉ = 3
        QCOMPARE(s.p95SetupMs, std::optional<qint64>(12000));    // rank ⌈0.95·6⌉ = 6
        QVERIFY(s.measuredAt.isValid());
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
        m_expected.clear();
    }
    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void setupStateNamesRoundTrip()
    {
        QCOMPARE(statusName(SetupState::NeedsAttention), QStringLiteral("needs_attention"));
        for (SetupState s : kAllSetupStates)
            QCOMPARE(setupStateFromString(statusName(s)), std::optional<SetupState>(s));
        QVERIFY(!setupStateFromString(QStringLiteral("bogus")));
    }

    void anEmptyStoreHasZeroesAndNoRates()
    {
        auto stats = m_store->stats().dashboard();
        QVERIFY2(stats.ok(), qPrintable(stats.ok() ? QString() : stats.error().message));
        QCOMPARE(stats->organizations, 0);
        for (SetupState s : kAllSetupStates)
            QCOMPARE(stats->organizationsIn(s), 0);
        QCOMPARE(stats->finishedRuns(), 0);
        QVERIFY(!stats->successRate());
        QVERIFY(stats->failuresByStep.isEmpty());
        QCOMPARE(stats->setupTimes.size(), qsizetype(StatsRepository::kSetupTimeEdgesMs.size() + 1));
        QCOMPARE(stats->timedRuns, 0);
        QVERIFY(!stats->medianSetupMs && !stats->p95SetupMs);
    }

    void dashboardCountsEveryStateRunAndSetupTime()
    {
        seedHistory();
        auto stats = m_store->stats().dashboard();
        QVERIFY2(stats.ok(), qPrintable(stats.ok() ? QString() : stats.error().message));
        compareToHistory(stats.value());
    }

    void newOrganizationsAreThoseOfTheLastSevenDays()
    {
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(1750000000000, Qt::UTC);
        for (int days : {0, 3, 7, 8, 400}) {
            NewOrganization o{QStringLiteral("Org %1").arg(days), QStringLiteral("o%1@example.com").arg(days), {}, {},
                              OrgStatus::Pending, now.addDays(-days)};
            QVERIFY(m_store->organizations().add(o).ok());
        }
        auto stats = m_store->stats().dashboard(now);
        QVERIFY(stats.ok());
        QCOMPARE(stats->organizations, 5);
        QCOMPARE(stats->newOrganizations, 3); // 0, 3 and exactly 7 days ago
        QCOMPARE(stats->measuredAt, now);
    }

    void setupSummariesAgreeWithTheRuleAndTheDashboard()
    {
        seedHistory();
        QList<qint64> ids = m_orgs.values();
        ids << 999999; // unknown: None, no number
        auto summaries = setupSummaries(*m_store, ids);
        QVERIFY2(summaries.ok(), qPrintable(summaries.ok() ? QString() : summaries.error().message));
        QCOMPARE(summaries->size(), ids.size());
        std::array<qint64, std::size(kAllSetupStates)> tally{};
        for (auto it = m_orgs.cbegin(); it != m_orgs.cend(); ++it) {
            const SetupSummary s = summaries->value(it.value());
            QVERIFY2(s.state == m_expected.value(it.key()),
                     qPrintable(QStringLiteral("%1 is %2, expected %3").arg(it.key(), statusName(s.state), statusName(m_expected.value(it.key())))));
            ++tally[std::size_t(s.state)];
        }
        QCOMPARE(summaries->value(999999).state, SetupState::None);
        QVERIFY(summaries->value(999999).number.isEmpty());
        // The number comes with any configuration, active or not.
        QVERIFY(summaries->value(m_orgs.value(QStringLiteral("A1"))).number.startsWith(QStringLiteral("+1510555")));
        QVERIFY(summaries->value(m_orgs.value(QStringLiteral("X1"))).number.startsWith(QStringLiteral("+1510555")));
        QVERIFY(summaries->value(m_orgs.value(QStringLiteral("F1"))).number.isEmpty());

        auto stats = m_store->stats().dashboard();
        QVERIFY(stats.ok());
        for (SetupState s : kAllSetupStates)
            QCOMPARE(tally[std::size_t(s)], stats->organizationsIn(s));
    }

    void setupSummariesTakeMoreIdsThanOneStatementBinds()
    {
        seedHistory();
        QList<qint64> ids;
        for (qint64 id = 100000; id < 101200; ++id)
            ids << id;
        ids << m_orgs.value(QStringLiteral("P1")) << m_orgs.value(QStringLiteral("N2"));
        auto summaries = setupSummaries(*m_store, ids);
        QVERIFY(summaries.ok());
        QCOMPARE(summaries->size(), ids.size());
        QCOMPARE(summaries->value(m_orgs.value(QStringLiteral("P1"))).state, SetupState::Provisioning);
        QCOMPARE(summaries->value(m_orgs.value(QStringLiteral("N2"))).state, SetupState::NeedsAttention);
        QVERIFY(setupSummaries(*m_store, {}).ok());
    }

    void theRuleInOrderOfPrecedence()
    {
        QCOMPARE(setupStateOf(true, true, RunStatus::NeedsAttention), SetupState::Provisioning);
        QCOMPARE(setupStateOf(false, true, RunStatus::NeedsAttention), SetupState::Active);
        QCOMPARE(setupStateOf(false, false, RunStatus::NeedsAttention), SetupState::NeedsAttention);
        QCOMPARE(setupStateOf(false, false, RunStatus::RolledBack), SetupState::Failed);
        QCOMPARE(setupStateOf(false, false, RunStatus::Canceled), SetupState::Failed);
        QCOMPARE(setupStateOf(false, false, RunStatus::Succeeded), SetupState::None);
        QCOMPARE(setupStateOf(false, false, std::nullopt), SetupState::None);
    }

    void loaderReadsOnItsOwnThreadAndCoalescesRequests()
    {
        seedHistory();
        StatsLoader loader(m_db->url());
        QSignalSpy loaded(&loader, &StatsLoader::loaded);
        QSignalSpy failed(&loader, &StatsLoader::failed);
        loader.request();
        loader.request(); // remembered while the first runs
        loader.request(); // … once
        QVERIFY(loader.busy());
        QTRY_COMPARE(loaded.size(), 2);
        QVERIFY(!loader.busy());
        QCOMPARE(failed.size(), 0);
        compareToHistory(loaded.first().first().value<DashboardStats>());
        QVERIFY(!loaded.wait(50)); // nothing else arrives
        QCOMPARE(loaded.size(), 2);
    }

    void loaderReportsAnUnreachableDatabase()
    {
        // Under a regular file: no directory can be made there, not even by root.
        QTemporaryFile blocker;
        QVERIFY(blocker.open());
        DatabaseUrl url = m_db->url();
        url.engine = DatabaseUrl::Engine::Sqlite;
        url.path = blocker.fileName() + QStringLiteral("/stats.sqlite");
        StatsLoader loader(url);
        QSignalSpy failed(&loader, &StatsLoader::failed);
        loader.request();
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
    }

    void auditFiltersByTextActorAndActionAndPagesByKey()
    {
        auto id = m_store->organizations().add({QStringLiteral("Acme"), QStringLiteral("a@acme.com"), {}, {}, OrgStatus::Pending, {}});
        QVERIFY(id.ok());
        const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
        for (int i = 0; i < 30; ++i) {
            AuditRecord r;
            r.at = t0.addSecs(i / 2); // pairs share a timestamp: the id breaks the tie
            r.actor = i % 3 ? QStringLiteral("alice@console-1") : QStringLiteral("Bob@console-2");
            r.action = i % 2 ? QStringLiteral("org.approve") : QStringLiteral("org.cleanup");
            r.organizationId = id.value();
            r.runId = QStringLiteral("run-%1").arg(i);
            r.externalIds = {QStringLiteral("PN%1").arg(i, 4, 10, QLatin1Char('0'))};
            r.outcome = QStringLiteral("succeeded");
            r.detail = i == 7 ? QStringLiteral("100% of the NUMBER_pool used") : QStringLiteral("detail %1").arg(i);
            QVERIFY(m_store->audit().append(r).ok());
        }
        auto list = [&](AuditQuery q) {
            auto r = m_store->audit().list(q);
            if (!r)
                qFatal("%s", qPrintable(r.error().message));
            return r.value();
        };
        AuditQuery q;
        q.text = QStringLiteral("number_POOL");
        QCOMPARE(list(q).size(), 1);
        q.text = QStringLiteral("100%");  // % is literal, not a wildcard
        QCOMPARE(list(q).size(), 1);
        q.text = QStringLiteral("0%");
        QCOMPARE(list(q).size(), 1);
        q.text = QStringLiteral("pn0012"); // an external id
        QCOMPARE(list(q).size(), 1);
        q.text = QStringLiteral("RUN-2");  // run-2, run-20…29
        QCOMPARE(list(q).size(), 11);
        q.text = QStringLiteral("Detail 2"); // detail 2, detail 20…29
        QCOMPARE(list(q).size(), 11);
        QCOMPARE(list(q).first().organizationName, QStringLiteral("Acme"));
        q = {};
        q.actorContains = QStringLiteral("bob");
        QCOMPARE(list(q).size(), 10);
        q.action = QStringLiteral("org.approve");
        QCOMPARE(list(q).size(), 5);

        // Keyset pages of 7 reach every record once, newest first.
        q = {};
        q.limit = 7;
        QList<qint64> seen;
        for (;;) {
            const QList<AuditRecord> page = list(q);
            for (const AuditRecord &r : page)
                seen << r.id;
            if (page.size() < q.limit)
                break;
            q.before = AuditQuery::keyOf(page.last());
        }
        QCOMPARE(seen.size(), 30);
        QList<qint64> sorted = seen;
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        QCOMPARE(seen, sorted);

        auto actions = m_store->audit().actions();
        QVERIFY(actions.ok());
        QCOMPARE(actions.value(), (QStringList{QStringLiteral("org.approve"), QStringLiteral("org.cleanup")}));
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
