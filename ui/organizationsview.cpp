#include "organizationsview.h"

#include "organizationsmodel.h"
#include "stateicons.h"
#include "store/store.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QTableView>
#include <QTimer>

namespace oc {

OrganizationsView::OrganizationsView(StoreReader &reader, QWidget *parent) : QWidget(parent)
{
    m_model = new OrganizationsModel(reader, this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Organizations"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->horizontalHeader()->setSortIndicator(OrganizationsModel::CreatedColumn, Qt::DescendingOrder);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(OrganizationsModel::CompanyColumn, QHeaderView::Stretch);
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(OrganizationsModel::OwnerColumn, em * 11);
    m_view->setColumnWidth(OrganizationsModel::EmailColumn, em * 17);
    const QFontMetrics fm = m_view->fontMetrics();
    // Status and setup columns fit their words in this language (German ones are longer) and the header.
    const auto fitting = [&](int column, const QStringList &texts, int extra) {
        int width = fm.horizontalAdvance(m_view->model()->headerData(column, Qt::Horizontal).toString()) + em * 2;
        for (const QString &text : texts)
            width = std::max(width, fm.horizontalAdvance(text) + extra);
        return width;
    };
    QStringList statuses;
    for (auto s : {OrgStatus::Pending, OrgStatus::Verified, OrgStatus::Rejected, OrgStatus::Suspended})
        statuses << ui::orgStatusTitle(s);
    QStringList setups;
    for (auto s : {SetupState::None, SetupState::Provisioning, SetupState::Active, SetupState::Failed, SetupState::NeedsAttention})
        setups << ui::setupStateTitle(s);
    const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this) + em / 2;
    m_view->setColumnWidth(OrganizationsModel::StatusColumn, std::max(em * 6, fitting(OrganizationsModel::StatusColumn, statuses, em)));
    m_view->setColumnWidth(OrganizationsModel::SetupColumn, std::max(em * 8, fitting(OrganizationsModel::SetupColumn, setups, icon + em)));
    m_view->setColumnWidth(OrganizationsModel::PhoneColumn, fm.horizontalAdvance(QStringLiteral("+44 20 7946 0958")) + em * 2);
    m_view->setColumnWidth(OrganizationsModel::AssistantsColumn,
                           std::max(fm.horizontalAdvance(OrganizationsModel::tr("Assistants")), fm.horizontalAdvance(QStringLiteral("v999"))) + em * 2);
    m_view->setColumnWidth(OrganizationsModel::CreatedColumn,
                           fm.horizontalAdvance(QLocale().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59)), QLocale::ShortFormat)) + em * 2);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search company, owner or e-mail  (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search organizations"));
    m_search->setClearButtonEnabled(true);
    m_status = new QComboBox(this);
    m_status->setAccessibleName(tr("Status filter"));
    m_status->addItem(tr("All statuses"), QString());
    for (auto s : {OrgStatus::Pending, OrgStatus::Verified, OrgStatus::Rejected, OrgStatus::Suspended})
        m_status->addItem(ui::orgStatusTitle(s), statusName(s));
    auto *statusLabel = new QLabel(tr("&Status:"), this);
    statusLabel->setBuddy(m_status);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_search, 1);
    filters->addSpacing(12);
    filters->addWidget(statusLabel);
    filters->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    // Typing waits for a pause before querying, so a fast typist does not run a query per key.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, &OrganizationsView::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &OrganizationsView::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &OrganizationsView::applyFilter);
    connect(m_model, &OrganizationsModel::totalCountChanged, this, &OrganizationsView::countChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &OrganizationsView::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OrganizationsView::selectionChanged);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const Organization *org = m_model->organizationAt(index.row()))
            Q_EMIT activated(*org);
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (m_menu && m_view->indexAt(pos).isValid())
            m_menu->popup(m_view->viewport()->mapToGlobal(pos));
    });

    auto *copy = new QAction(tr("Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, &OrganizationsView::copySelection);
    m_view->addAction(copy);
}

QList<Organization> OrganizationsView::selectedOrganizations() const
{
    QList<Organization> orgs;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : rows) {
        if (const Organization *org = m_model->organizationAt(index.row()))
            orgs.append(*org);
    }
    return orgs;
}

void OrganizationsView::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void OrganizationsView::selectOrganization(qint64 id)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->organizationAt(row)->id == id) {
            m_view->selectRow(row);
            m_view->scrollTo(m_model->index(row, 0));
            return;
        }
    }
}

void OrganizationsView::applyFilter()
{
    m_searchDelay->stop();
    const QString status = m_status->currentData().toString();
    m_model->setFilter(status.isEmpty() ? std::nullopt : orgStatusFromString(status), m_search->text());
}

void OrganizationsView::copySelection()
{
    // Copies the focused cell as stored (a number in E.164, an id, an e-mail).
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    QApplication::clipboard()->setText(current.data(OrganizationsModel::RawValueRole).toString());
}

} // namespace oc
