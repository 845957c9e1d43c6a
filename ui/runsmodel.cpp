#include "runsmodel.h"

#include "console/consoleengine.h"
#include "console/liverun.h"
#include "stateicons.h"

#include <QCoreApplication>
#include <QLocale>

namespace oc {

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return {};
    if (ms < 1000)
        return QCoreApplication::translate("oc::RunsModel", "%1 ms").arg(ms);
    if (ms < 60000)
        return QCoreApplication::translate("oc::RunsModel", "%1 s").arg(QLocale().toString(ms / 1000.0, 'f', 1));
    return QCoreApplication::translate("oc::RunsModel", "%1 min %2 s").arg(ms / 60000).arg((ms / 1000) % 60);
}

namespace {

qint64 elapsedMs(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid())
        return -1;
    return from.msecsTo(to.isValid() ? to : QDateTime::currentDateTimeUtc());
}

} // namespace

RunsModel::RunsModel(ConsoleEngine &engine, QObject *parent) : QAbstractTableModel(parent)
{
    const auto &existing = engine.runs();
    for (auto it = existing.rbegin(); it != existing.rend(); ++it)
        m_runs.append(*it);
    for (LiveRun *run : existing)
        connect(run, &LiveRun::changed, this, [this, run] { changed(run); });
    connect(&engine, &ConsoleEngine::runAdded, this, &RunsModel::add);
}

void RunsModel::add(LiveRun *run)
{
    beginInsertRows({}, 0, 0);
    m_runs.prepend(run);
    endInsertRows();
    connect(run, &LiveRun::changed, this, [this, run] { changed(run); });
}

void RunsModel::changed(LiveRun *run)
{
    const int row = rowOf(run);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void RunsModel::tick()
{
    // One signal for the span of running rows: a view repaints it once, not once per run.
    int first = -1, last = -1;
    for (int row = 0; row < m_runs.size(); ++row) {
        if (m_runs[row] && !m_runs[row]->isFinished()) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, StateColumn), index(last, DurationColumn));
}

LiveRun *RunsModel::runAt(int row) const
{
    return row >= 0 && row < m_runs.size() ? m_runs[row].data() : nullptr;
}

int RunsModel::rowOf(const LiveRun *run) const
{
    for (int i = 0; i < m_runs.size(); ++i) {
        if (m_runs[i] == run)
            return i;
    }
    return -1;
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LiveRun *run = m_runs[index.row()];
    if (!run)
        return {};
    if (role == RunRole)
        return QVariant::fromValue(const_cast<LiveRun *>(run));
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return ui::outcomeIcon(run->outcome());
    if (role == Qt::ToolTipRole && index.column() == StateColumn) {
        // The whole state, should the column elide it, and why it failed.
        const QString state = data(index, Qt::DisplayRole).toString();
        return run->errorMessage().isEmpty() ? state : QStringLiteral("%1: %2").arg(state, run->errorMessage());
    }
    if (role != Qt::DisplayRole && role != Qt::AccessibleTextRole)
        return {};
    switch (index.column()) {
    case OrganizationColumn: return run->companyName();
    case OperationColumn: return run->kindTitle();
    case StateColumn:
        if (run->isFinished())
            return LiveRun::outcomeName(run->outcome());
        if (run->isQueued())
            return run->isCancelRequested() ? tr("Canceling…") : tr("Queued");
        return run->isCancelRequested() ? tr("Canceling…") : tr("%1 of %2 steps").arg(run->stepsDone()).arg(run->steps().size());
    case StartedByColumn: return run->actor();
    case WhereColumn: return run->isQueued() ? tr("waiting for a worker") : run->owner();
    case StartedColumn: return QLocale().toString(run->startedAt().toLocalTime().time(), QLocale::ShortFormat);
    case DurationColumn: return formatDuration(elapsedMs(run->startedAt(), run->finishedAt()));
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OrganizationColumn: return tr("Organization");
    case OperationColumn: return tr("Operation");
    case StateColumn: return tr("State");
    case StartedByColumn: return tr("Started by");
    case WhereColumn: return tr("Where");
    case StartedColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    }
    return {};
}

// --- StepsModel

StepsModel::StepsModel(QObject *parent) : QAbstractTableModel(parent) {}

LiveRun *StepsModel::run() const
{
    return m_run;
}

void StepsModel::setRun(LiveRun *run)
{
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_run = run;
    m_rows = run ? int(run->steps().size()) : 0;
    if (run) {
        m_connections << connect(run, &LiveRun::stepAdded, this, [this](int i) {
            beginInsertRows({}, i, i);
            m_rows = int(m_run->steps().size());
            endInsertRows();
        });
        m_connections << connect(run, &LiveRun::stepChanged, this,
                                 [this](int i) { Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1)); });
        m_connections << connect(run, &QObject::destroyed, this, [this] { setRun(nullptr); });
    }
    endResetModel();
}

void StepsModel::tick()
{
    if (!m_run)
        return;
    for (int i = 0; i < m_rows; ++i) {
        const auto s = m_run->steps().at(i).state;
        if (s == pipeline::StepState::Running || s == pipeline::StepState::Compensating)
            Q_EMIT dataChanged(index(i, ProgressColumn), index(i, ProgressColumn));
    }
}

int StepsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int StepsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StepsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_run)
        return {};
    const LiveRun::Step &s = m_run->steps().at(index.row());
    using pipeline::StepState;
    const qint64 elapsed = elapsedMs(s.startedAt, s.finishedAt);
    const bool active = s.state == StepState::Running || s.state == StepState::Compensating;
    switch (role) {
    case StateRole: return int(s.state);
    case ElapsedMsRole: return elapsed;
    case BusyRole: return active;
    case ProgressRole: return s.state == StepState::Pending || s.state == StepState::Skipped || active ? 0 : 100;
    case Qt::DecorationRole:
        return index.column() == StateColumn ? QVariant(ui::stateIcon(s.state)) : QVariant();
    case Qt::ToolTipRole:
        if (!s.error.isEmpty())
            return s.error;
        return index.column() == DetailColumn ? QVariant(s.detail) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == AttemptColumn ? QVariant(Qt::AlignCenter) : QVariant();
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case StateColumn: return ui::stepStateTitle(s.state);
        case StepColumn: return s.title;
        case ProgressColumn: return elapsed >= 0 ? formatDuration(elapsed) : QString();
        case AttemptColumn: return s.attempt > 0 ? QString::number(s.attempt) : QString();
        case DetailColumn: return s.error.isEmpty() ? s.detail : s.error;
        }
    }
    return {};
}

QVariant StepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn: return tr("State");
    case StepColumn: return tr("Step");
    case ProgressColumn: return tr("Elapsed");
    case AttemptColumn: return tr("Attempt");
    case DetailColumn: return tr("Detail");
    }
    return {};
}

} // namespace oc
