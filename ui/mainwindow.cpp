#include "mainwindow.h"

#include "approvedialog.h"
#include "auditview.h"
#include "dashboardview.h"
#include "console/consoleengine.h"
#include "console/liverun.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "orphansview.h"
#include "outboxview.h"
#include "runsview.h"
#include "settings/settings.h"
#include "stateicons.h"
#include "store/store.h"

#include <QAction>
#include <QApplication>
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

namespace {

QString shortName(const QString &name)
{
    // Names can be 10k characters of anything: dialogs show a bounded, single-line form.
    QString flat = name;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    return flat.size() > 80 ? flat.left(79) + QStringLiteral("…") : flat;
}

} // namespace

MainWindow::MainWindow(Store &store, ConsoleEngine &engine, MainWindowOptions options, QWidget *parent)
    : QMainWindow(parent), m_store(store), m_engine(engine), m_options(std::move(options))
{
    // Qt appends the application display name: "Sandbox — OrgConsole", or just "OrgConsole".
    setWindowTitle(m_options.sandboxMode ? tr("Sandbox") : QString());
    // As large as is comfortable, never larger than the screen.
    const QSize avail = screen() ? screen()->availableGeometry().size() : QSize(1280, 800);
    resize(std::min(1280, avail.width() * 9 / 10), std::min(800, avail.height() * 9 / 10));

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_organizations = new OrganizationsView(store, m_tabs);
    m_runs = new RunsView(engine, m_tabs);
    m_orphans = new OrphansView(engine, m_tabs);
    m_dashboard = new DashboardView(store, m_tabs);
    m_audit = new AuditView(store, m_tabs);
    m_tabs->addTab(m_organizations, tr("&Organizations"));
    m_tabs->addTab(m_runs, tr("&Runs"));
    m_tabs->addTab(m_dashboard, tr("&Dashboard"));
    m_tabs->addTab(m_orphans, tr("Or&phans"));
    m_tabs->addTab(m_audit, tr("A&udit log"));
    if (m_options.sandboxMode) {
        m_outbox = new OutboxView(m_tabs);
        const int index = m_tabs->addTab(m_outbox, tr("Out&box"));
        m_tabs->setTabToolTip(index, tr("The e-mails the sandbox's SMTP server received"));
        connect(m_outbox, &OutboxView::messageCountChanged, this, [this, index](int count) {
            m_tabs->setTabText(index, count ? tr("Out&box (%1)").arg(count) : tr("Out&box"));
        });
    }
    setCentralWidget(m_tabs);

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
    m_count->setText(tr("%L1 organizations").arg(m_organizations->model()->totalCount()));
    connect(m_organizations, &OrganizationsView::selectionChanged, this, &MainWindow::updateActions);
    connect(m_organizations, &OrganizationsView::activated, this, [this](const Organization &org) { showRunsFor(org.id); });

    connect(&engine, &ConsoleEngine::runAdded, this, [this] { updateActions(); });
    connect(&engine, &ConsoleEngine::runFinished, this, &MainWindow::onRunFinished);
    // What a run changes shows on the dashboard and in the audit log without waiting for their timers.
    const auto refreshVisible = [this] {
        if (m_dashboard->isVisible())
            m_dashboard->refresh();
        if (m_audit->isVisible())
            m_audit->refresh();
    };
    connect(&engine, &ConsoleEngine::runFinished, this, refreshVisible);
    connect(&engine, &ConsoleEngine::runAdded, this, refreshVisible);
    connect(&engine, &ConsoleEngine::organizationChanged, m_organizations->model(), &OrganizationsModel::refreshOrganization);
    connect(&engine, &ConsoleEngine::organizationChanged, this, &MainWindow::updateActions);

    connect(m_runs, &RunsView::retryRequested, this, [this](LiveRun *run) {
        if (auto org = organization(run->organizationId()))
            retry(*org);
    });
    connect(m_runs, &RunsView::cleanupRequested, this, [this](LiveRun *run) {
        if (auto org = organization(run->organizationId()))
            cleanup(*org);
    });
    connect(m_runs, &RunsView::resendRequested, this, [this](LiveRun *run) {
        if (auto org = organization(run->organizationId()))
            resendEmail(*org);
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
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    if (settings->shortcut().isEmpty())
        settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    settings->setEnabled(m_options.settings && m_options.secrets);
    QAction *refresh = file->addAction(tr("&Refresh"), m_organizations->model(), &OrganizationsModel::refresh);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *orgMenu = menuBar()->addMenu(tr("Or&ganization"));
    m_approve = orgMenu->addAction(tr("&Approve…"), this, [this] { approve(m_organizations->selectedOrganizations()); });
    m_approve->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_approve->setToolTip(tr("Verify the selected organizations and set up their phone number and assistants"));
    m_retry = orgMenu->addAction(tr("&Retry setup…"), this, [this] {
        if (auto org = currentOrganization())
            retry(*org);
    });
    m_retry->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_cleanup = orgMenu->addAction(tr("&Clean up…"), this, [this] {
        if (auto org = currentOrganization())
            cleanup(*org);
    });
    m_cleanup->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    m_resend = orgMenu->addAction(tr("Resend &e-mail"), this, [this] {
        if (auto org = currentOrganization())
            resendEmail(*org);
    });
    orgMenu->addSeparator();
    m_viewRuns = orgMenu->addAction(tr("&View runs"), this, [this] {
        if (auto org = currentOrganization())
            showRunsFor(org->id);
    });
    m_viewRuns->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction *find = orgMenu->addAction(tr("&Find"), this, [this] {
        m_tabs->setCurrentWidget(m_organizations);
        m_organizations->focusSearch();
    });
    find->setShortcut(QKeySequence::Find);
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
        QMenu *sandbox = menuBar()->addMenu(tr("&Sandbox"));
        sandbox->setToolTipsVisible(true);
        const std::pair<QString, QString> faults[] = {
            {tr("Fail the next number &purchase"), QStringLiteral("twilio.buy*1=400")},
            {tr("Fail the next &assistant creation"), QStringLiteral("vapi.assistant.create*1=400")},
            {tr("Fail the next number &registration"), QStringLiteral("vapi.phone.create*1=400")},
            {tr("Fail the next number registration &and its undo"), QStringLiteral("vapi.phone.create*1=400,twilio.release*10=500")},
            {tr("Make the vendors &slow (2 s per call)"), QStringLiteral("twilio.buy=delay:2000,vapi.assistant.create=delay:2000")},
        };
        for (const auto &[title, spec] : faults) {
            QAction *a = sandbox->addAction(title, this, [this, spec = spec, title = title] {
                auto r = m_options.addSandboxFaults(spec);
                statusBar()->showMessage(r ? tr("Sandbox: %1 — armed. Approve an organization to see it.").arg(QString(title).remove(QLatin1Char('&')))
                                           : tr("Sandbox: %1").arg(r.error().message), 8000);
            });
            a->setToolTip(spec);
        }
        sandbox->addSeparator();
        sandbox->addAction(tr("&Clear faults"), this, [this] {
            if (m_options.clearSandboxFaults)
                m_options.clearSandboxFaults();
            statusBar()->showMessage(tr("Sandbox: faults cleared; vendors behave again."), 5000);
        });
        sandbox->addSeparator();
        QAction *hint = sandbox->addAction(tr("Area code 999 never has numbers"));
        hint->setEnabled(false);
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OrgConsole"), this, [this] {
        QMessageBox::about(this, tr("About OrgConsole"),
                           tr("<b>OrgConsole %1</b><p>Approve organizations and provision their voice-AI setup: a Twilio "
                              "number, two VAPI assistants, the number registered with VAPI, the configuration saved, the "
                              "owner e-mailed — journaled so nothing paid is leaked.</p>")
                               .arg(QStringLiteral(ORGCONSOLE_VERSION)));
    });
}

