#pragma once

#include "mail/emaildata.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTimer;

namespace oc {

class EmailPreviewBrowser;

// Both owner e-mails (approval and failure) rendered by core's EmailRenderer for a sample organization with
// the branding being edited: formatted (HTML part) and plain text, plus the subject line.
class EmailPreviewPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmailPreviewPanel)

public:
    enum class Email { Approval, Failure };

    explicit EmailPreviewPanel(QWidget *parent = nullptr);

    // Renders again after a short pause, so typing does not re-render on every key.
    void setBranding(const EmailBranding &branding);
    void renderNow();
    void showEmail(Email email);

    // What was last rendered (the HTML and text exactly as an owner would receive them).
    RenderedEmail rendered(Email email) const;
    EmailPreviewBrowser *browser() const { return m_browser; }
    QPlainTextEdit *textView() const { return m_text; }

    static constexpr int RenderDelayMs = 250;

Q_SIGNALS:
    void renderedAgain();

private:
    void showSelected();

    EmailBranding m_branding;
    RenderedEmail m_approval;
    RenderedEmail m_failure;
    QComboBox *m_which = nullptr;
    QLabel *m_subject = nullptr;
    QTabWidget *m_tabs = nullptr;
    EmailPreviewBrowser *m_browser = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QTimer *m_delay = nullptr;
};

} // namespace oc
