#include "cli/wiring.h"
#include "console/consoleengine.h"
#include "mainwindow.h"
#include "sandbox/sandbox.h"
#include "settings/settings.h"
#include "store/demodata.h"
#include "store/store.h"
#include "util/actor.h"
#include "util/appinfo.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>

namespace {

// The environment orgctl would get for the in-process sandbox: its endpoints, credentials and CA. Nothing
// here is a real secret, and none of it leaves this process.
QProcessEnvironment sandboxEnvironment(const oc::sandbox::Sandbox &box)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const auto &c = box.credentials();
    env.insert(QStringLiteral("TWILIO_API_BASE"), box.twilioBaseUrl().toString());
    env.insert(QStringLiteral("VAPI_API_BASE"), box.vapiBaseUrl().toString());
    env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), c.twilioAccountSid);
    env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), c.twilioAuthToken);
    env.insert(QStringLiteral("VAPI_API_KEY"), c.vapiApiKey);
    env.insert(QStringLiteral("SMTP_URL"), box.smtpUrl().toString());
    env.insert(QStringLiteral("SMTP_USER"), c.smtpUser);
    env.insert(QStringLiteral("SMTP_PASSWORD"), c.smtpPassword);
    env.insert(QStringLiteral("SMTP_CA_FILE"), box.caFile());
    if (!env.contains(QStringLiteral("ADMIN_EMAIL_FROM_USER")))
        env.insert(QStringLiteral("ADMIN_EMAIL_FROM_USER"), QStringLiteral("noreply@orgconsole.example"));
    return env;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    oc::applyApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("OrgConsole"));
    QApplication::setQuitOnLastWindowClosed(true);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Approve organizations and provision their voice-AI setup."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QStringLiteral("Demo mode: emulated Twilio, VAPI and SMTP in this process and a demo database; no credentials needed."));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database URL (file path, sqlite:PATH, postgresql://…)."),
                                      QStringLiteral("url"));
    const QCommandLineOption scaleOption(QStringLiteral("sandbox-scale"),
                                         QStringLiteral("Sandbox latency: multiplies the seed's timings (default 0.3, ~3 s a setup)."),
                                         QStringLiteral("factor"), QStringLiteral("0.3"));
    parser.addOptions({sandboxOption, database, scaleOption});
    parser.process(app);
    const bool sandboxMode = parser.isSet(sandboxOption);

    QString chosen = parser.value(database);
    if (chosen.isEmpty() && sandboxMode)
        chosen = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo.sqlite");
    QSettings stored;
    oc::Settings settings(stored);
    const oc::EffectiveConfig config = oc::Settings::resolve(settings, QProcessEnvironment::systemEnvironment());
    auto url = oc::DatabaseUrl::choose(chosen, config.databaseUrl);
    if (!url) {
        QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"), url.error().message);
        return 2;
    }
    auto store = oc::Store::open(url.value());
    if (!store) {
        QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"),
                              QObject::tr("%1\n\nCheck the database setting or start with --sandbox for the demo.").arg(store.error().message));
        return 1;
    }
    if (sandboxMode) {
        auto existing = store.value()->organizations().count({});
        if (existing && existing.value() == 0) {
            auto seeded = oc::DemoData::seed(store.value()->organizations(), store.value()->database(), 2500);
            if (!seeded)
                QMessageBox::warning(nullptr, QStringLiteral("OrgConsole"), seeded.error().message);
        }
    }

    std::unique_ptr<oc::sandbox::Sandbox> box;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (sandboxMode) {
        oc::sandbox::SandboxConfig sc;
        sc.profile = oc::sandbox::LatencyProfile::Seed;
        sc.scale = std::clamp(parser.value(scaleOption).toDouble(), 0.0, 10.0);
        box = std::make_unique<oc::sandbox::Sandbox>(sc);
        if (auto started = box->start(); !started) {
            QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"),
                                  QObject::tr("The sandbox could not start: %1").arg(started.error().message));
            return 1;
        }
        env = sandboxEnvironment(*box);
    }
    auto wiring = oc::cli::Wiring::create(*store.value(), env);
    if (!wiring) {
        QMessageBox::critical(nullptr, QStringLiteral("OrgConsole"),
                              QObject::tr("Provisioning is not configured: %1.\n\nSet the credentials in the environment (see "
                                          "the README) or start with --sandbox to try the console on emulated vendors.")
                                  .arg(wiring.error().message));
        return 1;
    }
    oc::ConsoleEngine engine(wiring.value()->services(), oc::currentActor());

    oc::MainWindowOptions options;
    options.databaseLabel = url->toDisplayString();
    options.sandboxMode = sandboxMode;
    options.settings = &settings;
    if (box) {
        options.addSandboxFaults = [&box](const QString &spec) { return box->addFaults(spec); };
        options.clearSandboxFaults = [&box] { box->clearFaults(); };
    }
    oc::MainWindow window(*store.value(), engine, options);
    window.show();
    QTimer::singleShot(0, &window, &oc::MainWindow::recoverUnfinishedRuns);
    return app.exec();
}