std::optional<Organization> MainWindow::organization(qint64 id) const
{
    auto org = m_store.organizations().find(id);
    if (!org)
        return std::nullopt;
    return std::move(org).value();
}

std::optional<Organization> MainWindow::currentOrganization() const
{
    if (m_tabs->currentWidget() == m_runs && m_runs->currentRun())
        return organization(m_runs->currentRun()->organizationId());
    const QList<Organization> selected = m_organizations->selectedOrganizations();
    if (selected.size() != 1)
        return std::nullopt;
    return selected.first();
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
    m_viewRuns->setEnabled(one);
    const int live = m_engine.liveRunCount();
    m_live->setText(live ? tr("%n run(s) in progress", nullptr, live) : QString());
}

bool MainWindow::chooseCountry(const QList<Organization> &orgs, QString &country, QString &areaCode, bool retry)
{
    if (m_chooser)
        return m_chooser(orgs, country, areaCode);
    ApproveDialog dialog(orgs, m_engine.services().assistantTemplate, country, areaCode, this);
    if (retry) {
        dialog.setWindowTitle(tr("Retry setup"));
        dialog.approveButton()->setText(tr("Retry"));
    }
    if (dialog.exec() != QDialog::Accepted)
        return false;
    country = dialog.countryCode();
    areaCode = dialog.areaCode();
    return true;
}

void MainWindow::approve(const QList<Organization> &orgs)
{
    if (orgs.isEmpty())
        return;
    QString country = m_options.settings ? m_options.settings->defaultCountry() : QStringLiteral("US");
    QString areaCode = m_options.settings ? m_options.settings->defaultAreaCode() : QString();
    if (!chooseCountry(orgs, country, areaCode, false))
        return;
    if (m_options.settings) {
        m_options.settings->setDefaultCountry(country);
        m_options.settings->setDefaultAreaCode(areaCode);
    }
    QList<Organization> toStart;
    int skipped = 0;
    for (const Organization &org : orgs) {
        if (m_engine.liveRunFor(org.id))
            ++skipped;
        else
            toStart.append(org);
    }
    if (!toStart.isEmpty()) {
        // The first starts now; the others a few per event-loop turn, so approving 200 at once never holds the
        // window for the 200 runs' first database writes.
        LiveRun *first = m_engine.approve(toStart.takeFirst(), country, areaCode);
        m_tabs->setCurrentWidget(m_runs);
        m_runs->showRun(first);
        startLater(std::move(toStart), country, areaCode);
    }
    if (skipped)
        statusBar()->showMessage(tr("%n organization(s) already have a setup in progress; they were left alone.", nullptr, skipped), 8000);
}

