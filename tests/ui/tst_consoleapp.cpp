#include "console/consoleengine.h"
#include "console/liverun.h"
#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "organizationsview.h"
#include "outboxmodel.h"
#include "outboxview.h"
#include "runsview.h"
#include "sandbox/sandbox.h"
#include "settingsdialog.h"
#include "store/store.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

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
