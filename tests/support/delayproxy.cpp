#include "delayproxy.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <deque>

namespace oc::test {

namespace {

// One client connection and its connection to the target: client → target delayed, target → client at once.
class Pipe : public QObject
{
public:
    Pipe(QTcpSocket *client, const QHostAddress &target, quint16 port, std::chrono::milliseconds delay)
        : m_client(client), m_upstream(new QTcpSocket(this)), m_delay(delay)
    {
        client->setParent(this);
        m_clock.start();
        m_flush.setSingleShot(true);
        m_flush.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_flush, &QTimer::timeout, this, [this] { flush(); });
        QObject::connect(client, &QTcpSocket::readyRead, this, [this] {
            m_pending.push_back({m_clock.elapsed() + m_delay.count(), m_client->readAll()});
            if (!m_flush.isActive())
                m_flush.start(int(std::max<qint64>(0, m_pending.front().due - m_clock.elapsed())));
        });
        QObject::connect(m_upstream, &QTcpSocket::readyRead, this, [this] { m_client->write(m_upstream->readAll()); });
        QObject::connect(m_upstream, &QTcpSocket::connected, this, [this] { flush(); });
        for (QTcpSocket *s : {m_client.data(), m_upstream.data()})
            QObject::connect(s, &QTcpSocket::disconnected, this, [this] { close(); });
        m_upstream->connectToHost(target, port);
    }

private:
    struct Chunk {
        qint64 due;
        QByteArray data;
    };

    void flush()
    {
        if (m_upstream->state() != QAbstractSocket::ConnectedState)
            return; // connected() flushes
        while (!m_pending.empty() && m_pending.front().due <= m_clock.elapsed()) {
            m_upstream->write(m_pending.front().data);
            m_pending.pop_front();
        }
        if (!m_pending.empty())
            m_flush.start(int(std::max<qint64>(0, m_pending.front().due - m_clock.elapsed())));
    }

    void close()
    {
        if (m_closing)
            return;
        m_closing = true;
        m_client->disconnectFromHost();
        m_upstream->disconnectFromHost();
        deleteLater();
    }

    QPointer<QTcpSocket> m_client;
    QPointer<QTcpSocket> m_upstream;
    std::chrono::milliseconds m_delay;
    QElapsedTimer m_clock;
    QTimer m_flush;
    std::deque<Chunk> m_pending;
    bool m_closing = false;
};

} // namespace

class DelayProxy::Server : public QTcpServer
{
public:
    QHostAddress target;
    quint16 targetPort = 0;
    std::chrono::milliseconds delay{0};

protected:
    void incomingConnection(qintptr handle) override
    {
        auto *client = new QTcpSocket;
        if (!client->setSocketDescriptor(handle)) {
            delete client;
            return;
        }
        (new Pipe(client, target, targetPort, delay))->setParent(this); // goes with the server at the latest
    }
};

DelayProxy::DelayProxy(QHostAddress target, quint16 targetPort, std::chrono::milliseconds delay)
    : m_target(std::move(target)), m_targetPort(targetPort), m_delay(delay)
{
}

DelayProxy::~DelayProxy()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_server, [s = m_server] { delete s; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

bool DelayProxy::start()
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("delay proxy"));
    m_server = new Server;
    m_server->target = m_target;
    m_server->targetPort = m_targetPort;
    m_server->delay = m_delay;
    m_server->moveToThread(m_thread);
    m_thread->start();
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server,
        [this, &listening] {
            listening = m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return listening;
}

} // namespace oc::test
