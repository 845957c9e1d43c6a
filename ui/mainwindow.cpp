#include "mainwindow.h"

#include "messagebanner.h"

#include "assistantseditor.h"
#include "auditview.h"
#include "costsview.h"
#include "dashboardview.h"
#include "provisioningactions.h"
#include "console/consoleengine.h"
#include "console/liverun.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "orphansview.h"
#include "outboxview.h"
#include "runsview.h"
#include "sandboxmenu.h"
#include "settings/settings.h"
#include "stateicons.h"
#include "store/store.h"
#include "store/storereader.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QStyle>
#include <QVBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QJsonArray>

namespace oc {

MainWindow::MainWindow(Store &store, ConsoleEngine &engine, MainWindowOptions options, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_engine(engine), m_options(std::move(options))
{
    if (!m_options.reader)
        m_ownReader = std::make_unique<StoreReader>(store);
    m_reader = m_options.reader ? m_options.reader : m_ownReader.get();
    // Qt appends the application display name: "Sandbox — OrgConsole", or just "OrgConsole".
    setWindowTitle(m_options.sandboxMode ? tr("Sandbox") : QString());
    // As large as is comfortable, never larger than the screen.
    const QSize avail = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
    resize(std::min(1280, avail.width() * 9 / 10), std::min(800, avail.height() * 9 / 10));

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_organizations = new OrganizationsView(*m_reader, m_tabs);
    m_runs = new RunsView(engine, m_tabs);
    m_orphans = new OrphansView(engine, m_tabs);
    m_costs = new CostsView(engine, m_tabs);
    m_dashboard = new DashboardView(store, m_tabs, false);
    m_dashboard->setPriceSource(&engine);
    m_audit = new AuditView(*m_reader, m_tabs);
    m_tabs->addTab(m_organizations, tr("&Organizations"));
    m_tabs->addTab(m_runs, tr("&Runs"));
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->addTab(m_orphans, tr("Or&phans"));
    m_tabs->addTab(m_costs, tr("&Costs"));
    m_tabs->addTab(m_audit, tr("A&udit log"));
    if (m_options.sandboxMode) {
        m_outbox = new OutboxView(m_tabs);
        const int index = m_tabs->addTab(m_outbox, tr("Out&box"));
        m_tabs->setTabToolTip(index, tr("The e-mails the sandbox's SMTP server received"));
        connect(m_outbox, &OutboxView::messageCountChanged, this, [this, index](int count) {
            m_tabs->setTabText(index, count ? tr("Out&box (%1)").arg(count) : tr("Out&box"));
        });
    }
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(buildConfigurationBanner());
    centralLayout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_actions = new ProvisioningActions(*m_reader, engine, m_options.settings, this);
    connect(m_actions, &ProvisioningActions::runStarted, this, [this](LiveRun *run) {
        if (!run) { // the engine started nothing: provisioning is not configured
            statusBar()->showMessage(tr("Provisioning is not configured: %1").arg(m_engine.configurationProblem()), 10000);
            return;
        }
        m_tabs->setCurrentWidget(m_runs);
        m_runs->showRun(run);
    });
    connect(m_actions, &ProvisioningActions::message, statusBar(), &QStatusBar::showMessage);

    buildMenus();

    m_count = new QLabel(this);
    m_live = new QLabel(this);
    statusBar()->addWidget(m_count);
    statusBar()->addPermanentWidget(m_live);
    auto *db = new QLabel(m_options.sandboxMode ? tr("Sandbox · %1").arg(m_options.databaseLabel) : m_options.databaseLabel, this);
    db->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(db);
    connect(m_organizations, &OrganizationsView::countChanged, this, [this](qint64 total) {
        m_count->setText(total == 1 ? tr("1 organization") : tr("%L1 organizations").arg(total));
    });
    // The count arrives from the store reader after the first rows.
    m_count->setText(m_organizations->model()->isLoading() || m_organizations->model()->isCounting()
                         ? tr("Counting organizations…")
                         : tr("%L1 organizations").arg(m_organizations->model()->totalCount()));
    connect(m_organizations, &OrganizationsView::selectionChanged, this, &MainWindow::updateActions);
    connect(m_organizations, &OrganizationsView::activated, this, [this](const Organization &org) { showRunsFor(org.id); });

    connect(&engine, &ConsoleEngine::runAdded, this, [this] { updateActions(); });
    connect(&engine, &ConsoleEngine::runFinished, this, &MainWindow::onRunFinished);
    // What a run changes shows on the dashboard and in the audit log without waiting for their timers —
    // coalesced, so a team's 1,000 queued runs changing at once cost a few refreshes, not a thousand.
    auto *refreshSoon = new QTimer(this);
    refreshSoon->setSingleShot(true);
    refreshSoon->setInterval(300);
    connect(refreshSoon, &QTimer::timeout, this, [this] {
        if (m_dashboard->isVisible())
            m_dashboard->refresh();
        if (m_audit->isVisible())
            m_audit->refresh();
    });
    const auto refreshVisible = [refreshSoon] {
        if (!refreshSoon->isActive())
            refreshSoon->start();
    };
    connect(&engine, &ConsoleEngine::runFinished, this, refreshVisible);
    connect(&engine, &ConsoleEngine::runAdded, this, refreshVisible);
    connect(&engine, &ConsoleEngine::organizationChanged, m_organizations->model(), &OrganizationsModel::refreshOrganization);
    connect(&engine, &ConsoleEngine::organizationChanged, this, &MainWindow::updateActions);

    connect(&engine, &ConsoleEngine::configurationChanged, this, &MainWindow::onConfigurationChanged);

    connect(m_runs, &RunsView::retryRequested, this, [this](LiveRun *run) {
        if (!requireConfigured())
            return;
        withOrganization(run->organizationId(), [this](const Organization &org) { m_actions->retry(org); });
    });
    connect(m_runs, &RunsView::cleanupRequested, this, [this](LiveRun *run) {
        if (!requireConfigured())
            return;
        withOrganization(run->organizationId(), [this](const Organization &org) { m_actions->cleanup(org); });
    });
    connect(m_runs, &RunsView::resendRequested, this, [this](LiveRun *run) {
        if (!requireConfigured())
            return;
        withOrganization(run->organizationId(), [this](const Organization &org) { m_actions->resendEmail(org); });
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(ui::stateIcon(pipeline::StepState::Succeeded), this);
        m_tray->setToolTip(QStringLiteral("OrgConsole"));
        m_tray->show();
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
    }
    onConfigurationChanged();
}

MainWindow::~MainWindow() = default;

QWidget *MainWindow::buildConfigurationBanner()
{
    // Where a first start without configuration leads: everything can be looked at, provisioning waits for
    // Settings (account SID, keychain secrets, SMTP, Test configuration), and comes alive once they are saved.
    auto *banner = new MessageBanner(QStyle::SP_MessageBoxWarning, style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this), this);
    banner->setObjectName(QStringLiteral("configurationBanner"));
    banner->row()->setContentsMargins(10, 6, 10, 6);
    m_bannerText = banner->text();
    m_bannerText->setObjectName(QStringLiteral("configurationProblem"));
    m_bannerText->setTextFormat(Qt::PlainText);
    auto *open = new QPushButton(tr("Open Settings…"), banner);
    open->setObjectName(QStringLiteral("openSettings"));
    connect(open, &QPushButton::clicked, this, [this] { openSettings(); });
    banner->row()->addWidget(open, 0, Qt::AlignVCenter);
    banner->hide();
    m_banner = banner;
    return m_banner;
}

bool MainWindow::requireConfigured()
{
    if (m_engine.isConfigured())
        return true;
    statusBar()->showMessage(tr("Provisioning is not configured: %1. Open Settings to set it up.").arg(m_engine.configurationProblem()), 10000);
    return false;
}

void MainWindow::onConfigurationChanged()
{
    const bool configured = m_engine.isConfigured();
    m_banner->setVisible(!configured);
    m_bannerText->setText(configured ? QString()
                                     : tr("Provisioning is not configured — %1. The organizations can be browsed; approving, "
                                          "retrying and cleaning up need the vendors' credentials.")
                                           .arg(m_engine.configurationProblem()));
    m_banner->setAccessibleName(m_bannerText->text());
    updateActions();
    if (configured && m_recoverWhenConfigured) {
        m_recoverWhenConfigured = false;
        recoverUnfinishedRuns();
    }
}

void MainWindow::setCountryChooser(ProvisioningActions::CountryChooser chooser)
{
    m_actions->setCountryChooser(std::move(chooser));
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(tr("&Settings…"), this, [this] { openSettings(); });
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setEnabled(m_options.settings && m_options.secrets);
    QAction *assistants = file->addAction(tr("&Assistants…"), this, [this] { openSettings(SettingsPage::Assistants); });
    assistants->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    assistants->setToolTip(tr("Edit the assistants' template, roll a version out or back"));
    QAction *refresh = file->addAction(tr("&Refresh"), m_organizations->model(), &OrganizationsModel::refresh);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *orgMenu = menuBar()->addMenu(tr("Or&ganization"));
    m_approve = orgMenu->addAction(tr("&Approve…"), this, [this] { m_actions->approve(m_organizations->selectedOrganizations()); });
    m_approve->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_approve->setToolTip(tr("Verify the selected organizations and set up their phone number and assistants"));
    m_retry = orgMenu->addAction(tr("&Retry setup…"), this, [this] {
        withCurrentOrganization([this](const Organization &org) { m_actions->retry(org); });
    });
    m_retry->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_cleanup = orgMenu->addAction(tr("&Clean up…"), this, [this] {
        withCurrentOrganization([this](const Organization &org) { m_actions->cleanup(org); });
    });
    m_cleanup->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    m_resend = orgMenu->addAction(tr("Resend &e-mail"), this, [this] {
        withCurrentOrganization([this](const Organization &org) { m_actions->resendEmail(org); });
    });
    orgMenu->addSeparator();
    m_viewRuns = orgMenu->addAction(tr("&View runs"), this, [this] {
        withCurrentOrganization([this](const Organization &org) { showRunsFor(org.id); });
    });
    m_viewRuns->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction *find = orgMenu->addAction(tr("&Find"), this, [this] {
        m_tabs->setCurrentWidget(m_organizations);
        m_organizations->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
    for (QAction *action : {m_approve, m_retry, m_cleanup, m_resend})
        action->setProperty("defaultToolTip", action->toolTip());
    m_rowMenu = new QMenu(this);
    m_rowMenu->addActions({m_approve, m_retry, m_cleanup, m_resend});
    m_rowMenu->addSeparator();
    m_rowMenu->addAction(m_viewRuns);
    m_organizations->setContextMenu(m_rowMenu);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *a = view->addAction(m_tabs->tabText(i).remove(QLatin1Char('&')), this, [this, i] { m_tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    if (m_options.sandboxMode && m_options.addSandboxFaults) {
        auto *sandbox = new SandboxMenu(m_options.addSandboxFaults, m_options.clearSandboxFaults, this);
        menuBar()->addMenu(sandbox);
        connect(sandbox, &SandboxMenu::message, statusBar(), &QStatusBar::showMessage);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OrgConsole"), this, [this] {
        // QMessageBox::about() without its nested event loop: the same box, window-modal.
        auto *about = new QMessageBox(QMessageBox::NoIcon, tr("About OrgConsole"),
                                      tr("<b>OrgConsole %1</b><p>Approve organizations and provision their voice-AI setup: a Twilio "
                                         "number, two VAPI assistants, the number registered with VAPI, the configuration saved, the "
                                         "owner e-mailed — journaled so nothing paid is leaked.</p>")
                                          .arg(QStringLiteral(ORGCONSOLE_VERSION)),
                                      QMessageBox::Ok, this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        const QIcon icon = about->windowIcon();
        about->setIconPixmap(icon.pixmap(icon.actualSize(QSize(64, 64))));
        about->open();
    });
}

void MainWindow::withOrganization(qint64 id, std::function<void(const Organization &)> fn)
{
    m_reader->read(
        this, [id](Store &store) { return store.organizations().find(id); },
        [this, fn = std::move(fn)](const Result<Organization> &org) {
            if (org)
                fn(org.value());
            else
                statusBar()->showMessage(org.error().message, 8000);
        });
}

void MainWindow::withCurrentOrganization(std::function<void(const Organization &)> fn)
{
    if (m_tabs->currentWidget() == m_runs && m_runs->currentRun()) {
        withOrganization(m_runs->currentRun()->organizationId(), std::move(fn));
        return;
    }
    const QList<Organization> selected = m_organizations->selectedOrganizations();
    if (selected.size() == 1)
        fn(selected.first());
}

void MainWindow::updateActions()
{
    const QList<Organization> selected = m_organizations->selectedOrganizations();
    m_approve->setEnabled(!selected.isEmpty());
    m_approve->setText(selected.size() > 1 ? tr("&Approve %1 organizations…").arg(selected.size()) : tr("&Approve…"));
    const bool one = selected.size() == 1;
    const bool busy = one && m_engine.liveRunFor(selected.first().id);
    m_retry->setEnabled(one && !busy);
    m_cleanup->setEnabled(one && !busy);
    m_resend->setEnabled(one && !busy);
    for (QAction *action : {m_approve, m_retry, m_cleanup, m_resend})
        action->setToolTip(action->property("defaultToolTip").toString());
    // What the database role may not do is disabled, and the tooltip says why and how to get it (the database
    // refuses it anyway).
    const DbRole &role = m_store.access();
    for (const auto &[action, needs] : {std::pair{m_approve, DbAction::Approve}, std::pair{m_retry, DbAction::Retry},
                                        std::pair{m_cleanup, DbAction::Cleanup}, std::pair{m_resend, DbAction::Approve}}) {
        if (!role.may(needs)) {
            action->setEnabled(false);
            action->setToolTip(role.whyNot(needs));
        }
    }
    if (!m_engine.isConfigured()) {
        const QString why = tr("Provisioning is not configured: %1. Open Settings to set it up.").arg(m_engine.configurationProblem());
        for (QAction *action : {m_approve, m_retry, m_cleanup, m_resend}) {
            action->setEnabled(false);
            action->setToolTip(why);
        }
    }
    m_viewRuns->setEnabled(one);
    const int live = m_engine.liveRunCount();
    m_live->setText(live ? tr("%n run(s) in progress", nullptr, live) : QString());
}

void MainWindow::showRunsFor(qint64 organizationId)
{
    m_tabs->setCurrentWidget(m_runs);
    for (LiveRun *run : m_engine.runs()) {
        if (run->organizationId() == organizationId)
            m_runs->showRun(run); // runs are in start order: the last shown is the newest
    }
}

void MainWindow::onRunFinished(LiveRun *run)
{
    updateActions();
    QString message = run->outcome() == LiveRun::Outcome::Succeeded
                          ? tr("%1: %2 finished").arg(shortName(run->companyName()), run->kindTitle())
                          : tr("%1: %2 — %3").arg(shortName(run->companyName()), run->kindTitle(), LiveRun::outcomeName(run->outcome()));
    if (!run->phoneNumber().isEmpty())
        message += tr(", number %1").arg(run->phoneNumber());
    statusBar()->showMessage(message, 10000);
    // A notification only when the user is elsewhere: in the window, the runs view already shows it. Only for
    // this console's own runs: a team's runs are many and the runs view lists them.
    if (isActiveWindow() || run->isRemote())
        return;
    const bool good = run->outcome() == LiveRun::Outcome::Succeeded;
    Q_EMIT notified(message, good);
    if (m_tray)
        m_tray->showMessage(tr("OrgConsole"), message, good ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning, 8000);
}

void MainWindow::openSettings(SettingsPage page)
{
    if (!m_options.settings || !m_options.secrets)
        return openAssistants();
    // One at a time: a second request brings the open one forward.
    if (auto *open = findChild<SettingsDialog *>(QString(), Qt::FindDirectChildrenOnly); open && open->isVisible()) {
        if (page == SettingsPage::Assistants)
            open->tabs()->setCurrentWidget(open->findChild<AssistantsEditor *>());
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(*m_options.settings, *m_options.secrets, m_options.testConfiguration,
                                      m_options.sandboxMode ? SettingsDialog::Mode::SandboxReadOnly : SettingsDialog::Mode::Edit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const int assistantsTab = dialog->addPage(new AssistantsEditor(m_engine, dialog), tr("Assistants"));
    if (page == SettingsPage::Assistants)
        dialog->tabs()->setCurrentIndex(assistantsTab);
    dialog->setEnvironment(QProcessEnvironment::systemEnvironment());
    if (!m_engine.isConfigured() && !m_options.sandboxMode)
        dialog->setFirstRun(m_engine.configurationProblem());
    connect(dialog, &SettingsDialog::saved, this, [this] {
        m_engine.setQueueDraining(m_options.settings->queueConcurrency());
        statusBar()->showMessage(tr("Settings saved: the next setup uses them."), 10000);
        Q_EMIT settingsSaved();
    });
    dialog->open();
}

void MainWindow::openAssistants()
{
    // Without settings to edit (tests, tools): the assistants on their own.
    if (auto *open = findChild<AssistantsEditor *>(QString(), Qt::FindDirectChildrenOnly); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *editor = new AssistantsEditor(m_engine, this);
    editor->setWindowFlag(Qt::Window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setWindowTitle(tr("Assistants"));
    editor->resize(1000, 680);
    editor->show();
}

void MainWindow::recoverUnfinishedRuns()
{
    if (!m_engine.isConfigured()) {
        // Recovering needs the vendors: it runs as soon as provisioning is configured.
        m_recoverWhenConfigured = true;
        return;
    }
    statusBar()->showMessage(tr("Checking for runs an earlier session left unfinished…"));
    connect(&m_engine, &ConsoleEngine::recoveryFinished, this, [this](const QJsonObject &result, bool ok, const QString &error) {
        if (!ok) {
            statusBar()->showMessage(tr("Could not recover unfinished runs: %1. They will be retried at the next start.").arg(error));
            return;
        }
        const int recovered = int(result.value(QStringLiteral("recovered")).toArray().size());
        const int skipped = int(result.value(QStringLiteral("skipped")).toArray().size());
        if (recovered == 0 && skipped == 0) {
            statusBar()->showMessage(tr("Ready."), 4000);
            return;
        }
        QString message = tr("Recovered %n unfinished run(s) from an earlier session.", nullptr, recovered);
        if (skipped)
            message += QLatin1Char(' ') + tr("%n run(s) are still held by another console.", nullptr, skipped);
        statusBar()->showMessage(message);
        m_organizations->model()->refresh();
    }, Qt::SingleShotConnection);
    m_engine.recover();
}

} // namespace oc
