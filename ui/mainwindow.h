#pragma once

#include "domain/organization.h"
#include "provisioningactions.h"
#include "settingsdialog.h"
#include "util/result.h"

#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QMenu;
class QSystemTrayIcon;
class QTabWidget;

namespace oc {

class AuditView;
class ConsoleEngine;
class DashboardView;
class LiveRun;
class OrganizationsView;
class CostsView;
class OrphansView;
class OutboxView;
class SecretStore;
class RunsView;
class Settings;
class Store;
class StoreReader;

// What the main window needs besides the store and the engine; app/ fills it in.
struct MainWindowOptions {
    QString databaseLabel;
    bool sandboxMode = false;
    // Sandbox only: make vendor calls fail (fault spec of the sandbox, e.g. "vapi.phone.create*1=400").
    std::function<Result<void>(const QString &spec)> addSandboxFaults;
    std::function<void()> clearSandboxFaults;
    Settings *settings = nullptr; // defaults remembered between sessions (country, area code)
    SecretStore *secrets = nullptr; // the keychain, for the settings dialog
    SettingsDialog::TestConfigurationFn testConfiguration; // empty: no "Test configuration" button
    // The views read the store through it, off the GUI thread; null: a reader on the store, on this thread.
    StoreReader *reader = nullptr;
};

// One window: organizations, live runs, dashboard, orphans, audit (and the outbox in sandbox mode);
// keyboard-driven (Ctrl+1…6 switch views, Ctrl+Return approves, Ctrl+F searches).
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(Store &store, ConsoleEngine &engine, MainWindowOptions options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Finishes what an earlier session left unfinished (engine recover) and says so in the status bar.
    void recoverUnfinishedRuns();

    OrganizationsView *organizationsView() const { return m_organizations; }
    RunsView *runsView() const { return m_runs; }
    OrphansView *orphansView() const { return m_orphans; }
    CostsView *costsView() const { return m_costs; }
    DashboardView *dashboardView() const { return m_dashboard; }
    AuditView *auditView() const { return m_audit; }
    OutboxView *outboxView() const { return m_outbox; } // sandbox mode only, else null
    enum class SettingsPage { First, Assistants };
    // Settings (File → Settings…, Ctrl+,); File → Assistants… (Ctrl+Shift+A) opens it at Settings → Assistants.
    void openSettings(SettingsPage page = SettingsPage::First);
    // The assistants' editor in a window of its own: where there are no settings to edit.
    void openAssistants();
    // The banner shown while provisioning is not configured (null otherwise until it is needed).
    QWidget *configurationBanner() const { return m_banner; }
    QTabWidget *tabs() const { return m_tabs; }
    QAction *approveAction() const { return m_approve; }
    QAction *retryAction() const { return m_retry; }
    QAction *cleanupAction() const { return m_cleanup; }
    QAction *resendAction() const { return m_resend; }
    QAction *viewRunsAction() const { return m_viewRuns; }

    // Approve, retry, clean up, resend: the menus, the row actions and the runs view's buttons all go here.
    ProvisioningActions *actions() const { return m_actions; }
    // Tests and scripts can answer the approve dialog without a user.
    void setCountryChooser(ProvisioningActions::CountryChooser chooser);

Q_SIGNALS:
    // A run finished while the window was in the background: the tray shows `message` (where there is a tray).
    void notified(const QString &message, bool succeeded);
    // The settings dialog saved: the caller applies endpoints and credentials to the next operation
    // (ConsoleEngine::reconfigure), which updates the banner and the actions through configurationChanged.
    void settingsSaved();

private:
    void buildMenus();
    QWidget *buildConfigurationBanner();
    void onConfigurationChanged();
    bool requireConfigured(); // else says why in the status bar
    void updateActions();
    void onRunFinished(LiveRun *run);
    void showRunsFor(qint64 organizationId);
    // The selected organization (or the current run's, read from the store first), if there is one.
    void withCurrentOrganization(std::function<void(const Organization &)> fn);
    void withOrganization(qint64 id, std::function<void(const Organization &)> fn);

    Store &m_store;
    std::unique_ptr<StoreReader> m_ownReader;
    StoreReader *m_reader = nullptr;
    ConsoleEngine &m_engine;
    MainWindowOptions m_options;
    QTabWidget *m_tabs = nullptr;
    OrganizationsView *m_organizations = nullptr;
    RunsView *m_runs = nullptr;
    OrphansView *m_orphans = nullptr;
    CostsView *m_costs = nullptr;
    DashboardView *m_dashboard = nullptr;
    AuditView *m_audit = nullptr;
    OutboxView *m_outbox = nullptr;
    QWidget *m_banner = nullptr; // "Provisioning is not configured — Open Settings…"
    QLabel *m_bannerText = nullptr;
    bool m_recoverWhenConfigured = false;
    QLabel *m_count = nullptr;
    QLabel *m_live = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_rowMenu = nullptr;
    QAction *m_approve = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_cleanup = nullptr;
    QAction *m_resend = nullptr;
    QAction *m_viewRuns = nullptr;
    ProvisioningActions *m_actions = nullptr;
};

} // namespace oc
