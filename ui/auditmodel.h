#pragma once

#include "store/auditrepository.h"
#include "store/storereader.h"

#include <QAbstractTableModel>
#include <QList>

namespace oc {

// The audit log, newest first, as a lazy table: a page of records at a time (keyset paging) as the view scrolls.
// Changing the filter re-queries the store, through the reader (off the GUI thread): rows change on arrival.
class AuditModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)

public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, OrganizationColumn, RunColumn, OutcomeColumn, DetailColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, RawValueRole };

    explicit AuditModel(StoreReader &reader, QObject *parent = nullptr);

    // Which records: organization, action, actor, text… (paging fields are ignored: the model pages itself).
    void setFilter(const AuditQuery &filter);
    const AuditQuery &filter() const { return m_filter; }
    void refresh();
    // Every record matching the filter is loaded (no more pages).
    bool isComplete() const { return !m_more; }
    const AuditRecord &record(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static constexpr int kPageSize = 200;

    // Shown in the Time column, local time: 2026-01-15 14:03:27.
    static QString displayTime(const QDateTime &at);

Q_SIGNALS:
    // After a reload or a page: how many rows are loaded and whether that is all of them.
    void loaded(int rows, bool complete);
    void loadFailed(const QString &message);

private:
    void reload();
    AuditQuery pageQuery() const;

    StoreReader &m_reader;
    quint64 m_generation = 0; // of the filter the rows answer; answers to an older one are dropped
    AuditQuery m_filter;
    QList<AuditRecord> m_rows;
    bool m_more = false;
    bool m_fetching = false;
};

} // namespace oc
