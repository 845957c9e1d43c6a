#pragma once

#include <QHostAddress>
#include <QObject>

#include <chrono>
#include <memory>

class QThread;

namespace oc::test {

// A TCP proxy on loopback that holds every chunk a client sends for `delay` before the server gets it (and
// passes the answers straight back): a distant database without `tc`, e.g. PostgreSQL 5 ms away. Runs on a
// thread of its own, so the delay never blocks the process that uses it. Order within a connection is kept.
class DelayProxy
{
public:
    DelayProxy(QHostAddress target, quint16 targetPort, std::chrono::milliseconds delay);
    ~DelayProxy();
    DelayProxy(const DelayProxy &) = delete;
    DelayProxy &operator=(const DelayProxy &) = delete;

    // Listens on 127.0.0.1 (a free port); false if it cannot.
    bool start();
    quint16 port() const { return m_port; }

private:
    class Server;
    QHostAddress m_target;
    quint16 m_targetPort;
    std::chrono::milliseconds m_delay;
    QThread *m_thread = nullptr;
    Server *m_server = nullptr;
    quint16 m_port = 0;
};

} // namespace oc::test
