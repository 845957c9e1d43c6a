#include "fakenetworkaccessmanager.h"
#include "net/httpcall.h"
#include "net/retrypolicy.h"

#include <QLoggingCategory>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>

using namespace oc;
using oc::test::FakeNetworkAccessManager;
using Response = FakeNetworkAccessManager::Response;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(QList<FakeNetworkAccessManager::Response>)

namespace {

const QUrl Url(QStringLiteral("https://api.example.test/thing"));

// Backoff of 1 s becomes 1 ms; the jitter draws the ceiling so delays are predictable.
RetryPolicy fastPolicy(int maxAttempts = 5, std::chrono::milliseconds timeout = 30000ms)
{
    RetryPolicy::Settings s;
    s.maxAttempts = maxAttempts;
    s.timeScale = 0.001;
    s.attemptTimeout = timeout * 1000; // scaled back to `timeout`
    return RetryPolicy(s, [] { return 1.0; });
}

HttpRequest makeRequest(const QByteArray &method)
{
    HttpRequest r;
    r.method = method;
    r.url = Url;
    if (method == "POST")
        r.body = "a=b";
    return r;
}

QStringList g_log;
void captureMessages(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log << message;
}

} // namespace

class tst_HttpCall : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emitsFinishedExactlyOnceAndNeverFromStart();
    void waitsForADelayedReplyWithinTheTimeout();
    void abortsAnAttemptThatTimesOut();
    void cancelingAPostInFlightIsAmbiguous();
    void reportsATimedOutPostAsAmbiguousWithoutRetrying();
    void anAttemptStillWaitingToGoOutIsGivenMoreTimeAndIsNotAmbiguous();
    void theAttemptsTimeCountsFromWhenTheRequestWentOut();
    void cancelEndsOnceAsCanceledAndAbortsTheReply();
    void destroyingARunningCallAbortsItSilently();
    void appliesTheRetryPolicy_data();
    void appliesTheRetryPolicy();
    void honoursRetryAfterSeconds();
    void parsesRetryAfterInBothForms();
    void backoffGrowsWithFullJitterAndIsCapped();
    void retryDelaysGrowBetweenAttempts();
    void neverLogsCredentials();
};

void tst_HttpCall::emitsFinishedExactlyOnceAndNeverFromStart()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"), Response::json(200, R"({"ok":true})"));
    HttpCall call(nam, makeRequest("GET"), fastPolicy());
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait());
    QVERIFY(call.ok());
    QCOMPARE(call.httpStatus(), 200);
    QCOMPARE(call.body(), QByteArray(R"({"ok":true})"));
    QCOMPARE(call.attempts(), 1);

    // Let another exchange run through the event loop: no second finished() may sneak in.
    HttpCall other(nam, makeRequest("GET"), fastPolicy());
    QSignalSpy otherSpy(&other, &HttpCall::finished);
    other.start();
    QVERIFY(otherSpy.wait());
    QCOMPARE(spy.count(), 1);
}

void tst_HttpCall::waitsForADelayedReplyWithinTheTimeout()
{
    FakeNetworkAccessManager nam;
    Response slow = Response::json(201, R"({"id":1})");
    slow.delayMs = 20;
    nam.addRoute("POST", QStringLiteral("/thing"), slow);
    HttpCall call(nam, makeRequest("POST"), fastPolicy(1, 10000ms));
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    QVERIFY(spy.wait());
    QVERIFY(call.ok());
    QCOMPARE(call.httpStatus(), 201);
    QCOMPARE(nam.abortedReplies(), 0);
}

void tst_HttpCall::cancelingAPostInFlightIsAmbiguous()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral("/thing"), Response::hang());
    HttpCall call(nam, makeRequest("POST"), fastPolicy());
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    call.cancel();
    QVERIFY(spy.wait());
    QCOMPARE(call.error().kind, ApiError::Kind::Canceled);
    QVERIFY(call.error().ambiguous);
}

