#include "outboxview.h"

#include "emailpreviewbrowser.h"
#include "outboxmodel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace oc {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText); // header values come from the message: never markup
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    label->setAccessibleName(accessibleName);
    return label;
}

QPlainTextEdit *textPane(QWidget *parent, const QString &accessibleName, bool monospace)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setAccessibleName(accessibleName);
    if (monospace) {
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    return edit;
}

} // namespace

OutboxView::OutboxView(QWidget *parent) : QWidget(parent)
{
    m_model = new OutboxModel(this);

    auto *intro = new QLabel(tr("E-mails sent in sandbox mode are kept here and never delivered."), this);
    intro->setWordWrap(true);
    m_count = new QLabel(this);
    m_count->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_list = new QTreeView(this);
    m_list->setAccessibleName(tr("Sent e-mails"));
    m_list->setModel(m_model);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(OutboxModel::ReceivedColumn, 150);
    m_list->setColumnWidth(OutboxModel::FromColumn, 240);
    m_list->setColumnWidth(OutboxModel::ToColumn, 240);

    auto *message = new QWidget(this);
    auto *headerForm = new QFormLayout;
    headerForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_subject = valueLabel(message, tr("Subject"));
    QFont bold = m_subject->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_subject->setFont(bold);
    m_from = valueLabel(message, tr("From"));
    m_to = valueLabel(message, tr("To"));
    m_date = valueLabel(message, tr("Received"));
    headerForm->addRow(m_subject);
    headerForm->addRow(tr("From:"), m_from);
    headerForm->addRow(tr("To:"), m_to);
    headerForm->addRow(tr("Received:"), m_date);

    m_html = new EmailPreviewBrowser(message);
    m_html->setAccessibleName(tr("Formatted e-mail"));
    m_text = textPane(message, tr("Plain-text e-mail"), false);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_headers = textPane(message, tr("E-mail headers"), true);
    m_source = textPane(message, tr("E-mail source"), true);
    m_tabs = new QTabWidget(message);
    m_tabs->setDocumentMode(true);
    m_tabs->insertTab(FormattedTab, m_html, tr("Formatted"));
    m_tabs->insertTab(PlainTextTab, m_text, tr("Plain text"));
    m_tabs->insertTab(HeadersTab, m_headers, tr("Headers"));
    m_tabs->insertTab(SourceTab, m_source, tr("Source"));
    auto *messageLayout = new QVBoxLayout(message);
    messageLayout->setContentsMargins(0, 6, 0, 0);
    messageLayout->addLayout(headerForm);
    messageLayout->addWidget(m_tabs, 1);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_detail = new QStackedWidget(this);
    m_detail->addWidget(m_placeholder);
    m_detail->addWidget(message);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 5);
    splitter->setChildrenCollapsible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(intro, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OutboxView::showCurrent);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OutboxView::showCurrent);
    afterUpdate();
}

void OutboxView::setMessages(const QList<OutboxMessage> &messages)
{
    m_model->setMessages(messages);
    afterUpdate();
}

void OutboxView::appendMessage(const OutboxMessage &message)
{
    m_model->appendMessage(message);
    afterUpdate();
}

const OutboxMessage *OutboxView::currentMessage() const
{
    const QModelIndex current = m_list->currentIndex();
    return current.isValid() ? &m_model->message(current.row()) : nullptr;
}

void OutboxView::afterUpdate()
{
    const int count = m_model->messageCount();
    m_count->setText(count == 0 ? QString() : count == 1 ? tr("1 e-mail") : tr("%L1 e-mails").arg(count));
    // With nothing chosen yet, open the newest, so a fresh e-mail can be read without a click.
    if (!m_list->currentIndex().isValid() && count > 0)
        m_list->setCurrentIndex(m_model->index(0, 0));
    showCurrent();
    Q_EMIT messageCountChanged(count);
}

void OutboxView::showCurrent()
{
    const OutboxMessage *m = currentMessage();
    if (!m) {
        m_placeholder->setText(m_model->messageCount() == 0
                                   ? tr("No e-mails yet. Approve an organization in the sandbox and the owner's e-mail appears here.")
                                   : tr("Select an e-mail to read it."));
        m_detail->setCurrentWidget(m_placeholder);
        m_showsMessage = false;
        return;
    }
    if (m_showsMessage && m->at == m_shownAt && m->raw == m_shownRaw)
        return;
    m_showsMessage = true;
    m_shownAt = m->at;
    m_shownRaw = m->raw;
    m_subject->setText(m->subject.isEmpty() ? tr("(no subject)") : m->subject);
    m_from->setText(m->from);
    m_to->setText(m->to);
    m_date->setText(QLocale().toString(m->at.toLocalTime(), QLocale::LongFormat));
    m_html->showEmail(m->html);
    m_text->setPlainText(m->text);
    m_headers->setPlainText(QString::fromUtf8(m->headerBlock));
    m_source->setPlainText(QString::fromUtf8(m->raw));
    const bool hasHtml = !m->html.isEmpty();
    m_tabs->setTabEnabled(FormattedTab, hasHtml);
    if (!hasHtml && m_tabs->currentIndex() == FormattedTab)
        m_tabs->setCurrentIndex(PlainTextTab);
    m_detail->setCurrentIndex(1);
}

} // namespace oc
