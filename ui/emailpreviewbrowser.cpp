#include "emailpreviewbrowser.h"

#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QRegularExpression>
#include <QTextDocument>

namespace oc {

namespace {

QImage remoteImagePlaceholder(const QUrl &url, const QFont &font)
{
    // Twice the size the templates ask for (height 32), so it stays sharp when scaled down.
    const QString label = EmailPreviewBrowser::tr("image: %1").arg(url.host().isEmpty() ? url.toString() : url.host());
    QFont big = font;
    big.setPixelSize(22);
    const int width = std::clamp(QFontMetrics(big).horizontalAdvance(label) + 32, 120, 400);
    QImage image(width, 64, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    // Drawn over whatever the e-mail puts behind it: a light dashed frame and text readable on dark and light.
    p.setPen(QPen(QColor(255, 255, 255, 200), 2, Qt::DashLine));
    p.setBrush(QColor(127, 127, 127, 90));
    p.drawRoundedRect(QRectF(image.rect()).adjusted(1, 1, -1, -1), 8, 8);
    p.setFont(big);
    p.setPen(QColor(255, 255, 255, 235));
    p.drawText(image.rect(), Qt::AlignCenter, QFontMetrics(big).elidedText(label, Qt::ElideMiddle, width - 24));
    return image;
}

} // namespace

EmailPreviewBrowser::EmailPreviewBrowser(QWidget *parent) : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setReadOnly(true);
    // The templates declare color-scheme: light and set most colours themselves; what they leave to the
    // reader's client must be light too, or dark-palette text lands on the e-mail's light backgrounds.
    QPalette pal = palette();
    pal.setColor(QPalette::Base, QColor(0xf3, 0xf4, 0xf6));
    pal.setColor(QPalette::Text, QColor(0x1f, 0x29, 0x37));
    pal.setColor(QPalette::Link, QColor(0x43, 0x38, 0xca));
    setPalette(pal);
    document()->setDefaultStyleSheet(QStringLiteral("body { color: #1f2937; } a { color: #4338ca; }"));
}

void EmailPreviewBrowser::showEmail(const QString &html)
{
    setHtml(withoutHiddenElements(html));
}

QString EmailPreviewBrowser::withoutHiddenElements(const QString &html)
{
    static const QRegularExpression hiddenOpen(
        QStringLiteral("<([a-z][a-z0-9]*)\\b[^>]*\\bstyle\\s*=\\s*(\"[^\"]*|'[^']*)display\\s*:\\s*none[^>]*>"),
        QRegularExpression::CaseInsensitiveOption);
    QString out = html;
    qsizetype from = 0;
    for (int guard = 0; guard < 1000; ++guard) {
        const QRegularExpressionMatch open = hiddenOpen.match(out, from);
        if (!open.hasMatch())
            break;
        const QString tag = open.captured(1).toLower();
        static const QStringList voidElements{QStringLiteral("img"), QStringLiteral("br"), QStringLiteral("hr"),
                                              QStringLiteral("input"), QStringLiteral("meta"), QStringLiteral("link")};
        if (voidElements.contains(tag) || open.captured(0).endsWith(QLatin1String("/>"))) {
            out.remove(open.capturedStart(), open.capturedLength());
            from = open.capturedStart();
            continue;
        }
        // Find the matching end tag, counting nested elements of the same name.
        const QRegularExpression sameTag(QStringLiteral("<(/?)%1\\b[^>]*>").arg(QRegularExpression::escape(tag)),
                                         QRegularExpression::CaseInsensitiveOption);
        int depth = 1;
        qsizetype end = -1;
        auto it = sameTag.globalMatch(out, open.capturedEnd());
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            depth += m.captured(1).isEmpty() ? 1 : -1;
            if (depth == 0) {
                end = m.capturedEnd();
                break;
            }
        }
        if (end < 0)
            break; // unbalanced: leave the rest as it is rather than drop the whole e-mail
        out.remove(open.capturedStart(), end - open.capturedStart());
        from = open.capturedStart();
    }
    return out;
}

QVariant EmailPreviewBrowser::loadResource(int type, const QUrl &name)
{
    // Only what the message carries inline (data:) or the application's own resources are read. Remote
    // images, local files and relative paths are never fetched: a received e-mail must not make the
    // console touch the network or the disk.
    const QString scheme = name.scheme().toLower();
    if (scheme == u"data" || scheme == u"qrc")
        return QTextBrowser::loadResource(type, name);
    if (type == QTextDocument::ImageResource)
        return remoteImagePlaceholder(name, font());
    return {};
}

} // namespace oc
