#pragma once

#include <QObject>

#include <deque>
#include <functional>
#include <map>

namespace oc::pipeline {

// A shared limit on concurrent vendor calls across all running pipelines. Requests wait by priority (higher
// first), in FIFO order within one priority.
class CallLimiter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallLimiter)

public:
    explicit CallLimiter(int capacity, QObject *parent = nullptr);

    int capacity() const { return m_capacity; }
    int inUse() const { return m_inUse; }
    int waiting() const { return m_waiting; }

    // Calls `go` (possibly at once) when a slot is free; the slot is held until release().
    void acquire(const QObject *requester, std::function<void()> go) { acquire(requester, std::move(go), 0); }
    // The same, ahead of every waiting request of a lower priority. PipelineRunner passes how far its run has
    // got (so a run nearer its end goes first: runs complete one by one instead of all together at the end,
    // and the limit stays busy to the last call) and the highest priority for undo.
    void acquire(const QObject *requester, std::function<void()> go, int priority);
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
    int m_waiting = 0;
    std::map<int, std::deque<Request>, std::greater<int>> m_queues;
};

} // namespace oc::pipeline
