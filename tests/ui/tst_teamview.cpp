#include "console/consoleengine.h"
#include "console/liverun.h"
#include "mainwindow.h"
#include "runsmodel.h"
#include "runsview.h"
#include "sandbox/sandbox.h"
#include "sandboxenvironment.h"
#include "sandboxservices.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QLabel>
#include <QProcess>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

using namespace oc;

// The console sees the team: a console window (offscreen) following the database shows runs that another
// process (orgctl) started or queued, live; cancels a queued one; and sets queued approvals up itself when
// told to drain the queue.
class TestTeamView : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<test::SandboxServices> m_vendors;
    std::unique_ptr<ConsoleEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_home;
    QList<qint64> m_orgs;

    RunsModel *model() const { return m_window->runsView()->runsModel(); }

    LiveRun *runOf(qint64 org) const
    {
        for (int row = 0; row < model()->rowCount(); ++row) {
            LiveRun *run = model()->runAt(row);
            if (run && run->organizationId() == org)
                return run;
        }
        return nullptr;
    }

    QString cell(LiveRun *run, int column) const
    {
        const int row = model()->rowOf(run);
        return row < 0 ? QString() : model()->index(row, column).data().toString();
    }

    std::unique_ptr<QProcess> orgctl(const QStringList &args)
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(test::orgctlEnvironment(m_vendors->sandbox(), m_db->urlText(), m_home.path()));
        p->start(QStringLiteral(ORGCTL), args);
        return p;
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }

    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        m_store = Store::open(m_db->url()).value();
        m_orgs.clear();
        for (const QString &name : {QStringLiteral("Bayview Dental"), QStringLiteral("Harbor Plumbing"), QStringLiteral("Cedar Clinic 🌲")})
            m_orgs << m_store->organizations().add({name, QStringLiteral("o%1@team.example").arg(m_orgs.size()), {}, {}, OrgStatus::Pending, {}}).value();
        QString why;
        m_vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(m_vendors, qPrintable(why));
        m_engine = std::make_unique<ConsoleEngine>(m_vendors->services(), QStringLiteral("tester"), 8);
        MainWindowOptions options;
        options.databaseLabel = QStringLiteral("team");
        m_window = std::make_unique<MainWindow>(*m_store, *m_engine, options);
        m_window->resize(1280, 800);
        m_window->show();
        QSignalSpy following(m_engine.get(), &ConsoleEngine::followingTeam);
        m_engine->followTeam();
        QCOMPARE(following.size(), 1); // at once: this engine shares the test's thread
        QVERIFY2(following.at(0).at(0).toBool(), qPrintable(following.at(0).at(1).toString()));
    }

    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_vendors.reset();
        m_store.reset();
        m_db.reset();
    }

    void showsARunAnotherProcessDrivesLive()
    {
        QVERIFY(m_vendors->sandbox().addFaults(QStringLiteral("twilio.buy=delay:1500")).ok());
        auto approve = orgctl({QStringLiteral("approve"), QString::number(m_orgs.at(0)), QStringLiteral("--area-code"), QStringLiteral("510")});
        QTRY_VERIFY_WITH_TIMEOUT(runOf(m_orgs.at(0)), 20000);
        LiveRun *run = runOf(m_orgs.at(0));
        QVERIFY(run->isRemote());
        QTRY_VERIFY_WITH_TIMEOUT(cell(run, RunsModel::WhereColumn).contains(QStringLiteral("pid %1").arg(approve->processId())), 10000);
        QVERIFY(!run->isFinished()); // seen while it runs, not after
        QCOMPARE(cell(run, RunsModel::OrganizationColumn), QStringLiteral("Bayview Dental"));
        QVERIFY(!cell(run, RunsModel::StartedByColumn).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(run->outcome(), LiveRun::Outcome::Succeeded, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(approve->state() == QProcess::NotRunning, 30000); // the sandbox answers from this event loop
        QCOMPARE(approve->exitCode(), 0);
        QCOMPARE(cell(run, RunsModel::StateColumn), LiveRun::outcomeName(LiveRun::Outcome::Succeeded));
        bool bought = false;
        for (const LiveRun::Step &s : run->steps())
            bought = bought || (s.name == QLatin1String("buy_number") && s.state == pipeline::StepState::Succeeded);
        QVERIFY(bought);
    }

    void aQueuedRunShowsAndCancelsFromTheConsole()
    {
        auto queue = orgctl({QStringLiteral("approve"), QString::number(m_orgs.at(1)), QStringLiteral("--queue")});
        QVERIFY(queue->waitForFinished(30000));
        QCOMPARE(queue->exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(runOf(m_orgs.at(1)), 20000);
        LiveRun *run = runOf(m_orgs.at(1));
        QVERIFY(run->isQueued());
        QCOMPARE(cell(run, RunsModel::StateColumn), RunsModel::tr("Queued"));
        m_engine->refreshQueue();
        QLabel *queued = nullptr;
        for (QLabel *l : m_window->runsView()->findChildren<QLabel *>())
            queued = l->accessibleName() == QLatin1String("Queue") ? l : queued;
        QVERIFY(queued);
        QTRY_VERIFY_WITH_TIMEOUT(queued->text().startsWith(QLatin1String("1 queued")), 10000);
        QVERIFY(ConsoleEngine::canCancel(run));
        QVERIFY(m_engine->cancel(run));
        QCOMPARE(m_store->runs().find(run->runId())->status, RunStatus::Canceled);
        QTRY_COMPARE_WITH_TIMEOUT(run->outcome(), LiveRun::Outcome::Canceled, 10000);
        QCOMPARE(m_vendors->ledgerCount("numbers"), 0);
    }

    // A bulk approval in a console that follows the team is queued (it survives the console being closed) and
    // set up by this console's share of the queue.
    void aBulkApprovalIsQueuedAndDrained()
    {
        m_window->setCountryChooser([](const QList<Organization> &, QString &country, QString &areaCode) {
            country = QStringLiteral("US");
            areaCode = QStringLiteral("415");
            return true;
        });
        QList<Organization> both{m_store->organizations().find(m_orgs.at(0)).value(), m_store->organizations().find(m_orgs.at(1)).value()};
        m_window->actions()->approve(both);
        QCOMPARE(m_store->runs().queuedCount().value(), 2); // queued, not started in this process
        m_engine->setQueueDraining(2);
        QTRY_VERIFY_WITH_TIMEOUT(runOf(m_orgs.at(0)) && runOf(m_orgs.at(1)), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(runOf(m_orgs.at(0))->outcome(), LiveRun::Outcome::Succeeded, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(runOf(m_orgs.at(1))->outcome(), LiveRun::Outcome::Succeeded, 60000);
        QCOMPARE(m_vendors->ledgerCount("numbers"), 2);
        QCOMPARE(m_store->runs().queuedCount().value(), 0);
    }

    void drainsTheQueueWhenToldTo()
    {
        m_engine->setQueueDraining(1);
        QCOMPARE(m_engine->queueDraining(), 1);
        auto queue = orgctl({QStringLiteral("approve"), QString::number(m_orgs.at(2)), QStringLiteral("--area-code"), QStringLiteral("510"),
                             QStringLiteral("--queue")});
        QVERIFY(queue->waitForFinished(30000));
        QCOMPARE(queue->exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(runOf(m_orgs.at(2)), 20000);
        LiveRun *run = runOf(m_orgs.at(2));
        QTRY_COMPARE_WITH_TIMEOUT(run->outcome(), LiveRun::Outcome::Succeeded, 60000);
        QVERIFY(!run->isRemote()); // this console set it up
        QCOMPARE(cell(run, RunsModel::WhereColumn), ConsoleEngine::tr("this console"));
        QVERIFY(m_store->aiConfigs().findByOrganization(m_orgs.at(2))->setupCompleted);
        QCOMPARE(m_vendors->ledgerCount("numbers"), 1);
    }
};

QTEST_MAIN(TestTeamView)
#include "tst_teamview.moc"
