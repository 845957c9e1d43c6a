#include "messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>

namespace oc {

MessageBanner::MessageBanner(QStyle::StandardPixmap icon, int iconSize, QWidget *parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    auto *iconLabel = new QLabel(this);
    iconLabel->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(iconSize, iconSize));
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setForegroundRole(QPalette::ToolTipText);
    m_row = new QHBoxLayout(this);
    m_row->addWidget(iconLabel, 0, Qt::AlignTop);
    m_row->addWidget(m_text, 1);
}

} // namespace oc
