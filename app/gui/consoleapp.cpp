#include "consoleapp.h"

#include "cli/wiring.h"
#include "console/consoleengine.h"
#include "util/logging.h"
#include "mail/outboxmessage.h"
#include "mainwindow.h"
#include "outboxview.h"
#include "provisioning/checkconfig.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/memorysecretstore.h"
#include "sandbox/sandboxthread.h"
#include "settings/settings.h"
#include "store/demodata.h"
#include "store/store.h"
#include "store/storereader.h"
#include "util/actor.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>
#include <QTimer>

namespace oc {

namespace {

// The environment orgctl would get for the in-process sandbox: its endpoints, credentials and CA. Nothing
// here is a real secret, and none of it leaves this process.
QProcessEnvironment sandboxEnvironment(const sandbox::SandboxThread &box)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : box.clientEnvironment())
        env.insert(name, value);
    // The sandbox applies a create when it answers, so a cancel need not wait long for one that lands late.
    if (!env.contains(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS")))
        env.insert(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS"), QStringLiteral("1000"));
    if (!env.contains(QStringLiteral("ADMIN_EMAIL_FROM_USER")))
        env.insert(QStringLiteral("ADMIN_EMAIL_FROM_USER"), QStringLiteral("noreply@orgconsole.example"));
    return env;
}

const char *const kSecrets[] = {"TWILIO_AUTH_TOKEN", "VAPI_API_KEY", "SMTP_PASSWORD"};

// The environment wins (DESIGN §5); what it lacks comes from the keychain. The values stay in this process: a
// QProcessEnvironment object, never exported.
void addKeychainSecrets(QProcessEnvironment &env, const Result<Credentials> &read)
{
    if (!read)
        return; // a locked or missing keychain is not fatal: the console says which credential is missing
    const QString values[] = {read->twilioAuthToken, read->vapiApiKey, read->smtpPassword};
    for (int i = 0; i < 3; ++i) {
        if (!env.contains(QLatin1String(kSecrets[i])) && !values[i].isEmpty())
            env.insert(QLatin1String(kSecrets[i]), values[i]);
    }
}

} // namespace

ConsoleApp::ConsoleApp() : m_settings(std::make_unique<Settings>(m_qsettings)) {}

SecretStore &ConsoleApp::secretsFor(bool sandbox)
{
    if (!m_secrets) {
        if (sandbox)
            m_secrets = std::make_unique<MemorySecretStore>(); // the demo never touches the keychain
        else
            m_secrets = std::make_unique<KeychainSecretStore>();
    }
    return *m_secrets;
}

void ConsoleApp::startWithKeychain(const Options &options, std::function<void(const Result<void> &)> done)
{
    const bool lacking = std::any_of(std::begin(kSecrets), std::end(kSecrets),
                                     [this](const char *name) { return !m_environment.contains(QLatin1String(name)); });
    if (options.sandbox || !lacking) {
        done(start(options));
        return;
    }
    readCredentials(secretsFor(false), [this, options, done = std::move(done)](const Result<Credentials> &read) {
        addKeychainSecrets(m_environment, read);
        done(start(options));
    });
}

void ConsoleApp::applySettings(std::function<void()> done)
{
    if (m_sandbox || !m_engine) {
        if (done)
            done();
        return;
    }
    // Secrets: the environment wins (DESIGN §5), the keychain fills in the rest — read again, they may have
    // just been typed into Settings.
    readCredentials(secretsFor(false), [this, done = std::move(done)](const Result<Credentials> &read) {
        QProcessEnvironment env = m_systemEnvironment;
        addKeychainSecrets(env, read);
        m_environment = env;
        if (done) {
            // The engine builds the new services on its thread; `done` once they are in use.
            QObject::connect(m_engine.get(), &ConsoleEngine::configurationChanged, m_engine.get(), std::move(done),
                             Qt::SingleShotConnection);
        }
        m_engine->reconfigure(servicesFor(env));
    });
}

std::function<EngineServices(Store &)> ConsoleApp::servicesFor(const QProcessEnvironment &env)
{
    return [env](Store &store) -> EngineServices {
        auto wiring = cli::Wiring::create(store, env);
        if (wiring) {
            std::shared_ptr<cli::Wiring> held(std::move(wiring).value().release());
            return {std::shared_ptr<ProvisioningServices>(held, &held->services()), QString()};
        }
        // In the console's words (where to type it is Settings, not an environment variable), else the wiring's.
        QSettings stored;
        const EffectiveConfig config = Settings::resolve(Settings(stored), env);
        QStringList missing;
        if (config.twilioAccountSid.isEmpty())
            missing << QCoreApplication::translate("oc::ConsoleApp", "the Twilio account SID");
        if (env.value(QStringLiteral("TWILIO_AUTH_TOKEN")).isEmpty())
            missing << QCoreApplication::translate("oc::ConsoleApp", "the Twilio auth token");
        if (env.value(QStringLiteral("VAPI_API_KEY")).isEmpty())
            missing << QCoreApplication::translate("oc::ConsoleApp", "the VAPI private API key");
        QString problem = wiring.error().message;
        if (missing.size() == 1)
            problem = QCoreApplication::translate("oc::ConsoleApp", "%1 is missing").arg(missing.constFirst());
        else if (missing.size() > 1)
            problem = QCoreApplication::translate("oc::ConsoleApp", "%1 are missing").arg(QLocale().createSeparatedList(missing));
        if (problem.endsWith(QLatin1Char('.')))
            problem.chop(1);
        qCInfo(lcApp) << "provisioning is not configured:" << problem;
        std::shared_ptr<cli::Wiring> placeholder(cli::Wiring::unconfigured(store, env).release());
        return {std::shared_ptr<ProvisioningServices>(placeholder, &placeholder->services()), problem};
    };
}

void ConsoleApp::testConfiguration(const EffectiveConfig &draft, const Credentials &credentials,
                                   std::function<void(const QJsonObject &)> done)
{
    // The draft as orgctl's environment would carry it, through the same wiring.
    QProcessEnvironment env;
    env.insert(QStringLiteral("TWILIO_API_BASE"), draft.twilioApiBase.toString());
    env.insert(QStringLiteral("VAPI_API_BASE"), draft.vapiApiBase.toString());
    if (!draft.twilioNumbersApiBase.isEmpty())
        env.insert(QStringLiteral("TWILIO_NUMBERS_API_BASE"), draft.twilioNumbersApiBase.toString());
    if (!draft.twilioPricingApiBase.isEmpty())
        env.insert(QStringLiteral("TWILIO_PRICING_API_BASE"), draft.twilioPricingApiBase.toString());
    env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), draft.twilioAccountSid);
    env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), credentials.twilioAuthToken);
    env.insert(QStringLiteral("VAPI_API_KEY"), credentials.vapiApiKey);
    if (!draft.smtpUrl.isEmpty()) {
        env.insert(QStringLiteral("SMTP_URL"), draft.smtpUrl.toString());
        env.insert(QStringLiteral("SMTP_USER"), draft.smtpUser);
        env.insert(QStringLiteral("SMTP_PASSWORD"), credentials.smtpPassword);
        env.insert(QStringLiteral("SMTP_CA_FILE"), draft.smtpCaFile);
    }
    env.insert(QStringLiteral("ADMIN_EMAIL_FROM_USER"), draft.senderAddress);
    // Built and checked on the engine's thread, over its store connection; let go of when the check ends.
    m_engine->checkConfigurationWith(
        [env](Store &store) -> EngineServices {
            auto wiring = cli::Wiring::create(store, env);
            if (!wiring)
                return {nullptr, wiring.error().message};
            std::shared_ptr<cli::Wiring> held(std::move(wiring).value().release());
            return {std::shared_ptr<ProvisioningServices>(held, &held->services()), QString()};
        },
        std::move(done));
}

