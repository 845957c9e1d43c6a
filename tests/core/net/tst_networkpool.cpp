#include "net/networkpool.h"
#include "settings/settings.h"
#include "twilio/twilioclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <vector>

using namespace oc;

namespace {

// Accepts connections and never answers: every request stays in flight, and connectionCount() says how many
// connections the clients opened.
class SilentServer : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection())
                m_sockets.push_back(s);
        });
    }
    int connectionCount() const { return int(m_sockets.size()); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(serverPort())); }

private:
    std::vector<QTcpSocket *> m_sockets;
};

} // namespace

class tst_NetworkPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneManagerOpensAtMostSixConnectionsPerHost();
    void aPoolSpreadsRequestsOverItsManagers();
    void countsEndWhenRepliesFinishOrAreDestroyed();
    void clientsBuiltOnAPoolUseEveryManager();
    void sizeComesFromTheSettingsAndTheEnvironment();
};

void tst_NetworkPool::oneManagerOpensAtMostSixConnectionsPerHost()
{
    // The premise of the pool, pinned on this Qt: if a future Qt lifts the cap, this says so.
    SilentServer server;
    QNetworkAccessManager nam;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 30; ++i)
        replies.emplace_back(nam.get(QNetworkRequest(server.url())));
    QTRY_COMPARE(server.connectionCount(), 6);
    QSignalSpy more(&server, &QTcpServer::newConnection);
    QVERIFY(!more.wait(200)); // no seventh connection
    QCOMPARE(server.connectionCount(), 6);
    for (auto &r : replies)
        r->abort();
}

void tst_NetworkPool::aPoolSpreadsRequestsOverItsManagers()
{
    SilentServer server;
    NetworkPool pool(5);
    QCOMPARE(pool.size(), 5);
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    for (int i = 0; i < 30; ++i)
        replies.emplace_back(pool.acquire().get(QNetworkRequest(server.url())));
    for (int i = 0; i < pool.size(); ++i)
        QCOMPARE(pool.inFlight(i), 6); // least busy first: an even spread
    QCOMPARE(pool.totalInFlight(), 30);
    QTRY_COMPARE(server.connectionCount(), 30);

    // Finished replies free their manager: the next request goes where the load is lowest.
    replies[2]->abort();
    replies[7]->abort();
    QTRY_COMPARE(pool.totalInFlight(), 28);
    int lowest = 0;
    for (int i = 1; i < pool.size(); ++i)
        lowest = pool.inFlight(i) < pool.inFlight(lowest) ? i : lowest;
    QNetworkAccessManager &next = pool.acquire();
    QCOMPARE(&next, &pool.at(lowest));
    for (auto &r : replies)
        r->abort();
}

void tst_NetworkPool::countsEndWhenRepliesFinishOrAreDestroyed()
{
    SilentServer server;
    NetworkPool pool(2);
    auto *a = pool.acquire().get(QNetworkRequest(server.url()));
    auto *b = pool.acquire().get(QNetworkRequest(server.url()));
    QCOMPARE(pool.inFlight(0), 1);
    QCOMPARE(pool.inFlight(1), 1);
    a->abort(); // finished()
    QCOMPARE(pool.totalInFlight(), 1);
    delete b; // destroyed while running
    QCOMPARE(pool.totalInFlight(), 0);
    delete a;
    QCOMPARE(pool.totalInFlight(), 0);
    QCOMPARE(NetworkPool(0).size(), 1);
    QCOMPARE(NetworkPool(1000).size(), NetworkPool::kMaxSize);
}

void tst_NetworkPool::clientsBuiltOnAPoolUseEveryManager()
{
    SilentServer server;
    NetworkPool pool(3);
    RetryPolicy::Settings s;
    s.maxAttempts = 1;
    TwilioClient client(pool, TwilioConfig{server.url(), QStringLiteral("AC0123456789abcdef0123456789abcdef"), QStringLiteral("t"),
                                           RetryPolicy(s)});
    std::vector<std::unique_ptr<TypedCall<bool>>> calls;
    for (int i = 0; i < 12; ++i)
        calls.push_back(client.releaseNumber(QStringLiteral("PN%1").arg(i)));
    for (int i = 0; i < pool.size(); ++i)
        QCOMPARE(pool.inFlight(i), 4);
    QTRY_COMPARE(server.connectionCount(), 12);
    calls.clear(); // destroying a call cancels it
    QTRY_COMPARE(pool.totalInFlight(), 0);
}

void tst_NetworkPool::sizeComesFromTheSettingsAndTheEnvironment()
{
    QTemporaryDir dir;
    QSettings stored(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    Settings settings(stored);
    QCOMPARE(settings.networkPoolSize(), NetworkPool::kDefaultSize);
    settings.setNetworkPoolSize(3);
    QCOMPARE(settings.networkPoolSize(), 3);
    QProcessEnvironment env;
    QCOMPARE(Settings::resolve(settings, env).networkPoolSize, 3);
    env.insert(QStringLiteral("ORGCONSOLE_NETWORK_POOL_SIZE"), QStringLiteral("10"));
    QCOMPARE(Settings::resolve(settings, env).networkPoolSize, 10);
    env.insert(QStringLiteral("ORGCONSOLE_NETWORK_POOL_SIZE"), QStringLiteral("lots"));
    QCOMPARE(Settings::resolve(settings, env).networkPoolSize, 3);
    settings.setNetworkPoolSize(0);
    QCOMPARE(settings.networkPoolSize(), NetworkPool::kDefaultSize);
    QCOMPARE(NetworkPool::parseSize(QStringLiteral("99")), NetworkPool::kMaxSize);
}

QTEST_GUILESS_MAIN(tst_NetworkPool)
#include "tst_networkpool.moc"
