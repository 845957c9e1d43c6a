#include "calllimiter.h"

#include <algorithm>

namespace oc::pipeline {

CallLimiter::CallLimiter(int capacity, QObject *parent) : QObject(parent), m_capacity(std::max(1, capacity)) {}

void CallLimiter::acquire(const QObject *requester, std::function<void()> go, int priority)
{
    m_queues[priority].push_back({requester, std::move(go)});
    ++m_waiting;
    dispatch();
}

void CallLimiter::release()
{
    Q_ASSERT(m_inUse > 0);
    m_inUse = std::max(0, m_inUse - 1);
    dispatch();
}

void CallLimiter::forget(const QObject *requester)
{
    for (auto it = m_queues.begin(); it != m_queues.end();) {
        m_waiting -= int(std::erase_if(it->second, [requester](const Request &r) { return r.requester == requester; }));
        it = it->second.empty() ? m_queues.erase(it) : std::next(it);
    }
}

void CallLimiter::dispatch()
{
    while (m_inUse < m_capacity && !m_queues.empty()) {
        auto first = m_queues.begin();
        Request next = std::move(first->second.front());
        first->second.pop_front();
        if (first->second.empty())
            m_queues.erase(first);
        --m_waiting;
        ++m_inUse;
        next.go(); // may acquire or release again: the loop re-reads the queues
    }
}

} // namespace oc::pipeline
