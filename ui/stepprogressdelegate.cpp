#include "stepprogressdelegate.h"

#include "runsmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>
#include <QTimer>

namespace oc {

StepProgressDelegate::StepProgressDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view), m_view(view), m_frames(new QTimer(this))
{
    m_frames->setInterval(kFrameMs);
    connect(m_frames, &QTimer::timeout, this, &StepProgressDelegate::nextFrame);
    m_clock.start();
    m_now = [this] { return m_clock.elapsed(); };
}

QStyleOptionProgressBar StepProgressDelegate::barOption(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionProgressBar bar;
    bar.initFrom(option.widget);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    const int vMargin = std::max(2, option.rect.height() / 6);
    bar.rect = option.rect.adjusted(4, vMargin, -4, -vMargin);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = index.data(StepsModel::ProgressRole).toInt(); // a running step's is 0: the chunk sweeps over it
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = !bar.text.isEmpty();
    bar.textAlignment = Qt::AlignCenter;
    return bar;
}

QRect StepProgressDelegate::busyChunk(const QRect &bar, qint64 elapsedMs)
{
    const int width = std::max(4, bar.width() / 4);
    const int travel = std::max(0, bar.width() - width);
    // A triangle wave: left to right in half a sweep, back in the other half.
    const qint64 t = elapsedMs % kSweepMs;
    const qint64 half = kSweepMs / 2;
    const qint64 x = (t < half ? t : kSweepMs - t) * travel / half;
    return {bar.left() + int(x), bar.top(), width, bar.height()};
}

void StepProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The cell background (selection, alternate rows) first, as any other cell.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

    QStyleOptionProgressBar bar = barOption(option, index);
    if (!index.data(StepsModel::BusyRole).toBool()) {
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
        return;
    }
    // Busy: the empty groove, a full chunk drawn by the style where the sweep is, the elapsed time on top —
    // the parts CE_ProgressBar draws, in the rects the style gives them.
    QStyleOptionProgressBar part = bar;
    part.rect = style->subElementRect(QStyle::SE_ProgressBarGroove, &bar, option.widget);
    style->drawControl(QStyle::CE_ProgressBarGroove, &part, painter, option.widget);
    part.rect = busyChunk(style->subElementRect(QStyle::SE_ProgressBarContents, &bar, option.widget), m_now());
    part.progress = part.maximum;
    style->drawControl(QStyle::CE_ProgressBarContents, &part, painter, option.widget);
    if (bar.textVisible) {
        part = bar;
        part.rect = style->subElementRect(QStyle::SE_ProgressBarLabel, &bar, option.widget);
        style->drawControl(QStyle::CE_ProgressBarLabel, &part, painter, option.widget);
    }
    m_busy.insert(index);
    if (!m_frames->isActive())
        m_frames->start();
}

void StepProgressDelegate::nextFrame()
{
    // What was painted busy since the last frame is repainted; nothing painted busy (finished, scrolled away,
    // another tab) stops the timer until a busy cell is painted again.
    const QSet<QPersistentModelIndex> busy = std::exchange(m_busy, {});
    if (busy.isEmpty()) {
        m_frames->stop();
        return;
    }
    for (const QPersistentModelIndex &index : busy) {
        if (index.isValid() && index.data(StepsModel::BusyRole).toBool())
            m_view->update(index);
    }
}

bool StepProgressDelegate::isAnimating() const
{
    return m_frames->isActive();
}

QSize StepProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("00.0 s")) * 3));
    return size;
}

} // namespace oc
