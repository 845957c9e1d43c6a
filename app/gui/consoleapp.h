#pragma once

#include "settings/settings.h"
#include "secrets/credentials.h"
#include "util/result.h"

#include <QJsonObject>

#include <QProcessEnvironment>
#include <QSettings>
#include <QString>

#include <memory>

namespace oc {
class ConsoleEngine;
class MainWindow;
class SecretStore;
class Settings;
class Store;
namespace cli {
class Wiring;
}
namespace sandbox {
class Sandbox;
}

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
    Result<void> start(const Options &options);

private:
    QProcessEnvironment credentialsEnvironment();
    void testConfiguration(const EffectiveConfig &draft, const Credentials &credentials,
                           std::function<void(const QJsonObject &)> done);
    void feedOutbox();

public:

    Store &store() { return *m_store; }
    ConsoleEngine &engine() { return *m_engine; }
    MainWindow &window() { return *m_window; }
    sandbox::Sandbox *sandbox() { return m_sandbox.get(); }
    Settings &settings() { return *m_settings; }
    SecretStore &secrets() { return *m_secrets; }

private:
    QSettings m_qsettings;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<cli::Wiring> m_wiring;
    std::unique_ptr<ConsoleEngine> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace oc
