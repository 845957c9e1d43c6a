#include "console/consoleengine.h"
#include "approvedialog.h"
#include "console/liverun.h"
#include "costsview.h"
#include "mainwindow.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "orphansview.h"
#include "runsmodel.h"
#include "runsview.h"
#include "sandbox/sandbox.h"
#include "sandboxservices.h"
#include "stepprogressdelegate.h"
#include "store/store.h"
#include "messageboxes.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

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

    QMessageBox *openQuestion() const { return test::openQuestion(m_window.get()); }


    StepProgressDelegate *stepBar() const
    {
        return qobject_cast<StepProgressDelegate *>(
            m_window->runsView()->stepsTable()->itemDelegateForColumn(StepsModel::ProgressColumn));
    }

    // Shortcuts need the window active; the offscreen platform does not hand activation back when a dialog
    // closes, as window managers do.
    void activate()
    {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
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
        // The organizations table shows the change without a manual refresh (the model re-reads the row on the
        // store thread: wait for it).
        QTRY_COMPARE(statusShown(m_orgs[0]), QStringLiteral("verified"));
        QVERIFY(run->phoneNumber().startsWith(QLatin1String("+1510")));
        QTRY_COMPARE(shown(m_orgs[0], OrganizationsModel::SetupColumn), QStringLiteral("Active"));
        QTRY_COMPARE(shown(m_orgs[0], OrganizationsModel::PhoneColumn, OrganizationsModel::RawValueRole), run->phoneNumber());
        // Shown for humans: (510) 555-01xx.
        QTRY_VERIFY2(shown(m_orgs[0], OrganizationsModel::PhoneColumn).startsWith(QLatin1String("(510) ")),
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
        QTRY_COMPARE(shown(m_orgs[1], OrganizationsModel::SetupColumn), QStringLiteral("Failed"));
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

        // Clean up asks first, without blocking; Cancel, Escape and Return (Cancel is the default) leave
        // everything as it is.
        for (const char *answer : {"Cancel", "Escape", "Return"}) {
            QTest::mouseClick(runs->cleanupButton(), Qt::LeftButton);
            QPointer<QMessageBox> box = openQuestion();
            QVERIFY2(box, answer);
            QCOMPARE(box->windowModality(), Qt::WindowModal);
            QVERIFY2(box->text().startsWith(QLatin1String("Clean up the AI setup of Harbor")), qPrintable(box->text()));
            QVERIFY(box->informativeText().contains(retry->phoneNumber()));
            QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
            QCOMPARE(m_engine->runs().size(), 2); // nothing starts while it asks
            if (qstrcmp(answer, "Cancel") == 0)
                QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
            else
                QTest::keyClick(box, qstrcmp(answer, "Escape") == 0 ? Qt::Key_Escape : Qt::Key_Return);
            QTRY_VERIFY2(!box, answer); // answered boxes go away
            QCOMPARE(runs->currentRun(), retry);
            QCOMPARE(m_engine->runs().size(), 2);
            QCOMPARE(ledgerCount("numbers"), 1);
        }
        // Ctrl+Shift+Del asks the same; "Clean up" does it.
        activate();
        QTest::keyClick(m_window.get(), Qt::Key_Delete, Qt::ControlModifier | Qt::ShiftModifier);
        QPointer<QMessageBox> box = openQuestion();
        QVERIFY(box);
        QCOMPARE(m_engine->runs().size(), 2);
        QTest::mouseClick(test::buttonOf(box, QStringLiteral("Clean up")), Qt::LeftButton);
        QTRY_VERIFY(!box);
        LiveRun *clean = runs->currentRun();
        QCOMPARE(clean->kind(), LiveRun::Kind::Cleanup);
        QVERIFY(waitForCurrentRun());
        QVERIFY2(clean->outcome() == LiveRun::Outcome::Succeeded, qPrintable(clean->errorMessage()));
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        QTRY_COMPARE(shown(m_orgs[1], OrganizationsModel::SetupColumn), QStringLiteral("None"));
        QTRY_COMPARE(shown(m_orgs[1], OrganizationsModel::PhoneColumn), QString());
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
        // While a step runs, its bar is busy and animates.
        QTRY_VERIFY(stepBar()->isAnimating());
        const auto busySteps = [runs] {
            int busy = 0;
            for (int row = 0; row < runs->stepsModel()->rowCount(); ++row)
                busy += runs->stepsModel()->index(row, StepsModel::ProgressColumn).data(StepsModel::BusyRole).toBool();
            return busy;
        };
        QVERIFY(busySteps() > 0);
        // Cancel asks, without blocking: No is the default, Escape answers No and nothing is canceled.
        QTest::mouseClick(runs->cancelButton(), Qt::LeftButton);
        QPointer<QMessageBox> box = openQuestion();
        QVERIFY(box);
        QVERIFY2(box->text().startsWith(QLatin1String("Cancel the setup of Cedar Clinic")), qPrintable(box->text()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
        QVERIFY(!run->isCancelRequested());
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(!box);
        QVERIFY(!run->isCancelRequested());
        QVERIFY(runs->cancelButton()->isEnabled());
        // Yes cancels.
        QTest::mouseClick(runs->cancelButton(), Qt::LeftButton);
        box = openQuestion();
        QVERIFY(box);
        QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        QVERIFY(run->isCancelRequested());
        QVERIFY(!runs->cancelButton()->isEnabled());
        QVERIFY(waitForCurrentRun());
        QCOMPARE(run->outcome(), LiveRun::Outcome::Canceled);
        QVERIFY(runs->retryButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->inFlight(), 0, 5000);
        QCOMPARE(ledgerCount("numbers"), 0);
        // Nothing runs: nothing is busy, nothing animates.
        QCOMPARE(busySteps(), 0);
        QTRY_VERIFY(!stepBar()->isAnimating());
    }

    void approveOpensTheDialogWithoutBlocking()
    {
        m_window->setCountryChooser({}); // the real dialog
        selectOrg(m_orgs[0]);
        QTest::keyClick(m_window->organizationsView()->table(), Qt::Key_Return, Qt::ControlModifier);
        QPointer<ApproveDialog> dialog = m_window->findChild<ApproveDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        QVERIFY(m_engine->runs().isEmpty());
        // Escape: nothing is approved, and the dialog is gone.
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog);
        QVERIFY(m_engine->runs().isEmpty());
        QCOMPARE(statusShown(m_orgs[0]), QStringLiteral("pending"));

        activate();
        QTest::keyClick(m_window->organizationsView()->table(), Qt::Key_Return, Qt::ControlModifier);
        dialog = m_window->findChild<ApproveDialog *>();
        QVERIFY(dialog);
        QTest::mouseClick(dialog->approveButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog);
        QCOMPARE(m_engine->runs().size(), 1);
        LiveRun *run = waitForCurrentRun();
        QVERIFY(run);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
    }

    // The Costs tab is a View menu entry with its Ctrl+number, like every tab; its orphans come priced.
    void costsTabIsReachedFromTheViewMenuAndLoadsOnRefresh()
    {
        QAction *costs = nullptr;
        for (QAction *menu : m_window->menuBar()->actions()) {
            if (!menu->menu())
                continue;
            for (QAction *a : menu->menu()->actions()) {
                if (a->text() == QLatin1String("Costs"))
                    costs = a;
            }
        }
        QVERIFY(costs);
        QCOMPARE(costs->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_5));
        costs->trigger();
        QCOMPARE(m_window->tabs()->currentWidget(), m_window->costsView());
        QSignalSpy loaded(m_window->costsView(), &CostsView::loaded);
        QTest::mouseClick(m_window->costsView()->refreshButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QCOMPARE(m_window->costsView()->model()->rowCount(), 0); // nothing approved yet in this test
    }

    void releasingOrphansAsksFirstAndReleasesOnlyWhenConfirmed()
    {
        LiveRun *run = m_engine->approve(m_store->organizations().find(m_orgs[0]).value(), QStringLiteral("US"), QString());
        QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        // The configuration is lost: everything it owned is orphaned.
        QVERIFY(m_store->aiConfigs().removeForOrganization(m_orgs[0]).ok());
        OrphansView *orphans = m_window->orphansView();
        m_window->tabs()->setCurrentWidget(orphans);
        QTest::mouseClick(orphans->scanButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(orphans->releaseButton()->isEnabled(), 10000);
        QCOMPARE(orphans->model()->rowCount(), 4);

        // Release all… asks, listing what goes; Escape leaves it all.
        QTest::mouseClick(orphans->releaseButton(), Qt::LeftButton);
        QPointer<QMessageBox> box = openQuestion();
        QVERIFY(box);
        QCOMPARE(box->windowTitle(), QStringLiteral("Release orphans"));
        QVERIFY2(box->detailedText().contains(run->phoneNumber()), qPrintable(box->detailedText()));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QVERIFY(orphans->scanButton()->isEnabled()); // nothing started while it asks
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(!box);
        QVERIFY(orphans->scanButton()->isEnabled());
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);

        QTest::mouseClick(orphans->releaseButton(), Qt::LeftButton);
        box = openQuestion();
        QVERIFY(box);
        QAbstractButton *release = test::buttonOf(box, QStringLiteral("Release 4"));
        QVERIFY(release);
        QTest::mouseClick(release, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(orphans->summary()->text().startsWith(QLatin1String("Released 4")), 10000);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void runsListGivesTheOrganizationTheSpareWidthAndKeepsColumnsPut()
    {
        m_window->resize(1280, 800);
        RunsView *runs = m_window->runsView();
        QTableView *table = runs->runsTable();
        QHeaderView *header = table->horizontalHeader();
        const auto contentWidth = [table](int column) { return static_cast<const QAbstractItemView *>(table)->sizeHintForColumn(column); };
        m_window->tabs()->setCurrentWidget(runs);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // Two runs; the columns fit when the first rows arrive.
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:800")).ok());
        for (qint64 id : {m_orgs[0], m_orgs[2]})
            m_engine->approve(m_store->organizations().find(id).value(), QStringLiteral("US"), QString());
        QTRY_COMPARE(runs->runsModel()->rowCount(), 2);
        const auto widths = [&] {
            QList<int> w;
            for (int c = 0; c < RunsModel::ColumnCount; ++c)
                w << table->columnWidth(c);
            return w;
        };
        // Fitted (on the next turn): each column holds its contents and its header.
        const auto fits = [&](int c) { return table->columnWidth(c) >= std::max(contentWidth(c), header->sectionSizeHint(c)); };
        QTRY_VERIFY(fits(RunsModel::StartedByColumn) && fits(RunsModel::WhereColumn) && fits(RunsModel::StateColumn));
        const QList<int> fitted = widths();
        if (const QString dir = qEnvironmentVariable("ORGCONSOLE_SHOT_DIR"); !dir.isEmpty())
            QVERIFY(m_window->grab().save(dir + QStringLiteral("/runs.png")));

        // Every column shows its contents — the organizations' whole names too — and the organization fills the rest.
        for (int c = 0; c < RunsModel::ColumnCount; ++c)
            QVERIFY2(fits(c), qPrintable(QStringLiteral("column %1: %2 < %3").arg(c).arg(table->columnWidth(c)).arg(contentWidth(c))));
        QCOMPARE(header->length(), table->viewport()->width());
        QVERIFY(!table->horizontalScrollBar()->isVisible());
        for (int c = 0; c < RunsModel::ColumnCount; ++c) {
            if (c != RunsModel::OrganizationColumn)
                QVERIFY2(fitted[RunsModel::OrganizationColumn] > fitted[c], qPrintable(QString::number(c)));
        }
        // The user can resize every column but the stretching one.
        for (int c = 0; c < RunsModel::ColumnCount; ++c)
            QCOMPARE(header->sectionResizeMode(c), c == RunsModel::OrganizationColumn ? QHeaderView::Stretch : QHeaderView::Interactive);

        // Updates (steps, the end of the runs, a new run) leave the widths where they are.
        for (LiveRun *run : m_engine->runs())
            QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
        m_engine->approve(m_store->organizations().find(m_orgs[1]).value(), QStringLiteral("US"), QString());
        QTRY_COMPARE(runs->runsModel()->rowCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->liveRunCount(), 0, 30000);
        QCOMPARE(widths(), fitted);
        // A width the user chose stays too.
        header->resizeSection(RunsModel::StartedByColumn, fitted[RunsModel::StartedByColumn] + 40);
        m_engine->resendEmail(m_store->organizations().find(m_orgs[0]).value());
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->liveRunCount(), 0, 30000);
        QCOMPARE(table->columnWidth(RunsModel::StartedByColumn), fitted[RunsModel::StartedByColumn] + 40);

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
