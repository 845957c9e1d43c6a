#pragma once

#include <QString>

#include <memory>
#include <vector>

class QNetworkAccessManager;

namespace oc {

// A few QNetworkAccessManagers behind one handle, for clients that run many calls at once. Qt opens at most
// six HTTP/1.1 connections per host and manager, so one manager caps a vendor at six requests in flight
// however many the engine allows (the CallLimiter's 30, say); `size` managers lift the cap to 6 × size.
// (Over TLS Qt negotiates HTTP/2 when the server offers it, which multiplexes on one connection per manager;
// the pool costs nothing there.) acquire() hands out the manager with the fewest replies in flight, in turn
// among equals. Managers are created on the calling thread and live as long as the pool; every reply a
// caller gets from one must be finished or destroyed before the pool is.
class NetworkPool
{
public:
    static constexpr int kDefaultSize = 6;
    static constexpr int kMaxSize = 32;

    // `size` is clamped to [1, kMaxSize].
    explicit NetworkPool(int size = kDefaultSize);
    ~NetworkPool();
    NetworkPool(const NetworkPool &) = delete;
    NetworkPool &operator=(const NetworkPool &) = delete;

    int size() const { return int(m_managers.size()); }
    QNetworkAccessManager &acquire();
    QNetworkAccessManager &at(int index);
    // Replies created through manager `index` that have not finished yet.
    int inFlight(int index) const;
    int totalInFlight() const;

    // A pool size from text (a setting or ORGCONSOLE_NETWORK_POOL_SIZE): the number clamped to [1, kMaxSize],
    // or `fallback` when the text is empty or not a number.
    static int parseSize(const QString &text, int fallback = kDefaultSize);

private:
    class CountingManager;
    std::vector<std::unique_ptr<CountingManager>> m_managers;
    int m_next = 0;
};

} // namespace oc