void MainWindow::startLater(QList<Organization> orgs, const QString &country, const QString &areaCode)
{
    if (orgs.isEmpty())
        return;
    QTimer::singleShot(0, this, [this, orgs = std::move(orgs), country, areaCode]() mutable {
        constexpr int kPerTurn = 4;
        for (int i = 0; i < kPerTurn && !orgs.isEmpty(); ++i) {
            const Organization org = orgs.takeFirst();
            if (!m_engine.liveRunFor(org.id))
                m_engine.approve(org, country, areaCode);
        }
        startLater(std::move(orgs), country, areaCode);
    });
}

void MainWindow::retry(const Organization &org)
{
    if (m_engine.liveRunFor(org.id)) {
        statusBar()->showMessage(tr("%1 already has a setup in progress.").arg(shortName(org.companyName)), 6000);
        return;
    }
    QString country = m_options.settings ? m_options.settings->defaultCountry() : QStringLiteral("US");
    QString areaCode;
    if (auto runs = m_store.runs().forOrganization(org.id); runs && !runs->isEmpty()) {
        country = runs->constLast().countryCode.isEmpty() ? country : runs->constLast().countryCode;
        areaCode = runs->constLast().areaCode;
    }
    if (!chooseCountry({org}, country, areaCode, true))
        return;
    LiveRun *run = m_engine.retry(org, country, areaCode);
    m_tabs->setCurrentWidget(m_runs);
    m_runs->showRun(run);
}

void MainWindow::cleanup(const Organization &org)
{
    if (m_engine.liveRunFor(org.id)) {
        statusBar()->showMessage(tr("%1 has a setup in progress: cancel it first.").arg(shortName(org.companyName)), 6000);
        return;
    }
    auto config = m_store.aiConfigs().findByOrganization(org.id);
    QStringList what;
    if (config) {
        if (!config->number.isEmpty())
            what << tr("• Release phone number %1 (%2)").arg(config->number, config->phoneNumberSid);
        if (!config->vapiPhoneNumberId.isEmpty())
            what << tr("• Delete its VAPI registration %1").arg(config->vapiPhoneNumberId);
        if (!config->inboundAssistantId.isEmpty())
            what << tr("• Delete the inbound assistant %1").arg(config->inboundAssistantId);
        if (!config->outboundAssistantId.isEmpty())
            what << tr("• Delete the outbound assistant %1").arg(config->outboundAssistantId);
        what << tr("• Delete the AI configuration (kept if anything above cannot be removed)");
    } else {
        what << tr("• Anything a failed run left at Twilio or VAPI, found by its tags");
    }
    QMessageBox box(QMessageBox::Warning, tr("Clean up %1").arg(shortName(org.companyName)),
                    tr("Clean up the AI setup of %1?").arg(shortName(org.companyName)), QMessageBox::Cancel, this);
    box.setInformativeText(what.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                           tr("A released number cannot be bought back. The organization stays verified."));
    QPushButton *go = box.addButton(tr("Clean up"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != go)
        return;
    LiveRun *run = m_engine.cleanup(org);
    m_tabs->setCurrentWidget(m_runs);
    m_runs->showRun(run);
}

void MainWindow::resendEmail(const Organization &org)
{
    LiveRun *run = m_engine.resendEmail(org);
    m_tabs->setCurrentWidget(m_runs);
    m_runs->showRun(run);
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
    // A notification only when the user is elsewhere: in the window, the runs view already shows it.
    if (m_tray && !isActiveWindow()) {
        m_tray->showMessage(tr("OrgConsole"), message,
                            run->outcome() == LiveRun::Outcome::Succeeded ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning,
                            8000);
    }
}

void MainWindow::openSettings()
{
    if (!m_options.settings || !m_options.secrets)
        return;
    SettingsDialog dialog(*m_options.settings, *m_options.secrets, m_options.testConfiguration,
                          m_options.sandboxMode ? SettingsDialog::Mode::SandboxReadOnly : SettingsDialog::Mode::Edit, this);
    dialog.setEnvironment(QProcessEnvironment::systemEnvironment());
    connect(&dialog, &SettingsDialog::saved, this, [this] {
        statusBar()->showMessage(tr("Settings saved. Endpoints and credentials take effect the next time OrgConsole starts."), 10000);
    });
    dialog.exec();
}

void MainWindow::recoverUnfinishedRuns()
{
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
