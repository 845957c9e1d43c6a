#pragma once

#include "mail/outboxmessage.h"

#include <QAbstractTableModel>
#include <QList>

namespace oc {

// The e-mails the sandbox's SMTP sink received, newest first. Messages only ever arrive (the sink keeps
// them), so an update that extends the list inserts rows and keeps the selection; anything else resets.
class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxModel)

public:
    enum Column { ReceivedColumn, FromColumn, ToColumn, SubjectColumn, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1 };

    explicit OutboxModel(QObject *parent = nullptr);

    // In the order received (oldest first), as the sink lists them.
    void setMessages(const QList<OutboxMessage> &messages);
    void appendMessage(const OutboxMessage &message);
    const OutboxMessage &message(int row) const;
    int messageCount() const { return int(m_messages.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int indexForRow(int row) const { return int(m_messages.size()) - 1 - row; }

    QList<OutboxMessage> m_messages; // oldest first; row 0 shows the last
};

} // namespace oc
