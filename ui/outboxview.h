#pragma once

#include "mail/outboxmessage.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace oc {

class EmailPreviewBrowser;
class OutboxModel;

// Sandbox mode's Outbox: the e-mails the sandbox SMTP sink received (newest first) and the selected one
// read back — formatted (HTML part), plain text, headers and the raw source. It knows nothing of the
// sandbox: feed it OutboxMessage values (OutboxMessage::fromRaw) through setMessages or appendMessage.
class OutboxView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxView)

public:
    enum Tab { FormattedTab, PlainTextTab, HeadersTab, SourceTab };

    explicit OutboxView(QWidget *parent = nullptr);

    // All messages in the order received; the selection stays on the message it was on.
    void setMessages(const QList<OutboxMessage> &messages);
    void appendMessage(const OutboxMessage &message);

    OutboxModel *model() const { return m_model; }
    QTreeView *list() const { return m_list; }
    QTabWidget *tabs() const { return m_tabs; }
    EmailPreviewBrowser *htmlView() const { return m_html; }
    QPlainTextEdit *textView() const { return m_text; }
    QPlainTextEdit *headersView() const { return m_headers; }
    QPlainTextEdit *sourceView() const { return m_source; }
    // The message shown below the list, or nullptr.
    const OutboxMessage *currentMessage() const;

Q_SIGNALS:
    void messageCountChanged(int count);

private:
    void showCurrent();
    void afterUpdate();

    OutboxModel *m_model = nullptr;
    QTreeView *m_list = nullptr;
    QLabel *m_count = nullptr;
    QStackedWidget *m_detail = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_from = nullptr;
    QLabel *m_to = nullptr;
    QLabel *m_date = nullptr;
    QLabel *m_subject = nullptr;
    QTabWidget *m_tabs = nullptr;
    EmailPreviewBrowser *m_html = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_source = nullptr;
    QDateTime m_shownAt; // which message the pane shows, so an arriving one does not reset its scrolling
    QByteArray m_shownRaw;
    bool m_showsMessage = false;
};

} // namespace oc