void tst_HttpCall::abortsAnAttemptThatTimesOut()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"), Response::hang());
    HttpCall call(nam, makeRequest("GET"), fastPolicy(2, 30ms));
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    QVERIFY(spy.wait());
    QCOMPARE(call.error().kind, ApiError::Kind::Timeout);
    QCOMPARE(call.attempts(), 2);
    QVERIFY(call.error().retryable);
    QVERIFY(!call.error().ambiguous);
    QCOMPARE(nam.abortedReplies(), 2);
}

void tst_HttpCall::reportsATimedOutPostAsAmbiguousWithoutRetrying()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral("/thing"), Response::hang());
    HttpCall call(nam, makeRequest("POST"), fastPolicy(5, 30ms));
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    QVERIFY(spy.wait());
    QCOMPARE(call.error().kind, ApiError::Kind::Timeout);
    QCOMPARE(call.attempts(), 1);
    QVERIFY(call.error().ambiguous);
    QVERIFY(!call.error().retryable);
    QCOMPARE(nam.requests().size(), 1);
}

void tst_HttpCall::anAttemptStillWaitingToGoOutIsGivenMoreTimeAndIsNotAmbiguous()
{
    // A POST that never leaves this process (its thread too busy to send it): its attempt's time goes by in our
    // own queue. It is waited for three times more, then fails as what it is — never sent, so nothing can have
    // been applied: not ambiguous, and retryable.
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral("/thing"), {Response::neverSent(), Response::json(201, R"({"ok":true})")});
    HttpCall call(nam, makeRequest("POST"), fastPolicy(2, 40ms));
    QSignalSpy spy(&call, &HttpCall::finished);
    QElapsedTimer clock;
    clock.start();
    call.start();
    QVERIFY(spy.wait());
    QVERIFY2(clock.elapsed() >= 3 * 40, qPrintable(QStringLiteral("gave it up after %1 ms, not after waiting the attempt's time again").arg(clock.elapsed())));
    // The second attempt went out and was answered.
    QVERIFY2(call.ok(), qPrintable(call.error().describe()));
    QCOMPARE(call.attempts(), 2);
    QCOMPARE(nam.abortedReplies(), 1);

    FakeNetworkAccessManager stuck;
    stuck.addRoute("POST", QStringLiteral("/thing"), Response::neverSent());
    HttpCall never(stuck, makeRequest("POST"), fastPolicy(1, 30ms));
    QSignalSpy neverSpy(&never, &HttpCall::finished);
    never.start();
    QVERIFY(neverSpy.wait());
    QCOMPARE(never.error().kind, ApiError::Kind::Timeout);
    QVERIFY(!never.error().ambiguous);
    QVERIFY(never.error().retryable);
    QVERIFY2(never.error().message.contains(QLatin1String("could not be sent")), qPrintable(never.error().message));
}

void tst_HttpCall::theAttemptsTimeCountsFromWhenTheRequestWentOut()
{
    // The thread is busy for 80 ms before the request can go out; the answer comes 150 ms after the call
    // started, 70 ms after the send: within an attempt of 100 ms counted from the send, not from the start.
    FakeNetworkAccessManager nam;
    Response slow = Response::json(200, R"({"ok":true})");
    slow.delayMs = 150;
    nam.addRoute("GET", QStringLiteral("/thing"), slow);
    HttpCall call(nam, makeRequest("GET"), fastPolicy(1, 100ms));
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    QThread::msleep(80);
    QVERIFY(spy.wait());
    QVERIFY2(call.ok(), qPrintable(call.error().describe()));
}

void tst_HttpCall::cancelEndsOnceAsCanceledAndAbortsTheReply()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"), Response::hang());
    HttpCall call(nam, makeRequest("GET"), fastPolicy());
    QSignalSpy spy(&call, &HttpCall::finished);
    call.start();
    call.cancel();
    QCOMPARE(spy.count(), 0);
    QCOMPARE(nam.abortedReplies(), 1);
    QVERIFY(spy.wait());
    QCOMPARE(call.error().kind, ApiError::Kind::Canceled);
    QVERIFY(!call.ok());
    call.cancel(); // a second cancel is a no-op
    QTRY_COMPARE(nam.liveReplies(), 0);
    QCOMPARE(spy.count(), 1);
}

