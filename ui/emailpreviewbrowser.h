#pragma once

#include <QTextBrowser>

namespace oc {

// Shows an e-mail's HTML part. Loads nothing from the network (ui never does) or the disk: an image that
// is not inline (data:) is drawn as a labelled placeholder. Links are shown but not followed. E-mails carry
// their own light design, so the page is drawn on the e-mail's colours whatever the desktop palette.
class EmailPreviewBrowser : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmailPreviewBrowser)

public:
    explicit EmailPreviewBrowser(QWidget *parent = nullptr);

    // Shows an e-mail's HTML as mail clients would: Qt's rich text ignores display:none, so elements hidden
    // that way (the preheader line clients show only in the inbox list) are dropped first.
    void showEmail(const QString &html);
    static QString withoutHiddenElements(const QString &html);

    QVariant loadResource(int type, const QUrl &name) override;
};

} // namespace oc
