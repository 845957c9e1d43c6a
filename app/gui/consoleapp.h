#pragma once

#include "settings/settings.h"
#include "secrets/credentials.h"
#include "util/result.h"

#include <QJsonObject>

#include <QProcessEnvironment>
#include <QSettings>
#include <QString>

#include <functional>
#include <memory>

namespace oc {
class ConsoleEngine;
class MainWindow;
class SecretStore;
class Settings;
class Store;
class StoreReader;
namespace cli {
class Wiring;
}
namespace sandbox {
class SandboxThread;
}
struct EngineServices;

// The console's composition root: database, (in sandbox mode) the in-process sandbox and demo data, the
// same wiring orgctl uses, the engine and the main window. main() and the screenshot tool share it.
class ConsoleApp
{
public:
    struct Options {
        bool sandbox = false;
        QString database;          // empty: the settings/environment, or the demo database in sandbox mode
        double sandboxScale = 0.3; // seed latency × this (~3 s a setup)
        int demoOrganizations = 2500;
    };

    ConsoleApp();
    ~ConsoleApp();
    // Starts on the environment alone (and, in sandbox mode, the sandbox's own endpoints and credentials).
    Result<void> start(const Options &options);
    // The same, after reading from the keychain the secrets the environment lacks — asynchronously, never
    // blocking; nothing is read in sandbox mode or when the environment has them all. `done` gets start()'s
    // answer, possibly before this returns.
    void startWithKeychain(const Options &options, std::function<void(const Result<void> &)> done);
    // Live settings: rebuilds the wiring from the saved settings, the environment and the keychain, and hands
    // it to the engine for the next operation (running ones finish on theirs). Without the credentials the
    // console stays up, provisioning disabled with why. Asynchronous (the keychain); `done` (optional) after.
    // Nothing to do in sandbox mode.
    void applySettings(std::function<void()> done = {});

private:
    SecretStore &secretsFor(bool sandbox);
    // Builds, where the engine's store lives, the wiring for `env` — or the placeholder one and the problem
    // (provisioning not configured), in the console's words.
    static std::function<EngineServices(Store &)> servicesFor(const QProcessEnvironment &env);
    void testConfiguration(const EffectiveConfig &draft, const Credentials &credentials,
                           std::function<void(const QJsonObject &)> done);
    void feedOutbox();

public:

    Store &store() { return *m_store; }
    ConsoleEngine &engine() { return *m_engine; }
    MainWindow &window() { return *m_window; }
    sandbox::SandboxThread *sandbox() { return m_sandbox.get(); }
    Settings &settings() { return *m_settings; }
    SecretStore &secrets() { return *m_secrets; }

private:
    QSettings m_qsettings;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    QProcessEnvironment m_systemEnvironment = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment m_environment = m_systemEnvironment; // and the keychain's secrets the environment lacks
    std::unique_ptr<Store> m_store;
    std::unique_ptr<StoreReader> m_reader; // the views' reads, on a thread and connection of their own
    std::unique_ptr<sandbox::SandboxThread> m_sandbox;
    std::unique_ptr<ConsoleEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace oc