void tst_HttpCall::destroyingARunningCallAbortsItSilently()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"), Response::hang());
    nam.addRoute("GET", QStringLiteral("/other"), Response::json(200, "{}"));
    int signals = 0;
    {
        auto call = std::make_unique<HttpCall>(nam, makeRequest("GET"), fastPolicy());
        connect(call.get(), &HttpCall::finished, this, [&] { ++signals; });
        call->start();
    }
    QCOMPARE(nam.abortedReplies(), 1);
    QTRY_COMPARE(nam.liveReplies(), 0);
    HttpRequest other = makeRequest("GET");
    other.url.setPath(QStringLiteral("/other"));
    HttpCall next(nam, other, fastPolicy());
    QSignalSpy spy(&next, &HttpCall::finished);
    next.start();
    QVERIFY(spy.wait());
    QCOMPARE(signals, 0);
}

void tst_HttpCall::appliesTheRetryPolicy_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QList<Response>>("responses");
    QTest::addColumn<int>("attempts");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("ambiguous");

    const Response ok = Response::json(200, "{}");
    const Response created = Response::json(201, "{}");
    const Response tooMany = Response::json(429, "{}", {{"Retry-After", "1"}});
    const Response unavailable = Response::json(503, "{}");
    const int http = int(ApiError::Kind::Http);
    const int network = int(ApiError::Kind::Network);

    QTest::newRow("429 with Retry-After then OK on GET") << QByteArray("GET") << QList{tooMany, ok} << 2 << true << 0 << false;
    QTest::newRow("429 on POST is retried: nothing was applied") << QByteArray("POST") << QList{tooMany, created} << 2 << true << 0 << false;
    QTest::newRow("503 on GET retried") << QByteArray("GET") << QList{unavailable, ok} << 2 << true << 0 << false;
    QTest::newRow("503 on DELETE retried") << QByteArray("DELETE") << QList{unavailable, Response::json(204, {})} << 2 << true << 0 << false;
    QTest::newRow("503 on GET gives up after max attempts") << QByteArray("GET") << QList{unavailable} << 5 << false << http << false;
    QTest::newRow("503 on POST not retried, ambiguous") << QByteArray("POST") << QList{unavailable, created} << 1 << false << http << true;
    QTest::newRow("503 on PATCH not retried, ambiguous") << QByteArray("PATCH") << QList{unavailable, ok} << 1 << false << http << true;
    QTest::newRow("connection refused on POST retried") << QByteArray("POST") << QList{Response::refused(), created} << 2 << true << 0 << false;
    QTest::newRow("reset after send on POST not retried, ambiguous") << QByteArray("POST") << QList{Response::resetAfterSend(), created} << 1 << false << network << true;
    QTest::newRow("reset after send on GET retried") << QByteArray("GET") << QList{Response::resetAfterSend(), ok} << 2 << true << 0 << false;
    QTest::newRow("400 on POST is definite") << QByteArray("POST") << QList{Response::json(400, "{}"), created} << 1 << false << http << false;
    QTest::newRow("404 on GET is definite") << QByteArray("GET") << QList{Response::json(404, "{}"), ok} << 1 << false << http << false;
}

void tst_HttpCall::appliesTheRetryPolicy()
{
    QFETCH(QByteArray, method);
    QFETCH(QList<Response>, responses);
    QFETCH(int, attempts);
    QFETCH(bool, ok);
    QFETCH(int, kind);
    QFETCH(bool, ambiguous);

    FakeNetworkAccessManager nam;
    nam.addRoute(method, QStringLiteral("/thing"), responses);
    HttpCall call(nam, makeRequest(method), fastPolicy());
    QSignalSpy finished(&call, &HttpCall::finished);
    QSignalSpy retrying(&call, &HttpCall::retrying);
    call.start();
    QVERIFY(finished.wait());
    QCOMPARE(call.ok(), ok);
    QCOMPARE(call.attempts(), attempts);
    QCOMPARE(nam.requests().size(), attempts);
    QCOMPARE(retrying.count(), attempts - 1);
    if (!ok) {
        QCOMPARE(int(call.error().kind), kind);
        QCOMPARE(call.error().ambiguous, ambiguous);
    }
    for (const auto &recorded : nam.requests())
        QCOMPARE(recorded.body, makeRequest(method).body);
}