void ConsoleApp::feedOutbox()
{
    if (!m_sandbox || !m_window || !m_window->outboxView())
        return;
    QList<OutboxMessage> list;
    for (const auto &m : m_sandbox->messages())
        list << OutboxMessage::fromRaw(m.data, m.receivedAt, m.mailFrom, m.rcptTo);
    m_window->outboxView()->setMessages(list);
}

ConsoleApp::~ConsoleApp()
{
    // The window and the engine reference the wiring and the store: they go first.
    m_window.reset();
    m_engine.reset();
    m_reader.reset();
    m_sandbox.reset();
    m_store.reset();
    m_secrets.reset();
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

    QProcessEnvironment env = m_environment;
    secretsFor(options.sandbox);
    if (options.sandbox) {
        auto existing = m_store->organizations().count({});
        if (existing && existing.value() == 0) {
            if (auto seeded = DemoData::seed(m_store->organizations(), m_store->database(), options.demoOrganizations); !seeded)
                return seeded.error();
        }
        sandbox::SandboxConfig sc;
        sc.profile = sandbox::LatencyProfile::Seed;
        sc.demoCalls = true; // so the Costs view of the demo has calls to sum
        sc.scale = std::clamp(options.sandboxScale, 0.0, 10.0);
        m_sandbox = std::make_unique<sandbox::SandboxThread>(sc);
        if (auto started = m_sandbox->start(); !started)
            return Error::invalid(QCoreApplication::translate("oc::ConsoleApp", "The sandbox could not start: %1").arg(started.error().message));
        env = sandboxEnvironment(*m_sandbox);
    }
    // Without credentials the console still opens: the organizations can be browsed, and a banner leads to
    // Settings, whose Save brings provisioning up without a restart (applySettings).
    // The engine (operations, journal, queue, team feed) on its own thread with its own store connection:
    // nothing it writes or waits for ever holds a frame of the window.
    m_engine = std::make_unique<ConsoleEngine>(url.value(), servicesFor(env), currentActor());
    if (!m_engine->isConfigured() && options.sandbox)
        return Error::invalid(m_engine->configurationProblem());

    MainWindowOptions wo;
    m_reader = std::make_unique<StoreReader>(url.value(), *m_store);
    wo.reader = m_reader.get();
    wo.databaseLabel = url->toDisplayString();
    wo.sandboxMode = options.sandbox;
    wo.settings = m_settings.get();
    wo.secrets = m_secrets.get();
    if (!options.sandbox) {
        wo.testConfiguration = [this](const EffectiveConfig &draft, const Credentials &credentials, SettingsDialog::TestDone done) {
            testConfiguration(draft, credentials, std::move(done));
        };
    }
    if (m_sandbox) {
        sandbox::SandboxThread *box = m_sandbox.get();
        wo.addSandboxFaults = [box](const QString &spec) { return box->addFaults(spec); };
        wo.clearSandboxFaults = [box] { box->clearFaults(); };
    }
    m_window = std::make_unique<MainWindow>(*m_store, *m_engine, wo);
    QObject::connect(m_window.get(), &MainWindow::settingsSaved, m_window.get(), [this] { applySettings(); });
    // Team mode: the Runs view shows every run in the database, live, and this console sets up queued
    // approvals like a worker (Settings → Defaults → Team).
    m_engine->followTeam();
    m_engine->setQueueDraining(m_settings->queueConcurrency());
    if (m_sandbox) {
        // One message parsed as it arrives (not the whole outbox again: 500 setups' e-mails are 500 parses, not 125,000).
        QObject::connect(m_sandbox.get(), &sandbox::SandboxThread::messageReceived, m_window.get(), [this](int index) {
            if (!m_window->outboxView() || index < 0 || index >= m_sandbox->messages().size())
                return;
            const auto &m = m_sandbox->messages().at(index);
            m_window->outboxView()->appendMessage(OutboxMessage::fromRaw(m.data, m.receivedAt, m.mailFrom, m.rcptTo));
        });
        feedOutbox();
    }
    return {};
}

} // namespace oc
