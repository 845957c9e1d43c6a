#include "organizationsmodel.h"

#include "phone/phoneformat.h"
#include "stateicons.h"

#include <QLocale>
#include <QScopedValueRollback>

namespace oc {

OrganizationsModel::OrganizationsModel(OrganizationRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
    m_query.limit = kPageSize;
    m_query.sort = OrgQuery::Sort::CreatedAt;
    m_query.order = Qt::DescendingOrder;
    reload();
}

void OrganizationsModel::setSetupLookup(SetupLookup lookup)
{
    m_setupLookup = std::move(lookup);
    m_setup.clear();
    lookUpSetup(m_rows);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, SetupColumn), index(int(m_rows.size()) - 1, PhoneColumn));
}

void OrganizationsModel::lookUpSetup(const QList<Organization> &rows)
{
    if (!m_setupLookup || rows.isEmpty())
        return;
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const Organization &org : rows)
        ids.append(org.id);
    auto found = m_setupLookup(ids);
    if (!found) {
        Q_EMIT loadFailed(found.error().message);
        return;
    }
    m_setup.insert(found.value());
}

void OrganizationsModel::setFilter(std::optional<OrgStatus> status, const QString &search)
{
    if (m_query.status == status && m_query.search == search)
        return;
    m_query.status = status;
    m_query.search = search;
    reload();
}

void OrganizationsModel::refresh()
{
    reload();
}

const Organization *OrganizationsModel::organizationAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void OrganizationsModel::refreshOrganization(qint64 id)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id != id)
            continue;
        auto fresh = m_repository.find(id);
        if (!fresh)
            return;
        m_rows[row] = std::move(fresh).value();
        lookUpSetup({m_rows[row]});
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
}

void OrganizationsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_query.after.reset();
    m_query.knownMatches.reset();
    auto total = m_repository.count(m_query);
    m_total = total ? total.value() : 0;
    m_setup.clear();
    Result<QList<Organization>> first = QList<Organization>();
    if (!total || m_total > 0) {
        // The count tells the store which plan finds the page fastest (a rare search term at a million rows
        // is a table scan, not a walk of the sort index); no match needs no page at all.
        if (total)
            m_query.knownMatches = m_total;
        first = m_repository.list(m_query);
    }
    if (first)
        m_rows = std::move(first).value();
    lookUpSetup(m_rows);
    endResetModel();
    Q_EMIT totalCountChanged(m_total);
    if (!total)
        Q_EMIT loadFailed(total.error().message);
    else if (!first)
        Q_EMIT loadFailed(first.error().message);
}

int OrganizationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrganizationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool OrganizationsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void OrganizationsModel::fetchMore(const QModelIndex &parent)
{
    // Views and testers may call back into fetchMore() from the insert signals: one fetch at a time.
    if (m_fetching || !canFetchMore(parent) || m_rows.isEmpty())
        return;
    const QScopedValueRollback guard(m_fetching, true);
    OrgQuery page = m_query;
    page.after = m_query.keyOf(m_rows.constLast());
    auto more = m_repository.list(page);
    if (!more) {
        Q_EMIT loadFailed(more.error().message);
        return;
    }
    if (more->isEmpty()) {
        // The table shrank under us (another console): stop asking.
        m_total = m_rows.size();
        Q_EMIT totalCountChanged(m_total);
        return;
    }
    lookUpSetup(more.value());
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more->size() - 1));
    m_rows.append(more.value());
    endInsertRows();
}

QVariant OrganizationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Organization &org = m_rows.at(index.row());
    if (role == IdRole)
        return org.id;
    const auto setup = m_setup.constFind(org.id);
    if (role == SetupStateRole)
        return setup == m_setup.cend() ? QVariant() : QVariant(int(setup->state));
    if (role == Qt::DecorationRole && index.column() == SetupColumn && setup != m_setup.cend())
        return ui::setupStateIcon(setup->state);
    if (role == Qt::DisplayRole || role == RawValueRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case CompanyColumn: return org.companyName;
        case OwnerColumn: return org.ownerName;
        case EmailColumn: return org.ownerEmail;
        case StatusColumn: return role == RawValueRole ? statusName(org.status) : ui::orgStatusTitle(org.status);
        case SetupColumn:
            if (setup == m_setup.cend())
                return {};
            return role == RawValueRole ? statusName(setup->state) : ui::setupStateTitle(setup->state);
        case PhoneColumn:
            if (setup == m_setup.cend() || setup->number.isEmpty())
                return {};
            return role == RawValueRole ? setup->number : phone::formatForHumans(setup->number);
        case CreatedColumn:
            if (role == RawValueRole)
                return org.createdAt;
            return QLocale().toString(org.createdAt.toLocalTime(), QLocale::ShortFormat);
        }
    }
    return {};
}

QVariant OrganizationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CompanyColumn: return tr("Company");
    case OwnerColumn: return tr("Owner");
    case EmailColumn: return tr("E-mail");
    case StatusColumn: return tr("Status");
    case SetupColumn: return tr("AI setup");
    case PhoneColumn: return tr("Phone number");
    case CreatedColumn: return tr("Created");
    }
    return {};
}

void OrganizationsModel::sort(int column, Qt::SortOrder order)
{
    OrgQuery::Sort key = OrgQuery::Sort::CreatedAt;
    switch (column) {
    case CompanyColumn: key = OrgQuery::Sort::CompanyName; break;
    case EmailColumn: key = OrgQuery::Sort::OwnerEmail; break;
    case StatusColumn: key = OrgQuery::Sort::Status; break;
    case CreatedColumn: key = OrgQuery::Sort::CreatedAt; break;
    default: return; // owner name has no index: not sortable at a million rows
    }
    if (m_query.sort == key && m_query.order == order)
        return;
    m_query.sort = key;
    m_query.order = order;
    reload();
}

} // namespace oc
