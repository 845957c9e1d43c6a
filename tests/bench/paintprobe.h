#pragma once
// What the GUI benchmarks share: a probe that times a widget's next paint, and letting the event loop run.
#include <QEvent>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace oc::bench {

// Times the next paint of `widget` on the caller's clock: paintedAt() when the paint event arrives, doneAt()
// once the frame is flushed (the next event-loop turn).
class PaintProbe : public QObject
{
public:
    PaintProbe(QWidget *widget, std::function<double()> clock) : m_widget(widget), m_clock(std::move(clock))
    {
        widget->installEventFilter(this);
    }
    ~PaintProbe() override
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
    }
    // Only a paint while `ready()` holds counts (a view whose rows arrive from another thread: the paint that
    // shows them, not an earlier one of the old rows).
    void gateOn(std::function<bool()> ready) { m_ready = std::move(ready); }
    void arm()
    {
        m_paintedAt = -1;
        m_doneAt = -1;
    }
    // Runs the event loop until done; false on timeout.
    bool wait(int timeoutMs = 60000)
    {
        if (m_doneAt < 0) {
            QEventLoop loop;
            m_loop = &loop;
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
            m_loop = nullptr;
        }
        return m_doneAt >= 0;
    }
    double paintedAt() const { return m_paintedAt; }
    double doneAt() const { return m_doneAt; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::Paint && m_paintedAt < 0 && (!m_ready || m_ready())) {
            m_paintedAt = m_clock();
            QTimer::singleShot(0, this, [this] {
                m_doneAt = m_clock();
                if (m_loop)
                    m_loop->quit();
            });
        }
        return false;
    }

private:
    QPointer<QWidget> m_widget;
    std::function<double()> m_clock;
    std::function<bool()> m_ready;
    QEventLoop *m_loop = nullptr;
    double m_paintedAt = -1;
    double m_doneAt = -1;
};

inline void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace oc::bench
