#include "outboxmodel.h"

#include <QLocale>

namespace oc {

namespace {

bool sameMessage(const OutboxMessage &a, const OutboxMessage &b)
{
    return a.at == b.at && a.raw == b.raw;
}

} // namespace

OutboxModel::OutboxModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void OutboxModel::setMessages(const QList<OutboxMessage> &messages)
{
    const qsizetype known = m_messages.size();
    bool extends = messages.size() >= known;
    for (qsizetype i = 0; extends && i < known; ++i)
        extends = sameMessage(m_messages.at(i), messages.at(i));
    if (!extends) {
        beginResetModel();
        m_messages = messages;
        endResetModel();
        return;
    }
    if (messages.size() == known)
        return;
    // Newest first: the new messages become the top rows.
    beginInsertRows({}, 0, int(messages.size() - known) - 1);
    m_messages = messages;
    endInsertRows();
}

void OutboxModel::appendMessage(const OutboxMessage &message)
{
    beginInsertRows({}, 0, 0);
    m_messages.append(message);
    endInsertRows();
}

const OutboxMessage &OutboxModel::message(int row) const
{
    return m_messages.at(indexForRow(row));
}

int OutboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int OutboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutboxMessage &m = message(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case ReceivedColumn:
            return QLocale().toString(m.at.toLocalTime(), QLocale::ShortFormat);
        case FromColumn:
            return m.from;
        case ToColumn:
            return m.to;
        case SubjectColumn:
            return m.subject.isEmpty() ? tr("(no subject)") : m.subject;
        }
    }
    if (role == RawValueRole) {
        switch (index.column()) {
        case ReceivedColumn:
            return m.at;
        case FromColumn:
            return m.from;
        case ToColumn:
            return m.to;
        case SubjectColumn:
            return m.subject;
        }
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReceivedColumn:
        return tr("Received");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case SubjectColumn:
        return tr("Subject");
    }
    return {};
}

} // namespace oc
