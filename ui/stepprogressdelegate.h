#pragma once

#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QSet>
#include <QStyledItemDelegate>

#include <functional>

class QAbstractItemView;
class QStyleOptionProgressBar;
class QTimer;

namespace oc {

// Draws a step's progress cell as the platform style draws a progress bar (so it matches the theme, the
// palette and HiDPI), with the elapsed time as its text: empty while waiting, full when finished, and busy
// while running — vendors report no progress, so a chunk sweeps back and forth instead of a bar that
// pretends to fill. Only the running cells it painted are repainted, on a timer that runs only while it
// painted any: nothing running (or nothing visible) costs nothing.
class StepProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepProgressDelegate)

public:
    static constexpr int kFrameMs = 40;
    static constexpr int kSweepMs = 1600; // there and back

    // Milliseconds since some fixed point; the sweep's phase follows it (tests pin it).
    using Clock = std::function<qint64()>;

    explicit StepProgressDelegate(QAbstractItemView *view);
    void setClock(Clock clock) { m_now = std::move(clock); }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The bar a cell is drawn as (its rect inside the cell, range, progress and text).
    QStyleOptionProgressBar barOption(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // Where the busy chunk is inside `bar` after `elapsedMs` of sweeping.
    static QRect busyChunk(const QRect &bar, qint64 elapsedMs);
    // True while running cells are being animated.
    bool isAnimating() const;

private:
    void nextFrame();

    QAbstractItemView *m_view;
    QTimer *m_frames;
    QElapsedTimer m_clock;
    Clock m_now;
    mutable QSet<QPersistentModelIndex> m_busy; // running cells painted since the last frame
};

} // namespace oc
