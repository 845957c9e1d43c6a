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
#include "sandbox/sandbox.h"
#include "settings/settings.h"
#include "store/demodata.h"
#include "store/store.h"
#include "util/actor.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStandardPaths>

#include <algorithm>
#include <QTimer>

namespace oc {

namespace {

// The environment orgctl would get for the in-process sandbox: its endpoints, credentials and CA. Nothing
// here is a real secret, and none of it leaves this process.
QProcessEnvironment sandboxEnvironment(const sandbox::Sandbox &box)
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
        rewire(env);
        m_engine->reconfigure(std::shared_ptr<ProvisioningServices>(m_wiring, &m_wiring->services()), m_problem);
        if (done)
            done();
    });
}

void ConsoleApp::rewire(const QProcessEnvironment &env)
{
    auto wiring = cli::Wiring::create(*m_store, env);
    if (wiring) {
        m_wiring = std::shared_ptr<cli::Wiring>(std::move(wiring).value().release());
        m_problem.clear();
        return;
    }
    // In the console's words (where to type it is Settings, not an environment variable), else the wiring's.
    const EffectiveConfig config = Settings::resolve(*m_settings, env);
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
    m_problem = problem;
    m_wiring = std::shared_ptr<cli::Wiring>(cli::Wiring::unconfigured(*m_store, env).release());
    qCInfo(lcApp) << "provisioning is not configured:" << m_problem;
}

void ConsoleApp::testConfiguration(const EffectiveConfig &draft, const Credentials &credentials,
                                   std::function<void(const QJsonObject &)> done)
{
    // The draft as orgctl's environment would carry it, through the same wiring.
    QProcessEnvironment env;
    env.insert(QStringLiteral("TWILIO_API_BASE"), draft.twilioApiBase.toString());
    env.insert(QStringLiteral("VAPI_API_BASE"), draft.vapiApiBase.toString());
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
    auto wiring = cli::Wiring::create(*m_store, env);
    if (!wiring) {
        done(QJsonObject{{QStringLiteral("success"), false}, {QStringLiteral("error"), wiring.error().message}});
        return;
    }
    std::shared_ptr<cli::Wiring> held(std::move(wiring).value().release());
    auto *check = new CheckConfig(held->services(), QString());
    QObject::connect(check, &CheckConfig::finished, check, [check, held, done = std::move(done)]() mutable {
        done(check->result());
        // `held` (clients, mailer) goes with this lambda, when the check itself is deleted.
        check->deleteLater();
    });
    check->start();
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
    m_wiring.reset();
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
        sc.scale = std::clamp(options.sandboxScale, 0.0, 10.0);
        m_sandbox = std::make_unique<sandbox::Sandbox>(sc);
        if (auto started = m_sandbox->start(); !started)
            return Error::invalid(QCoreApplication::translate("oc::ConsoleApp", "The sandbox could not start: %1").arg(started.error().message));
        env = sandboxEnvironment(*m_sandbox);
    }
    // Without credentials the console still opens: the organizations can be browsed, and a banner leads to
    // Settings, whose Save brings provisioning up without a restart (applySettings).
    rewire(env);
    if (!m_problem.isEmpty() && options.sandbox)
        return Error::invalid(m_problem);
    m_engine = std::make_unique<ConsoleEngine>(m_wiring->services(), currentActor());
    m_engine->reconfigure(std::shared_ptr<ProvisioningServices>(m_wiring, &m_wiring->services()), m_problem);

    MainWindowOptions wo;
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
        sandbox::Sandbox *box = m_sandbox.get();
        wo.addSandboxFaults = [box](const QString &spec) { return box->addFaults(spec); };
        wo.clearSandboxFaults = [box] { box->clearFaults(); };
    }
    m_window = std::make_unique<MainWindow>(*m_store, *m_engine, wo);
    QObject::connect(m_window.get(), &MainWindow::settingsSaved, m_window.get(), [this] { applySettings(); });
    // Team mode: the Runs view shows every run in the database, live, and this console sets up queued
    // approvals like a worker (Settings → Defaults → Team).
    if (auto following = m_engine->followTeam(); !following)
        qCWarning(lcApp) << "cannot follow the team's runs:" << following.error().message;
    m_engine->setQueueDraining(m_settings->queueConcurrency());
    if (m_sandbox) {
        QObject::connect(m_sandbox.get(), &sandbox::Sandbox::messageReceived, m_window.get(), [this] { feedOutbox(); });
        feedOutbox();
    }
    return {};
}

} // namespace oc
