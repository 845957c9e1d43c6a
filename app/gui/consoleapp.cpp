#include "consoleapp.h"

#include "cli/wiring.h"
#include "console/consoleengine.h"
#include "mainwindow.h"
#include "sandbox/sandbox.h"
#include "settings/settings.h"
#include "store/demodata.h"
#include "store/store.h"
#include "util/actor.h"

#include <QCoreApplication>
#include <QStandardPaths>

namespace oc {

namespace {

// The environment orgctl would get for the in-process sandbox: its endpoints, credentials and CA. Nothing
// here is a real secret, and none of it leaves this process.
QProcessEnvironment sandboxEnvironment(const sandbox::Sandbox &box)
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

ConsoleApp::ConsoleApp() : m_settings(std::make_unique<Settings>(m_qsettings)) {}

ConsoleApp::~ConsoleApp()
{
    // The window and the engine reference the wiring and the store: they go first.
    m_window.reset();
    m_engine.reset();
    m_wiring.reset();
    m_sandbox.reset();
    m_store.reset();
}

Result<void> ConsoleApp::start(const Options &options)
{
    QString chosen = options.database;
    if (chosen.isEmpty() && options.sandbox)
        chosen = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo.sqlite");
    const EffectiveConfig config = Settings::resolve(*m_settings, QProcessEnvironment::systemEnvironment());
    auto url = DatabaseUrl::choose(chosen, config.databaseUrl);
    if (!url)
        return url.error();
    auto store = Store::open(url.value());
    if (!store)
        return Error::invalid(QCoreApplication::translate("oc::ConsoleApp", "%1\n\nCheck the database setting or start with --sandbox for the demo.")
                                  .arg(store.error().message));
    m_store = std::move(store).value();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (options.sandbox) {
        auto existing = m_store->organizations().count({});
        if (existing && existing.value() == 0) {
            if (auto seeded = DemoData::seed(m_store->organizations(), m_store->database(), options.demoOrganizations); !seeded)
                return seeded.error();
        }
        sandbox::SandboxConfig sc;
        sc.profile = sandbox::LatencyProfile::Seed;
        sc.scale = std::clamp(options.sandboxScale, 0.0, 10.0);
        m_sandbox = std::make_unique<sandbox::Sandbox>(sc);
        if (auto started = m_sandbox->start(); !started)
            return Error::invalid(QCoreApplication::translate("oc::ConsoleApp", "The sandbox could not start: %1").arg(started.error().message));
        env = sandboxEnvironment(*m_sandbox);
    }
    auto wiring = cli::Wiring::create(*m_store, env);
    if (!wiring)
        return Error::invalid(QCoreApplication::translate("oc::ConsoleApp",
                                                          "Provisioning is not configured: %1.\n\nSet the credentials in the "
                                                          "environment (see the README) or start with --sandbox to try the console "
                                                          "on emulated vendors.")
                                  .arg(wiring.error().message));
    m_wiring = std::move(wiring).value();
    m_engine = std::make_unique<ConsoleEngine>(m_wiring->services(), currentActor());

    MainWindowOptions wo;
    wo.databaseLabel = url->toDisplayString();
    wo.sandboxMode = options.sandbox;
    wo.settings = m_settings.get();
    if (m_sandbox) {
        sandbox::Sandbox *box = m_sandbox.get();
        wo.addSandboxFaults = [box](const QString &spec) { return box->addFaults(spec); };
        wo.clearSandboxFaults = [box] { box->clearFaults(); };
    }
    m_window = std::make_unique<MainWindow>(*m_store, *m_engine, wo);
    return {};
}

} // namespace oc
