#include "emailpreviewpanel.h"

#include "emailpreviewbrowser.h"
#include "mail/emailrenderer.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace oc {

namespace {

// A realistic sample, so staff judge the layout with names and numbers of a plausible length.
ApprovalEmailData sampleApproval(const QDateTime &now)
{
    return {QStringLiteral("Bright Smile Dental"), QStringLiteral("Pat Jones"), QStringLiteral("+15105550123"),
            QStringLiteral("Bright Smile Dental inbound"), QStringLiteral("3f6c2a9e-8d41-4b7a-9c55-0e2f7d1b6a10"),
            QStringLiteral("Bright Smile Dental outbound"), QStringLiteral("b81d4e07-2c9a-4f36-a1e8-5d7c3b9f0a42"), now};
}

FailureEmailData sampleFailure(const QDateTime &now)
{
    return {QStringLiteral("Bright Smile Dental"), QStringLiteral("Pat Jones"), QStringLiteral("buy_number"),
            QStringLiteral("Twilio could not sell the number +1 510 555 0123: it is no longer available (21422)."), now};
}

RenderedEmail renderedOrProblem(const Result<RenderedEmail> &result)
{
    if (result)
        return result.value();
    // Only a broken build gets here (the templates are compiled in); say so rather than show nothing.
    const QString message = QCoreApplication::translate("oc::EmailPreviewPanel", "The e-mail could not be rendered: %1").arg(result.error().message);
    return {QString(), message, QStringLiteral("<p>%1</p>").arg(message.toHtmlEscaped())};
}

} // namespace

EmailPreviewPanel::EmailPreviewPanel(QWidget *parent) : QWidget(parent)
{
    m_which = new QComboBox(this);
    m_which->setAccessibleName(tr("E-mail to preview"));
    m_which->addItem(tr("Approval e-mail"));
    m_which->addItem(tr("Failure e-mail"));
    m_subject = new QLabel(this);
    m_subject->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subject->setWordWrap(true);
    m_subject->setTextFormat(Qt::PlainText);
    m_subject->setAccessibleName(tr("Subject"));

    m_browser = new EmailPreviewBrowser(this);
    m_browser->setObjectName(QStringLiteral("previewHtml"));
    m_browser->setAccessibleName(tr("Formatted e-mail preview"));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("previewText"));
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Plain-text e-mail preview"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_browser, tr("Formatted"));
    m_tabs->addTab(m_text, tr("Plain text"));

    auto *note = new QLabel(tr("Sample organization. Images are not loaded in the preview; owners see your logo."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *top = new QHBoxLayout;
    top->addWidget(m_which);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_subject);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(note);

    m_delay = new QTimer(this);
    m_delay->setSingleShot(true);
    m_delay->setInterval(RenderDelayMs);
    connect(m_delay, &QTimer::timeout, this, &EmailPreviewPanel::renderNow);
    connect(m_which, &QComboBox::currentIndexChanged, this, &EmailPreviewPanel::showSelected);
    renderNow();
}

void EmailPreviewPanel::setBranding(const EmailBranding &branding)
{
    m_branding = branding;
    m_delay->start();
}

void EmailPreviewPanel::renderNow()
{
    m_delay->stop();
    const EmailRenderer renderer(m_branding);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_approval = renderedOrProblem(renderer.approval(sampleApproval(now)));
    m_failure = renderedOrProblem(renderer.failure(sampleFailure(now)));
    showSelected();
    Q_EMIT renderedAgain();
}

void EmailPreviewPanel::showEmail(Email email)
{
    m_which->setCurrentIndex(email == Email::Approval ? 0 : 1);
}

RenderedEmail EmailPreviewPanel::rendered(Email email) const
{
    return email == Email::Approval ? m_approval : m_failure;
}

void EmailPreviewPanel::showSelected()
{
    const RenderedEmail &email = m_which->currentIndex() == 0 ? m_approval : m_failure;
    m_subject->setText(tr("Subject: %1").arg(email.subject));
    // Keep the reader's place while the branding is edited: re-rendering must not jump to the top.
    const int htmlScroll = m_browser->verticalScrollBar()->value();
    const int textScroll = m_text->verticalScrollBar()->value();
    m_browser->showEmail(email.html);
    m_text->setPlainText(email.text);
    m_browser->verticalScrollBar()->setValue(htmlScroll);
    m_text->verticalScrollBar()->setValue(textScroll);
}

} // namespace oc
