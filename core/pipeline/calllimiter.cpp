#include "calllimiter.h"

#include <algorithm>

namespace oc::pipeline {

CallLimiter::CallLimiter(int capacity, QObject *parent) : QObject(parent), m_capacity(std::max(1, capacity)) {}

void CallLimiter::acquire(const QObject *requester, std::function<void()> go)
{
    m_queue.push_back({requester, std::move(go)});
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
    std::erase_if(m_queue, [requester](const Request &r) { return r.requester == requester; });
}

void CallLimiter::dispatch()
{
    while (m_inUse < m_capacity && !m_queue.empty()) {
        Request next = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_inUse;
        next.go();
    }
}

} // namespace oc::pipeline
