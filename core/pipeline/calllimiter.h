#pragma once

#include <QObject>

#include <deque>
#include <functional>

namespace oc::pipeline {

// A shared limit on concurrent vendor calls across all running pipelines. Requests wait in FIFO order.
class CallLimiter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallLimiter)

public:
    explicit CallLimiter(int capacity, QObject *parent = nullptr);

    int capacity() const { return m_capacity; }
    int inUse() const { return m_inUse; }
    int waiting() const { return int(m_queue.size()); }

    // Calls `go` (possibly at once) when a slot is free; the slot is held until release().
    void acquire(const QObject *requester, std::function<void()> go);
    void release();
    // Drops every request of `requester` that is still waiting (a canceled run).
    void forget(const QObject *requester);

private:
    void dispatch();

    struct Request {
        const QObject *requester;
        std::function<void()> go;
    };
    int m_capacity;
    int m_inUse = 0;
    std::deque<Request> m_queue;
};

} // namespace oc::pipeline
