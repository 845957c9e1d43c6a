#include "mainwindow.h"

#include "organizationsmodel.h"
#include "store/store.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

namespace oc {

MainWindow::MainWindow(Store &store, const QString &databaseLabel, QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("OrgConsole — Organizations"));
    resize(1180, 720);

    m_model = new OrganizationsModel(store.organizations(), this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Organizations"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setSortIndicator(OrganizationsModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(OrganizationsModel::CompanyColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(OrganizationsModel::OwnerColumn, 180);
    m_view->setColumnWidth(OrganizationsModel::EmailColumn, 300);
    m_view->setColumnWidth(OrganizationsModel::StatusColumn, 100);
    m_view->setColumnWidth(OrganizationsModel::CreatedColumn, 150);
    setCentralWidget(m_view);

    auto *toolbar = addToolBar(tr("Filter"));
    toolbar->setObjectName(QStringLiteral("filterToolBar"));
    toolbar->setMovable(false);
    m_search = new QLineEdit(toolbar);
    m_search->setPlaceholderText(tr("Search company, owner or e-mail  (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search organizations"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(360);
    toolbar->addWidget(m_search);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Status: "), toolbar));
    m_status = new QComboBox(toolbar);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All"), QString());
    for (auto s : {OrgStatus::Pending, OrgStatus::Verified, OrgStatus::Rejected, OrgStatus::Suspended})
        m_status->addItem(statusName(s), statusName(s));
    toolbar->addWidget(m_status);

    // Typing waits for a pause before querying, so a fast typist does not run a query per key.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &MainWindow::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);

    auto *find = new QAction(tr("Find"), this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this] { m_search->setFocus(); m_search->selectAll(); });
    addAction(find);
    auto *copy = new QAction(tr("Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &MainWindow::copySelection);
    m_view->addAction(copy);
    auto *refresh = new QAction(tr("Refresh"), this);
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, m_model, &OrganizationsModel::refresh);
    addAction(refresh);

    m_count = new QLabel(this);
    statusBar()->addWidget(m_count);
    statusBar()->addPermanentWidget(new QLabel(databaseLabel, this));
    connect(m_model, &OrganizationsModel::totalCountChanged, this, &MainWindow::updateCount);
    connect(m_model, &OrganizationsModel::loadFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Could not load organizations: %1").arg(message));
    });
    updateCount(m_model->totalCount());
}

void MainWindow::applyFilter()
{
    m_searchDelay->stop();
    const QString status = m_status->currentData().toString();
    m_model->setFilter(status.isEmpty() ? std::nullopt : orgStatusFromString(status), m_search->text());
}

void MainWindow::updateCount(qint64 total)
{
    m_count->setText(total == 1 ? tr("1 organization") : tr("%L1 organizations").arg(total));
}

void MainWindow::copySelection()
{
    // Copies the focused cell: a number, an id, an e-mail, as shown.
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    QApplication::clipboard()->setText(current.data(OrganizationsModel::RawValueRole).toString());
}

} // namespace oc
