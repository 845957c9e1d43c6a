#pragma once

#include "provisioning/setupstate.h"
#include "store/organizationrepository.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <functional>

namespace oc {

// Organizations as a lazy table: rows arrive a page at a time (keyset paging) as the view scrolls, so a
// million rows cost what is on screen. Sorting and filtering re-query the store.
class OrganizationsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrganizationsModel)

public:
    enum Column { CompanyColumn, OwnerColumn, EmailColumn, StatusColumn, SetupColumn, PhoneColumn, CreatedColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RawValueRole, SetupStateRole };
    // The AI setup state and number of a page of organizations (setupSummaries over the store).
    using SetupLookup = std::function<Result<QHash<qint64, SetupSummary>>(const QList<qint64> &ids)>;

    explicit OrganizationsModel(OrganizationRepository &repository, QObject *parent = nullptr);
    // Without a lookup the AI setup and phone columns stay empty.
    void setSetupLookup(SetupLookup lookup);

    void setFilter(std::optional<OrgStatus> status, const QString &search);
    // Rows matching the filter in the store (not only those loaded).
    qint64 totalCount() const { return m_total; }
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

private:
    void reload();
    void lookUpSetup(const QList<Organization> &rows);

    OrganizationRepository &m_repository;
    OrgQuery m_query;
    QList<Organization> m_rows;
    SetupLookup m_setupLookup;
    QHash<qint64, SetupSummary> m_setup;
    qint64 m_total = 0;
    bool m_fetching = false;
};

} // namespace oc
