#include "console/consoleengine.h"
#include "console/liverun.h"
#include "mainwindow.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "orphansview.h"
#include "runsmodel.h"
#include "runsview.h"
#include "sandbox/sandbox.h"
#include "sandboxservices.h"
#include "store/store.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace oc;
using oc::sandbox::Sandbox;
using pipeline::StepState;

// The console driven by clicks against the sandbox over HTTP, with the real engine, clients, mailer and store.
class TestConsoleWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<test::SandboxServices> m_vendors;
    Sandbox *m_sandbox = nullptr;
    std::unique_ptr<ConsoleEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QList<qint64> m_orgs;
    QString m_areaCode = QStringLiteral("510");
    int m_chooserCalls = 0;

    int ledgerCount(const char *what) const { return m_vendors->ledgerCount(what); }

    // Answers the next modal message box by clicking the button with this text.
    void answerNextMessageBox(const QString &buttonText)
    {
        QTimer::singleShot(50, this, [this, buttonText] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return answerNextMessageBox(buttonText); // not up yet
            for (QAbstractButton *b : box->buttons()) {
                if (b->text().remove(QLatin1Char('&')) == buttonText) {
                    b->click();
                    return;
                }
            }
            QFAIL(qPrintable(QStringLiteral("no button %1 in %2").arg(buttonText, box->text())));
        });
    }

    void selectOrg(qint64 id)
    {
        m_window->tabs()->setCurrentWidget(m_window->organizationsView());
        m_window->organizationsView()->selectOrganization(id);
        QCOMPARE(m_window->organizationsView()->selectedOrganizations().size(), 1);
        QCOMPARE(m_window->organizationsView()->selectedOrganizations().first().id, id);
    }

    LiveRun *waitForCurrentRun()
    {
        RunsView *runs = m_window->runsView();
        LiveRun *run = runs->currentRun();
        if (!run)
            return nullptr;
        (void)QTest::qWaitFor([run] { return run->isFinished(); }, 30000);
        return run->isFinished() ? run : nullptr;
    }

    QString shown(qint64 id, int column, int role = Qt::DisplayRole)
    {
        OrganizationsModel *model = m_window->organizationsView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->organizationAt(row)->id == id)
                return model->index(row, column).data(role).toString();
        }
        return {};
    }
    QString statusShown(qint64 id) { return shown(id, OrganizationsModel::StatusColumn); }

    QAction *sandboxAction(const QString &spec)
    {
        for (QAction *menu : m_window->menuBar()->actions()) {
            if (!menu->menu())
                continue;
            for (QAction *a : menu->menu()->actions()) {
                if (a->toolTip() == spec)
                    return a;
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void init()
    {
        QString why;
        m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(m_db, qPrintable(why));
        m_store = Store::open(m_db->url()).value();
        m_orgs.clear();
        for (const QString &name : {QStringLiteral("Bayview Dental"), QStringLiteral("Harbor <b>Plumbing</b> Inc"),
                                    QStringLiteral("Cedar Clinic 🌲")}) {
            m_orgs << m_store->organizations()
                          .add({name, QStringLiteral("owner%1@example.com").arg(m_orgs.size()), QStringLiteral("Owner"),
                                QStringLiteral("usr_%1").arg(m_orgs.size()), OrgStatus::Pending, {}})
                          .value();
        }
        m_vendors = test::SandboxServices::start(*m_store, &why);
        QVERIFY2(m_vendors, qPrintable(why));
        m_sandbox = &m_vendors->sandbox();
        m_engine = std::make_unique<ConsoleEngine>(m_vendors->services(), QStringLiteral("tester"), 8);
        MainWindowOptions options;
        options.databaseLabel = QStringLiteral("test");
        options.sandboxMode = true;
        options.addSandboxFaults = [this](const QString &spec) { return m_sandbox->addFaults(spec); };
        options.clearSandboxFaults = [this] { m_sandbox->clearFaults(); };
        m_window = std::make_unique<MainWindow>(*m_store, *m_engine, options);
        m_chooserCalls = 0;
        m_window->setCountryChooser([this](const QList<Organization> &, QString &country, QString &areaCode) {
            ++m_chooserCalls;
            country = QStringLiteral("US");
            areaCode = m_areaCode;
            return true;
        });
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_engine.reset();
        m_vendors.reset();
        m_sandbox = nullptr;
        m_store.reset();
        m_db.reset();
    }

    void approveByClicksShowsEveryStepAndTheNumber()
    {
        RunsView *runs = m_window->runsView();
        QAbstractItemModelTester runsTester(runs->runsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester stepsTester(runs->stepsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        selectOrg(m_orgs[0]);
        QVERIFY(m_window->approveAction()->isEnabled());
        // Ctrl+Return on the table approves the selection.
        QTest::keyClick(m_window->organizationsView()->table(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(m_chooserCalls, 1);
        QCOMPARE(m_window->tabs()->currentWidget(), runs);
        LiveRun *run = waitForCurrentRun();
        QVERIFY(run);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        // Every step row reached Done, the overall bar is full, the log tells the story.
        StepsModel *steps = runs->stepsModel();
        QCOMPARE(steps->rowCount(), m_engine->provisioningSteps().size());
        for (int row = 0; row < steps->rowCount(); ++row) {
            QCOMPARE(StepState(steps->index(row, 0).data(StepsModel::StateRole).toInt()), StepState::Succeeded);
            QCOMPARE(steps->index(row, StepsModel::ProgressColumn).data(StepsModel::ProgressRole).toInt(), 100);
        }
        QCOMPARE(runs->overallProgress()->value(), runs->overallProgress()->maximum());
        QVERIFY(runs->logPane()->toPlainText().contains(QLatin1String("Buy the phone number")));
        QVERIFY(!runs->cancelButton()->isEnabled());
        QVERIFY(!runs->retryButton()->isEnabled());
        QVERIFY(runs->cleanupButton()->isEnabled());
        QVERIFY(runs->resendButton()->isEnabled());
        // The organizations table shows the change without a manual refresh.
        QCOMPARE(statusShown(m_orgs[0]), QStringLiteral("verified"));
        QVERIFY(run->phoneNumber().startsWith(QLatin1String("+1510")));
        QCOMPARE(shown(m_orgs[0], OrganizationsModel::SetupColumn), QStringLiteral("Active"));
        QCOMPARE(shown(m_orgs[0], OrganizationsModel::PhoneColumn, OrganizationsModel::RawValueRole), run->phoneNumber());
        // Shown for humans: (510) 555-01xx.
        QVERIFY2(shown(m_orgs[0], OrganizationsModel::PhoneColumn).startsWith(QLatin1String("(510) ")),
                 qPrintable(shown(m_orgs[0], OrganizationsModel::PhoneColumn)));
        QCOMPARE(ledgerCount("numbers"), 1);
        // Render it: a broken layout or paint crash shows up here.
        QVERIFY(!m_window->grab().isNull());
    }

    void failureThenRetryThenCleanup()
    {
        RunsView *runs = m_window->runsView();
        QAction *fault = sandboxAction(QStringLiteral("vapi.phone.create*1=400"));
        QVERIFY(fault);
        fault->trigger();
        selectOrg(m_orgs[1]);
        m_window->approveAction()->trigger();
        LiveRun *run = waitForCurrentRun();
        QVERIFY(run);
        QCOMPARE(run->outcome(), LiveRun::Outcome::Failed);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(shown(m_orgs[1], OrganizationsModel::SetupColumn), QStringLiteral("Failed"));
        QVERIFY(runs->retryButton()->isEnabled());
        QVERIFY(!runs->cleanupButton()->isEnabled());
        QVERIFY(!runs->resendButton()->isEnabled());

        m_areaCode = QStringLiteral("415");
        QTest::mouseClick(runs->retryButton(), Qt::LeftButton);
        LiveRun *retry = runs->currentRun();
        QVERIFY(retry != run);
        QCOMPARE(retry->kind(), LiveRun::Kind::Retry);
        QVERIFY(waitForCurrentRun());
        QVERIFY2(retry->outcome() == LiveRun::Outcome::Succeeded, qPrintable(retry->errorMessage()));
        QVERIFY(retry->phoneNumber().startsWith(QLatin1String("+1415")));
        QCOMPARE(ledgerCount("numbers"), 1);

        // Clean up asks first; "Cancel" leaves everything as it is.
        answerNextMessageBox(QStringLiteral("Cancel"));
        QTest::mouseClick(runs->cleanupButton(), Qt::LeftButton);
        QCOMPARE(runs->currentRun(), retry);
        QCOMPARE(ledgerCount("numbers"), 1);
        answerNextMessageBox(QStringLiteral("Clean up"));
        QTest::mouseClick(runs->cleanupButton(), Qt::LeftButton);
        LiveRun *clean = runs->currentRun();
        QCOMPARE(clean->kind(), LiveRun::Kind::Cleanup);
        QVERIFY(waitForCurrentRun());
        QVERIFY2(clean->outcome() == LiveRun::Outcome::Succeeded, qPrintable(clean->errorMessage()));
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        QCOMPARE(shown(m_orgs[1], OrganizationsModel::SetupColumn), QStringLiteral("None"));
        QCOMPARE(shown(m_orgs[1], OrganizationsModel::PhoneColumn), QString());
    }

    void cancelAsksThenRollsBack()
    {
        RunsView *runs = m_window->runsView();
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:1500,vapi.assistant.create=delay:1500")).ok());
        selectOrg(m_orgs[2]);
        m_window->approveAction()->trigger();
        LiveRun *run = runs->currentRun();
        QVERIFY(run);
        QTRY_VERIFY(runs->cancelButton()->isEnabled());
        QTRY_COMPARE(shown(m_orgs[2], OrganizationsModel::SetupColumn), QStringLiteral("Provisioning"));
        answerNextMessageBox(QStringLiteral("Yes"));
        QTest::mouseClick(runs->cancelButton(), Qt::LeftButton);
        QVERIFY(run->isCancelRequested());
        QVERIFY(!runs->cancelButton()->isEnabled());
        QVERIFY(waitForCurrentRun());
        QCOMPARE(run->outcome(), LiveRun::Outcome::Canceled);
        QVERIFY(runs->retryButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->inFlight(), 0, 5000);
        QCOMPARE(ledgerCount("numbers"), 0);
    }

    void bulkApprovalRunsThemAll()
    {
        m_window->tabs()->setCurrentWidget(m_window->organizationsView());
        QTableView *table = m_window->organizationsView()->table();
        table->selectAll();
        QCOMPARE(m_window->organizationsView()->selectedOrganizations().size(), 3);
        QVERIFY(m_window->approveAction()->text().contains(QLatin1String("3")));
        m_window->approveAction()->trigger();
        QCOMPARE(m_chooserCalls, 1); // one question for the whole selection
        QTRY_COMPARE(m_engine->runs().size(), 3);
        for (LiveRun *run : m_engine->runs()) {
            QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
            QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        }
        QCOMPARE(ledgerCount("numbers"), 3);
        QCOMPARE(m_window->runsView()->runsModel()->rowCount(), 3);
    }

    void aRunFinishingInTheBackgroundNotifies()
    {
        QSignalSpy notified(m_window.get(), &MainWindow::notified);
        // In the window: the runs view shows it, no notification.
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        selectOrg(m_orgs[0]);
        m_window->approveAction()->trigger();
        QVERIFY(waitForCurrentRun());
        QCOMPARE(notified.size(), 0);
        // Elsewhere: another window has the focus when the next run ends.
        QWidget elsewhere;
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        QVERIFY(!m_window->isActiveWindow());
        m_engine->approve(m_store->organizations().find(m_orgs[1]).value(), QStringLiteral("US"), QString());
        QVERIFY(notified.wait(30000));
        QCOMPARE(notified.size(), 1);
        QVERIFY(notified.first().at(1).toBool());
        QVERIFY2(notified.first().at(0).toString().contains(QLatin1String("Harbor")), qPrintable(notified.first().at(0).toString()));
    }

    void orphansScanFindsNothingOnACleanAccount()
    {
        m_window->tabs()->setCurrentWidget(m_window->orphansView());
        QTest::mouseClick(m_window->orphansView()->scanButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->orphansView()->scanButton()->isEnabled(), 10000);
        QVERIFY2(m_window->orphansView()->summary()->text().startsWith(QLatin1String("No orphans")),
                 qPrintable(m_window->orphansView()->summary()->text()));
        QVERIFY(!m_window->orphansView()->releaseButton()->isEnabled());
    }
};

QTEST_MAIN(TestConsoleWindow)
#include "tst_consolewindow.moc"
