#include "console/consoleengine.h"
#include "console/liverun.h"
#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "organizationsview.h"
#include "outboxmodel.h"
#include "outboxview.h"
#include "runsview.h"
#include "sandbox/sandboxthread.h"
#include "settingsdialog.h"
#include "store/store.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace oc;

// orgconsole --sandbox as the README's first command starts it: ConsoleApp with the in-process sandbox, the
// demo database, the real engine, clients and mailer; the outbox shows what the owner was sent.
class TestConsoleApp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", (m_home.path() + QStringLiteral("/config")).toUtf8());
        qputenv("XDG_DATA_HOME", (m_home.path() + QStringLiteral("/data")).toUtf8());
        for (const char *name : {"TWILIO_API_BASE", "VAPI_API_BASE", "ORGCONSOLE_DATABASE", "SMTP_URL"})
            qunsetenv(name);
        applyApplicationIdentity();
    }

    void sandboxDemoApprovesAndTheOwnerGetsTheEmail()
    {
        ConsoleApp console;
        ConsoleApp::Options options;
        options.sandbox = true;
        options.sandboxScale = 0.0;
        options.demoOrganizations = 300;
        auto started = console.start(options);
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        MainWindow &w = console.window();
        QVERIFY(w.outboxView());
        QCOMPARE(console.store().organizations().count({}).value(), 300);
        w.setCountryChooser([](const QList<Organization> &, QString &country, QString &area) {
            country = QStringLiteral("US");
            area = QString();
            return true;
        });
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.organizationsView()->table()->selectRow(0);
        const Organization org = w.organizationsView()->selectedOrganizations().value(0);
        w.approveAction()->trigger();
        LiveRun *run = w.runsView()->currentRun();
        QVERIFY(run);
        QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        // The approval e-mail reached the sandbox's SMTP server through the real mailer (STARTTLS, the sandbox
        // CA) and shows in the outbox, addressed to the owner.
        QTRY_COMPARE(w.outboxView()->model()->rowCount(), 1);
        QCOMPARE(console.sandbox()->messages().size(), 1);
        QVERIFY(console.sandbox()->messages().first().rcptTo.contains(org.ownerEmail));
        QVERIFY(w.tabs()->tabText(w.tabs()->indexOf(w.outboxView())).contains(QLatin1String("(1)")));
    }

    void startUpRecoversWhatAnEarlierSessionLeft()
    {
        ConsoleApp console;
        ConsoleApp::Options options;
        options.sandbox = true;
        options.sandboxScale = 0.0;
        options.demoOrganizations = 10;
        QVERIFY(console.start(options).ok());
        // A run a killed console left behind: still "running", its lease long expired.
        const qint64 orgId = console.store().organizations().list({}).value().first().id;
        ProvisioningRun run;
        run.id = QStringLiteral("0123456789abcdef");
        run.organizationId = orgId;
        run.kind = QStringLiteral("approve");
        run.status = RunStatus::Running;
        run.countryCode = QStringLiteral("US");
        run.actor = QStringLiteral("someone");
        run.leaseOwner = QStringLiteral("elsewhere:1:1");
        run.startedAt = QDateTime::currentDateTimeUtc().addSecs(-700);
        QVERIFY(console.store().runs().create(run, -600000).ok()); // expired ten minutes ago, by the database's clock

        console.window().recoverUnfinishedRuns();
        QTRY_VERIFY_WITH_TIMEOUT(console.window().statusBar()->currentMessage().startsWith(QLatin1String("Recovered 1")), 15000);
        QVERIFY(!isLive(console.store().runs().find(run.id)->status));
    }

    // The engine writes its journal on a thread of its own: a database another process holds locked (here a
    // second connection in a write transaction for 3 s) stalls the run, never the window.
    void aLockedDatabaseStallsTheRunNotTheWindow()
    {
        ConsoleApp console;
        ConsoleApp::Options options;
        options.sandbox = true;
        options.sandboxScale = 0.0;
        options.demoOrganizations = 10;
        options.database = m_home.filePath(QStringLiteral("locked.sqlite"));
        QVERIFY(console.start(options).ok());
        console.window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&console.window()));
        OrgQuery pending;
        pending.status = OrgStatus::Pending;
        const Organization org = console.store().organizations().list(pending).value().value(0);
        QVERIFY(org.id > 0);

        const QString name = QStringLiteral("locker");
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            locker.setDatabaseName(options.database);
            QVERIFY(locker.open());
            QSqlQuery begin(locker);
            QVERIFY2(begin.exec(QStringLiteral("BEGIN IMMEDIATE")), qPrintable(begin.lastError().text()));

            LiveRun *run = console.engine().approve(org, QStringLiteral("US"), QString());
            QVERIFY(run);
            // A 10 ms timer on the GUI thread measures the longest the event loop could not answer.
            QElapsedTimer clock;
            clock.start();
            qint64 last = 0, longest = 0;
            QTimer tick;
            tick.setInterval(10);
            connect(&tick, &QTimer::timeout, this, [&] {
                longest = std::max(longest, clock.elapsed() - last);
                last = clock.elapsed();
            });
            tick.start();
            QTest::qWait(3000);
            tick.stop();
            // The run could not write its first journal entry, so nothing moved, nothing was bought …
            QVERIFY(!run->isFinished());
            QVERIFY(std::none_of(run->steps().cbegin(), run->steps().cend(),
                                 [](const LiveRun::Step &s) { return s.state == pipeline::StepState::Succeeded; }));
            // … and the window answered all along (a GUI-thread write would have held it the full 3 s).
            QVERIFY2(longest < 1500, qPrintable(QStringLiteral("the event loop stalled for %1 ms").arg(longest)));
            QVERIFY(QSqlQuery(locker).exec(QStringLiteral("ROLLBACK")));
            locker.close();
            QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
            QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        }
        QSqlDatabase::removeDatabase(name);
    }

    void settingsOpenReadOnlyInTheSandbox()
    {
        ConsoleApp console;
        ConsoleApp::Options options;
        options.sandbox = true;
        options.sandboxScale = 0.0;
        options.demoOrganizations = 10;
        QVERIFY(console.start(options).ok());
        // Opened without a nested event loop: back here with the dialog up, window-modal.
        console.window().openSettings();
        QPointer<SettingsDialog> dialog = console.window().findChild<SettingsDialog *>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->windowModality(), Qt::WindowModal);
        QVERIFY(!dialog->saveButton() || !dialog->saveButton()->isEnabled() || !dialog->saveButton()->isVisible());
        // Asked again (Ctrl+, twice): the same dialog, not a second one.
        console.window().openSettings();
        QCOMPARE(console.window().findChildren<SettingsDialog *>().size(), 1);
        dialog->reject();
        QTRY_VERIFY(!dialog); // closed is deleted
    }
};

QTEST_MAIN(TestConsoleApp)
#include "tst_consoleapp.moc"
