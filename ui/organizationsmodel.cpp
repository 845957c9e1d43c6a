#include "organizationsmodel.h"

#include "phone/phoneformat.h"
#include "stateicons.h"
#include "store/searchterm.h"
#include "store/store.h"

#include <QLocale>
#include <QScopeGuard>

#include <algorithm>

namespace oc {

struct OrganizationsModel::Page {
    Result<qint64> total = qint64(0);
    Result<QList<Organization>> rows = QList<Organization>();
    Result<QHash<qint64, SetupSummary>> setup = QHash<qint64, SetupSummary>();
};

OrganizationsModel::OrganizationsModel(StoreReader &reader, QObject *parent) : QAbstractTableModel(parent), m_reader(reader)
{
    m_query.limit = kPageSize;
    m_query.sort = OrgQuery::Sort::CreatedAt;
    m_query.order = Qt::DescendingOrder;
    reload();
}

// On the reader's thread: the count (when asked), the page and its AI setup states, one after the other.
OrganizationsModel::Page OrganizationsModel::readPage(Store &store, OrgQuery query, bool count)
{
    Page page;
    if (count) {
        page.total = store.organizations().count(query);
        if (page.total && page.total.value() == 0)
            return page; // no match needs no page at all
        // The count tells the store which plan finds the page fastest (a rare search term at a million rows
        // is a table scan, not a walk of the sort index).
        if (page.total)
            query.knownMatches = page.total.value();
    }
    page.rows = store.organizations().list(query);
    if (page.rows && !page.rows->isEmpty()) {
        QList<qint64> ids;
        ids.reserve(page.rows->size());
        for (const Organization &org : page.rows.value())
            ids.append(org.id);
        page.setup = setupSummaries(store, ids);
    }
    return page;
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
    if (std::none_of(m_rows.cbegin(), m_rows.cend(), [id](const Organization &o) { return o.id == id; }))
        return;
    const quint64 generation = m_generation;
    m_reader.read(
        this,
        [id](Store &store) {
            std::pair<Result<Organization>, Result<QHash<qint64, SetupSummary>>> fresh{store.organizations().find(id),
                                                                                     setupSummaries(store, {id})};
            return fresh;
        },
        [this, id, generation](std::pair<Result<Organization>, Result<QHash<qint64, SetupSummary>>> fresh) {
            if (generation != m_generation || !fresh.first)
                return;
            for (int row = 0; row < m_rows.size(); ++row) {
                if (m_rows[row].id != id)
                    continue;
                m_rows[row] = std::move(fresh.first).value();
                if (fresh.second)
                    m_setup.insert(fresh.second.value());
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
                return;
            }
        });
}

void OrganizationsModel::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_counting = false;
    m_fetching = false; // a page of the previous query that arrives now is dropped
    OrgQuery query = m_query;
    query.after.reset();
    query.knownMatches.reset();
    // Everything, or a term the trigram index answers: the first page first (the store needs no exact count to
    // plan it), the count after, so the rows paint as soon as they are found. Otherwise (a status filter, a
    // term of one or two characters) the count picks the plan.
    const bool pageFirst = SearchTerm(query.search).indexable() || (SearchTerm(query.search).isEmpty() && !query.status);
    m_reader.read(
        this, [query, pageFirst](Store &store) { return readPage(store, query, !pageFirst); },
        [this, generation, pageFirst, query](Page page) {
            if (generation != m_generation)
                return; // a newer filter, sort or refresh is on its way
            m_loading = false;
            beginResetModel();
            m_rows.clear();
            m_setup.clear();
            m_query.knownMatches.reset();
            if (page.rows)
                m_rows = std::move(page.rows).value();
            if (page.setup)
                m_setup = std::move(page.setup).value();
            const bool countLater = pageFirst && page.rows && m_rows.size() >= query.limit;
            if (pageFirst)
                m_total = countLater ? m_rows.size() + 1 : m_rows.size(); // at least one more page, until counted
            else
                m_total = page.total ? page.total.value() : 0;
            if (!pageFirst && page.total)
                m_query.knownMatches = m_total;
            m_counting = countLater;
            endResetModel();
            if (!countLater)
                Q_EMIT totalCountChanged(m_total);
            if (!page.total)
                Q_EMIT loadFailed(page.total.error().message);
            else if (!page.rows)
                Q_EMIT loadFailed(page.rows.error().message);
            else if (!page.setup)
                Q_EMIT loadFailed(page.setup.error().message);
            Q_EMIT loaded();
            if (countLater) {
                m_reader.read(
                    this, [query](Store &store) { return store.organizations().count(query); },
                    [this, generation](const Result<qint64> &total) {
                        if (generation != m_generation)
                            return;
                        m_counting = false;
                        if (!total) {
                            Q_EMIT loadFailed(total.error().message);
                            return;
                        }
                        m_total = std::max<qint64>(total.value(), m_rows.size());
                        m_query.knownMatches = m_total;
                        Q_EMIT totalCountChanged(m_total);
                    });
            }
        });
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
    // One page at a time: the view asks again as it scrolls, after this one arrived.
    if (m_fetching || m_loading || !canFetchMore(parent) || m_rows.isEmpty())
        return;
    m_fetching = true;
    OrgQuery page = m_query;
    page.after = m_query.keyOf(m_rows.constLast());
    const quint64 generation = m_generation;
    m_reader.read(
        this, [page](Store &store) { return readPage(store, page, false); },
        [this, generation](Page more) {
            if (generation != m_generation)
                return;
            // Still fetching while the rows go in: views and testers call fetchMore() from the insert signals.
            const auto done = qScopeGuard([this] { m_fetching = false; });
            if (!more.rows) {
                Q_EMIT loadFailed(more.rows.error().message);
                return;
            }
            if (more.rows->isEmpty()) {
                // The table shrank under us (another console): stop asking.
                m_total = m_rows.size();
                Q_EMIT totalCountChanged(m_total);
                return;
            }
            if (more.setup)
                m_setup.insert(more.setup.value());
            const bool full = more.rows->size() >= m_query.limit;
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.rows->size() - 1));
            m_rows.append(more.rows.value());
            if (m_counting) // the count is on its way: at least one more page while they come full
                m_total = full ? m_rows.size() + 1 : m_rows.size();
            endInsertRows();
        });
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
        case AssistantsColumn:
            // The assistant template version of its configuration (Settings → Assistants); none without assistants.
            if (setup == m_setup.cend() || setup->number.isEmpty())
                return {};
            if (role == RawValueRole)
                return setup->assistantVersion;
            if (role == Qt::ToolTipRole)
                return setup->assistantVersion > 0 ? tr("Its assistants have template version %1").arg(setup->assistantVersion)
                                                   : tr("Its assistants were made before template versions (version 1)");
            return setup->assistantVersion > 0 ? tr("v%1").arg(setup->assistantVersion) : tr("v1");
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
    case AssistantsColumn: return tr("Assistants");
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
