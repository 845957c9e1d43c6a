#include "auditmodel.h"

#include "store/store.h"

#include <QLocale>
#include <QScopeGuard>

namespace oc {

namespace {

QString oneLine(const QString &text)
{
    const QString mark = QStringLiteral(" ⏎ ");
    QString line = text;
    line.replace(QLatin1String("\r\n"), mark);
    line.replace(QLatin1Char('\n'), mark);
    line.replace(QLatin1Char('\r'), mark);
    return line;
}

} // namespace

AuditModel::AuditModel(StoreReader &reader, QObject *parent) : QAbstractTableModel(parent), m_reader(reader)
{
    reload();
}

QString AuditModel::displayTime(const QDateTime &at)
{
    return at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void AuditModel::setFilter(const AuditQuery &filter)
{
    AuditQuery f = filter;
    f.limit = kPageSize;
    f.offset = 0;
    f.before.reset();
    if (f.organizationId == m_filter.organizationId && f.action == m_filter.action && f.actor == m_filter.actor
        && f.actorContains == m_filter.actorContains && f.text == m_filter.text && f.since == m_filter.since)
        return;
    m_filter = f;
    reload();
}

void AuditModel::refresh()
{
    reload();
}

AuditQuery AuditModel::pageQuery() const
{
    AuditQuery q = m_filter;
    q.limit = kPageSize;
    q.offset = 0;
    if (!m_rows.isEmpty())
        q.before = AuditQuery::keyOf(m_rows.constLast());
    return q;
}

void AuditModel::reload()
{
    const quint64 generation = ++m_generation;
    m_fetching = false; // a page of the previous filter that arrives now is dropped
    AuditQuery first = m_filter;
    first.limit = kPageSize;
    first.offset = 0;
    first.before.reset();
    m_reader.read(
        this, [first](Store &store) { return store.audit().list(first); },
        [this, generation](Result<QList<AuditRecord>> page) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_rows.clear();
            if (page)
                m_rows = std::move(page).value();
            m_more = page && m_rows.size() == kPageSize;
            endResetModel();
            if (!page) {
                Q_EMIT loadFailed(page.error().message);
                return;
            }
            Q_EMIT loaded(int(m_rows.size()), !m_more);
        });
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool AuditModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more;
}

void AuditModel::fetchMore(const QModelIndex &parent)
{
    // One page at a time: the view asks again as it scrolls, after this one arrived.
    if (m_fetching || !canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 generation = m_generation;
    m_reader.read(
        this, [query = pageQuery()](Store &store) { return store.audit().list(query); },
        [this, generation](Result<QList<AuditRecord>> more) {
            if (generation != m_generation)
                return;
            // Still fetching while the rows go in: views and testers call fetchMore() from the insert signals.
            const auto done = qScopeGuard([this] { m_fetching = false; });
            if (!more) {
                m_more = false; // do not hammer a failing store from every scroll event; refresh() tries again
                Q_EMIT loadFailed(more.error().message);
                return;
            }
            m_more = more->size() == kPageSize;
            if (!more->isEmpty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(more->size()) - 1);
                m_rows.append(more.value());
                endInsertRows();
            }
            Q_EMIT loaded(int(m_rows.size()), !m_more);
        });
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditRecord &r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == RawValueRole) {
        switch (index.column()) {
        case TimeColumn: return r.at;
        case ActorColumn: return r.actor;
        case ActionColumn: return r.action;
        case OrganizationColumn: return r.organizationId ? QVariant(*r.organizationId) : QVariant();
        case RunColumn: return r.runId;
        case OutcomeColumn: return r.outcome;
        case DetailColumn: return r.detail;
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn: return displayTime(r.at);
        case ActorColumn: return r.actor;
        case ActionColumn: return r.action;
        case OrganizationColumn:
            if (!r.organizationId)
                return QString();
            // The id first: it survives eliding, and it is what the organization filter takes.
            return r.organizationName.isEmpty() ? QStringLiteral("#%1").arg(*r.organizationId)
                                                : QStringLiteral("#%1 · %2").arg(*r.organizationId).arg(r.organizationName);
        case RunColumn: return r.runId;
        case OutcomeColumn: return r.outcome;
        case DetailColumn: return oneLine(r.detail);
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn: return r.at.toUTC().toString(Qt::ISODateWithMs);
        case DetailColumn: {
            QString tip = r.detail.toHtmlEscaped().replace(QLatin1Char('\n'), QLatin1String("<br>"));
            if (!r.externalIds.isEmpty())
                tip += (tip.isEmpty() ? QString() : QStringLiteral("<br><br>")) + tr("External ids: %1").arg(r.externalIds.join(QStringLiteral(", ")).toHtmlEscaped());
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        case OrganizationColumn:
        case ActorColumn:
        case RunColumn:
            return data(index, Qt::DisplayRole);
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() == TimeColumn)
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActorColumn: return tr("Actor");
    case ActionColumn: return tr("Action");
    case OrganizationColumn: return tr("Organization");
    case RunColumn: return tr("Run");
    case OutcomeColumn: return tr("Outcome");
    case DetailColumn: return tr("Detail");
    }
    return {};
}

} // namespace oc
