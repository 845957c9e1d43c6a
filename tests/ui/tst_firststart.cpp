// A first start without any configuration (issue 14): the console opens on the database and lists the
// organizations, provisioning is disabled under a banner that leads to Settings; once the settings and the
// keychain's secrets are saved, provisioning comes alive without a restart, and a later change of endpoints
// applies to the next operation while a running one finishes where it started. A REAL keychain
// (gnome-keyring under a private D-Bus session: ctest runs this through tests/support/with-keyring.sh) and
// two in-process sandboxes over real HTTP.
#include "console/consoleengine.h"
#include "console/liverun.h"
#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "sandbox/sandbox.h"
#include "secrets/keychainsecretstore.h"
#include "settingsdialog.h"
#include "store/demodata.h"
#include "store/store.h"
#include "util/appinfo.h"

#include <QAction>
#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace oc;

class TestFirstStart : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<sandbox::Sandbox> m_first;
    std::unique_ptr<sandbox::Sandbox> m_second;

    static bool write(KeychainSecretStore &store, const char *key, const QString &value)
    {
        bool ok = false, answered = false;
        store.write(QLatin1String(key), value, [&](const SecretResult &r) {
            ok = r.ok();
            answered = true;
        });
        return QTest::qWaitFor([&] { return answered; }, 20000) && ok;
    }

    static void pointSettingsAt(Settings &settings, const sandbox::Sandbox &box)
    {
        settings.setTwilioApiBase(box.twilioBaseUrl());
        settings.setVapiApiBase(box.vapiBaseUrl());
        settings.setSmtpUrl(box.smtpUrl());
        settings.setSmtpUser(box.credentials().smtpUser);
        settings.setSmtpCaFile(box.caFile());
    }

    static int ledgerCount(const sandbox::Sandbox &box, const char *what)
    {
        return int(box.ledger().value(QLatin1String(what)).toArray().size());
    }

    // As orgconsole --database starts: the keychain read first, asynchronously.
    bool startOnTheDatabase(ConsoleApp &console) const
    {
        ConsoleApp::Options options;
        options.database = m_dir.path() + QStringLiteral("/orgs.sqlite");
        std::optional<Result<void>> answer;
        console.startWithKeychain(options, [&](const Result<void> &r) { answer = r; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
            return false;
        if (!answer->ok())
            qWarning("%s", qPrintable(answer->error().message));
        return answer->ok();
    }

    static bool applied(ConsoleApp &console)
    {
        bool done = false;
        console.applySettings([&] { done = true; });
        return QTest::qWaitFor([&] { return done; }, 20000);
    }

    static LiveRun *approveAndWait(ConsoleApp &console, qint64 organizationId)
    {
        auto org = console.store().organizations().find(organizationId);
        if (!org)
            return nullptr;
        LiveRun *run = console.engine().approve(*org, QStringLiteral("US"), QString());
        if (run && !QTest::qWaitFor([run] { return run->isFinished(); }, 60000))
            return nullptr;
        return run;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        applyApplicationIdentity();
        qputenv("XDG_CONFIG_HOME", (m_dir.path() + QStringLiteral("/config")).toUtf8());
        // Nothing configured: no vendor variable in the environment, nothing in the settings or the keychain.
        for (const char *name : {"TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "VAPI_API_KEY", "SMTP_PASSWORD", "SMTP_URL",
                                 "SMTP_USER", "SMTP_CA_FILE", "TWILIO_API_BASE", "VAPI_API_BASE", "ORGCONSOLE_DATABASE"})
            qunsetenv(name);
        sandbox::SandboxConfig config;
        config.scale = 0.0;
        m_first = std::make_unique<sandbox::Sandbox>(config);
        m_second = std::make_unique<sandbox::Sandbox>(config);
        QVERIFY(m_first->start().ok());
        QVERIFY(m_second->start().ok());
        QCOMPARE(m_first->credentials().twilioAuthToken, m_second->credentials().twilioAuthToken);

        auto url = DatabaseUrl::parse(m_dir.path() + QStringLiteral("/orgs.sqlite"));
        QVERIFY(url.ok());
        auto store = Store::open(url.value());
        QVERIFY(store.ok());
        QVERIFY(DemoData::seed(store.value()->organizations(), store.value()->database(), 40).ok());
    }

    void aFirstStartOpensTheWindowAndLeadsToSettings()
    {
        ConsoleApp console;
        QVERIFY(startOnTheDatabase(console));

        MainWindow &w = console.window();
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The organizations are there to look at.
        QCOMPARE(w.organizationsView()->model()->totalCount(), 40);
        // Provisioning waits for Settings, and the banner says what is missing.
        QVERIFY(!console.engine().isConfigured());
        QVERIFY(w.configurationBanner()->isVisible());
        const QString banner = w.configurationBanner()->findChild<QLabel *>(QStringLiteral("configurationProblem"))->text();
        for (const char *what : {"the Twilio account SID", "the Twilio auth token", "the VAPI private API key", "are missing"})
            QVERIFY2(banner.contains(QLatin1String(what)), qPrintable(banner));
        w.organizationsView()->table()->selectRow(0);
        QVERIFY(!w.approveAction()->isEnabled());
        QVERIFY2(w.approveAction()->toolTip().contains(QLatin1String("not configured")), qPrintable(w.approveAction()->toolTip()));
        QVERIFY(!w.cleanupAction()->isEnabled());
        // The engine itself starts nothing, and buys nothing.
        QCOMPARE(console.engine().approve(w.organizationsView()->selectedOrganizations().constFirst(), QStringLiteral("US"), QString()),
                 nullptr);
        QCOMPARE(ledgerCount(*m_first, "numbers"), 0);

        // "Open Settings…" opens the settings as the first-run setup, on the credentials.
        auto *open = w.configurationBanner()->findChild<QPushButton *>(QStringLiteral("openSettings"));
        QVERIFY(open);
        // Looked at from a timer, so this works whether the dialog is modal or not.
        QString title, saveText;
        int tab = -1;
        bool firstRunBanner = false;
        auto *poll = new QTimer(&w);
        connect(poll, &QTimer::timeout, poll, [&, poll] {
            for (QWidget *top : QApplication::topLevelWidgets()) {
                auto *d = qobject_cast<SettingsDialog *>(top);
                if (!d || !d->isVisible())
                    continue;
                title = d->windowTitle();
                tab = d->tabs()->currentIndex();
                saveText = d->saveButton()->text();
                firstRunBanner = d->findChild<QWidget *>(QStringLiteral("firstRunBanner")) != nullptr;
                poll->stop();
                d->reject();
            }
        });
        poll->start(20);
        open->click();
        QVERIFY(QTest::qWaitFor([&] { return !poll->isActive(); }, 10000));
        QCOMPARE(title, QStringLiteral("Set up provisioning"));
        QVERIFY(firstRunBanner);
        QCOMPARE(tab, 1);
        QCOMPARE(saveText, QStringLiteral("Save and start"));
    }

    void savedSettingsBringProvisioningUpWithoutARestart()
    {
        ConsoleApp console;
        QVERIFY(startOnTheDatabase(console));
        MainWindow &w = console.window();
        w.show();
        QVERIFY(!console.engine().isConfigured());

        // What the first-run setup saves: the settings, and the secrets in the keychain.
        pointSettingsAt(console.settings(), *m_first);
        console.settings().setTwilioAccountSid(m_first->credentials().twilioAccountSid);
        console.settings().setSenderAddress(QStringLiteral("noreply@orgconsole.example"));
        {
            KeychainSecretStore keychain;
            QVERIFY(write(keychain, SecretKeys::TwilioAuthToken, m_first->credentials().twilioAuthToken));
            QVERIFY(write(keychain, SecretKeys::VapiApiKey, m_first->credentials().vapiApiKey));
            QVERIFY(write(keychain, SecretKeys::SmtpPassword, m_first->credentials().smtpPassword));
        }
        QSignalSpy changed(&console.engine(), &ConsoleEngine::configurationChanged);
        QVERIFY(applied(console));
        QVERIFY(changed.count() >= 1);
        QVERIFY2(console.engine().isConfigured(), qPrintable(console.engine().configurationProblem()));
        QVERIFY(!w.configurationBanner()->isVisible());
        w.organizationsView()->table()->selectRow(0);
        QVERIFY(w.approveAction()->isEnabled());
        QVERIFY(!w.approveAction()->toolTip().contains(QLatin1String("not configured")));

        // The same console, no restart: a setup at the first sandbox, e-mail included.
        const qint64 firstOrg = w.organizationsView()->selectedOrganizations().constFirst().id;
        LiveRun *run = approveAndWait(console, firstOrg);
        QVERIFY(run);
        QVERIFY2(run->outcome() == LiveRun::Outcome::Succeeded, qPrintable(run->errorMessage()));
        QCOMPARE(ledgerCount(*m_first, "numbers"), 1);
        QCOMPARE(m_first->messages().size(), 1);

        // New endpoints apply to the next operation; one that runs now finishes at the vendor it started with.
        OrgQuery query;
        query.limit = 40;
        const auto all = console.store().organizations().list(query);
        QVERIFY(all.ok());
        auto second = all->at(1);
        auto third = all->at(2);
        QVERIFY(second.id != firstOrg && third.id != firstOrg);
        LiveRun *running = console.engine().approve(second, QStringLiteral("US"), QString());
        QVERIFY(running);
        pointSettingsAt(console.settings(), *m_second);
        QVERIFY(applied(console));
        QVERIFY(console.engine().isConfigured());
        LiveRun *next = approveAndWait(console, third.id);
        QVERIFY(next);
        QVERIFY2(next->outcome() == LiveRun::Outcome::Succeeded, qPrintable(next->errorMessage()));
        QVERIFY(QTest::qWaitFor([running] { return running->isFinished(); }, 60000));
        QVERIFY2(running->outcome() == LiveRun::Outcome::Succeeded, qPrintable(running->errorMessage()));
        QCOMPARE(ledgerCount(*m_first, "numbers"), 2);  // the first org's and the one that was running
        QCOMPARE(ledgerCount(*m_second, "numbers"), 1); // the next one
        QCOMPARE(ledgerCount(*m_second, "assistants"), 2);
        QCOMPARE(m_second->messages().size(), 1);

        // Taking a credential away disables provisioning again, with why; nothing else changes.
        {
            KeychainSecretStore keychain;
            bool removed = false, answered = false;
            keychain.remove(QLatin1String(SecretKeys::VapiApiKey), [&](const SecretResult &r) {
                removed = r.ok();
                answered = true;
            });
            QVERIFY(QTest::qWaitFor([&] { return answered; }, 20000) && removed);
        }
        QVERIFY(applied(console));
        QVERIFY(!console.engine().isConfigured());
        QVERIFY2(console.engine().configurationProblem() == QLatin1String("the VAPI private API key is missing"),
                 qPrintable(console.engine().configurationProblem()));
        QVERIFY(w.configurationBanner()->isVisible());
        QVERIFY(!w.approveAction()->isEnabled());
    }
};

QTEST_MAIN(TestFirstStart)
#include "tst_firststart.moc"
