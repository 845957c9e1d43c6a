#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace oc {

class ConsoleEngine;
class LiveRun;

// The runs this console started or recovered this session, newest first, live-updating.
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsModel)

public:
    enum Column { OrganizationColumn, OperationColumn, StateColumn, StartedByColumn, WhereColumn, StartedColumn, DurationColumn, ColumnCount };
    enum Role { RunRole = Qt::UserRole + 1 };

    explicit RunsModel(ConsoleEngine &engine, QObject *parent = nullptr);

    LiveRun *runAt(int row) const;
    int rowOf(const LiveRun *run) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Refreshes the durations of runs still going (called by a timer while visible).
    void tick();

private:
    void add(LiveRun *run);
    void changed(LiveRun *run);

    QList<QPointer<LiveRun>> m_runs; // newest first
};

// The steps of one run: state, title, progress (busy or done, with the elapsed time), attempt, detail.
class StepsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepsModel)

public:
    enum Column { StateColumn, StepColumn, ProgressColumn, AttemptColumn, DetailColumn, ColumnCount };
    // ProgressRole: 0 waiting, 100 finished (whatever the outcome); BusyRole: running or rolling back, which
    // has no progress to show (vendors report none).
    enum Role { StateRole = Qt::UserRole + 1, ProgressRole, ElapsedMsRole, BusyRole };

    explicit StepsModel(QObject *parent = nullptr);

    void setRun(LiveRun *run);
    LiveRun *run() const;
    void tick();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<LiveRun> m_run;
    int m_rows = 0;
    QList<QMetaObject::Connection> m_connections;
};

QString formatDuration(qint64 ms);

} // namespace oc