void tst_HttpCall::honoursRetryAfterSeconds()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"),
                 QList{Response::json(429, "{}", {{"Retry-After", "7"}}), Response::json(200, "{}")});
    HttpCall call(nam, makeRequest("GET"), fastPolicy());
    QSignalSpy retrying(&call, &HttpCall::retrying);
    QSignalSpy finished(&call, &HttpCall::finished);
    call.start();
    QVERIFY(finished.wait());
    QCOMPARE(retrying.count(), 1);
    QCOMPARE(retrying.at(0).at(0).toInt(), 2);
    QCOMPARE(retrying.at(0).at(1).toLongLong(), 7); // 7 s at time scale 0.001, not the 1 s backoff
    QVERIFY(call.ok());
}

void tst_HttpCall::parsesRetryAfterInBothForms()
{
    const QDateTime now(QDate(2015, 10, 21), QTime(7, 27, 30), Qt::UTC);
    QCOMPARE(RetryPolicy::parseRetryAfter("120", now), std::optional(RetryPolicy::Ms(120000)));
    QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now), std::optional(RetryPolicy::Ms(30000)));
    QCOMPARE(RetryPolicy::parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now), std::optional(RetryPolicy::Ms(0)));
    QVERIFY(!RetryPolicy::parseRetryAfter("soon", now));
    QVERIFY(!RetryPolicy::parseRetryAfter("", now));
}

void tst_HttpCall::backoffGrowsWithFullJitterAndIsCapped()
{
    double draw = 1.0;
    RetryPolicy policy(RetryPolicy::Settings{}, [&] { return draw; });
    QCOMPARE(policy.backoff(1), 1000ms);
    QCOMPARE(policy.backoff(2), 2000ms);
    QCOMPARE(policy.backoff(3), 4000ms);
    QCOMPARE(policy.backoff(6), 32000ms);
    QCOMPARE(policy.backoff(7), 60000ms);
    QCOMPARE(policy.backoff(30), 60000ms);
    draw = 0.5;
    QCOMPARE(policy.backoff(3), 2000ms);
    draw = 0.0;
    QCOMPARE(policy.backoff(7), 0ms);
}

void tst_HttpCall::retryDelaysGrowBetweenAttempts()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"), Response::json(502, "<html>bad gateway</html>"));
    HttpCall call(nam, makeRequest("GET"), fastPolicy());
    QSignalSpy retrying(&call, &HttpCall::retrying);
    QSignalSpy finished(&call, &HttpCall::finished);
    call.start();
    QVERIFY(finished.wait());
    QList<qint64> delays;
    for (const auto &args : retrying)
        delays << args.at(1).toLongLong();
    QCOMPARE(delays, (QList<qint64>{1, 2, 4, 8}));
    QCOMPARE(call.httpStatus(), 502);
}

void tst_HttpCall::neverLogsCredentials()
{
    QLoggingCategory::setFilterRules(QStringLiteral("orgconsole.net.debug=true"));
    g_log.clear();
    const auto previous = qInstallMessageHandler(captureMessages);

    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/thing"), Response::json(401, R"({"message":"bad token sk-live-123"})"));
    HttpRequest r = makeRequest("GET");
    r.url.setUserInfo(QStringLiteral("AC123:urlpassword"));
    r.header("Authorization", "Bearer sk-live-123");
    HttpCall call(nam, r, fastPolicy());
    QSignalSpy finished(&call, &HttpCall::finished);
    call.start();
    const bool done = finished.wait();
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());

    QVERIFY(done);
    const QString all = g_log.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("GET https://api.example.test/thing")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("Authorization: ***redacted***")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("401")), qPrintable(all));
    QVERIFY2(!all.contains(QLatin1String("sk-live-123")), qPrintable(all));
    QVERIFY2(!all.contains(QLatin1String("urlpassword")), qPrintable(all));
}

QTEST_GUILESS_MAIN(tst_HttpCall)
#include "tst_httpcall.moc"
