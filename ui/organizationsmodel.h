#pragma once

#include "provisioning/setupstate.h"
#include "store/organizationrepository.h"
#include "store/storereader.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <functional>

namespace oc {

// Organizations as a lazy table: rows arrive a page at a time (keyset paging) as the view scrolls, so a
// million rows cost what is on screen. Sorting and filtering re-query the store — through the reader, off the
// GUI thread: the rows change when the answer arrives, and an answer to a query since replaced is dropped.
class OrganizationsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationsModel)

public:
    enum Column { CompanyColumn, OwnerColumn, EmailColumn, StatusColumn, SetupColumn, PhoneColumn, AssistantsColumn, CreatedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RawValueRole, SetupStateRole };
    explicit OrganizationsModel(StoreReader &reader, QObject *parent = nullptr);

    void setFilter(std::optional<OrgStatus> status, const QString &search);
    // Rows matching the filter in the store (not only those loaded).
    qint64 totalCount() const { return m_total; }
    // A query is out (a filter, sort, refresh or the next page): its rows have not arrived yet.
    bool isLoading() const { return m_loading || m_fetching; }
    // The rows are there, their exact count is on its way (a search term's: the page is read first).
    bool isCounting() const { return m_counting; }
    void refresh();
    // Re-reads one organization (after an operation changed it) without resetting the view.
    void refreshOrganization(qint64 id);
    const Organization *organizationAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

    static constexpr int kPageSize = 256;

Q_SIGNALS:
    void totalCountChanged(qint64 total);
    void loadFailed(const QString &message);
    // The rows of the current query arrived (after a filter, sort or refresh).
    void loaded();

private:
    struct Page;
    static Page readPage(Store &store, OrgQuery query, bool count);
    void reload();

    StoreReader &m_reader;
    OrgQuery m_query;
    QList<Organization> m_rows;
    QHash<qint64, SetupSummary> m_setup;
    qint64 m_total = 0;
    quint64 m_generation = 0; // of the query the rows answer; a change of query drops answers in flight
    bool m_loading = false;
    bool m_counting = false;
    bool m_fetching = false;
};

} // namespace oc
