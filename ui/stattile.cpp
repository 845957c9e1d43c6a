#include "stattile.h"

#include "dashboardcolors.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

namespace oc {

namespace {
constexpr int kAccentWidth = 4;
constexpr qreal kRadius = 6;
} // namespace

StatTile::StatTile(const QString &title, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(title, this)), m_value(new QLabel(QStringLiteral("–"), this)),
      m_caption(new QLabel(this))
{
    setAttribute(Qt::WA_StyledBackground, false);
    setAccessibleName(title);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kAccentWidth + 12, 10, 12, 10);
    layout->setSpacing(2);
    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.9);
    valueFont.setWeight(QFont::Bold);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont captionFont = m_caption->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.9);
    m_caption->setFont(captionFont);
    m_caption->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addStretch(1);
    setMinimumWidth(150);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_accent = dashboardcolors::neutralAccent(palette());
    applyPalette();
}

void StatTile::setValue(const QString &value, const QString &caption)
{
    m_value->setText(value);
    m_caption->setText(caption);
    setAccessibleDescription(QStringLiteral("%1 %2").arg(value, caption));
}

void StatTile::setAccent(const QColor &accent)
{
    if (m_accent == accent)
        return;
    m_accent = accent;
    update();
}

QString StatTile::value() const
{
    return m_value->text();
}

QString StatTile::caption() const
{
    return m_caption->text();
}

QString StatTile::title() const
{
    return m_title->text();
}

void StatTile::applyPalette()
{
    // Labels on the card paint with the card's roles (Base/Text), not the window's.
    QPalette onCard = palette();
    onCard.setColor(QPalette::WindowText, palette().color(QPalette::Text));
    m_value->setPalette(onCard);
    QPalette secondary = onCard;
    secondary.setColor(QPalette::WindowText, dashboardcolors::secondaryText(palette()));
    m_title->setPalette(secondary);
    m_caption->setPalette(secondary);
}

void StatTile::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void StatTile::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath path;
    path.addRoundedRect(card, kRadius, kRadius);
    p.fillPath(path, dashboardcolors::cardBackground(palette()));
    p.setPen(QPen(dashboardcolors::cardBorder(palette()), 1));
    p.drawPath(path);
    p.setClipPath(path);
    p.fillRect(QRectF(card.left(), card.top(), kAccentWidth, card.height()), m_accent);
}

} // namespace oc
