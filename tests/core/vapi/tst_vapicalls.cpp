#include "fakenetworkaccessmanager.h"
#include "vapi/vapiclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::test::FakeNetworkAccessManager;
using Response = FakeNetworkAccessManager::Response;

namespace {

const QString Assistant = QStringLiteral("3f9a3c1e-5b7d-4e2a-9c1f-0a1b2c3d4e5f");

VapiConfig config(int pageSize)
{
    RetryPolicy::Settings s;
    s.maxAttempts = 2;
    s.timeScale = 0.001;
    return VapiConfig{QUrl(QStringLiteral("http://vapi.test")), QStringLiteral("vapi-private-key"), RetryPolicy(s), pageSize};
}

// A call on 2026-12-05 at 10:00:SS UTC; `cost` < 0: VAPI sent none.
QByteArray call(const char *id, int second, double cost)
{
    QByteArray json = QByteArray(R"({"id":")") + id + R"(","assistantId":"3f9a3c1e-5b7d-4e2a-9c1f-0a1b2c3d4e5f","type":"inboundPhoneCall",)"
                      R"("createdAt":"2026-12-05T10:00:)" + QByteArray::number(second).rightJustified(2, '0') + R"(.000Z")";
    if (cost >= 0)
        json += R"(,"cost":)" + QByteArray::number(cost);
    return json + '}';
}

Response page(const QList<QByteArray> &items)
{
    return Response::json(200, '[' + items.join(',') + ']');
}

QStringList queries(const FakeNetworkAccessManager &nam)
{
    QStringList out;
    for (const auto &r : nam.requests())
        out << r.url.query(QUrl::FullyDecoded);
    return out;
}

template<class Call>
bool waitFor(const Call &c)
{
    QSignalSpy spy(c.get(), &ApiCall::finished);
    return spy.wait(5000) && spy.count() == 1;
}

const QDateTime kFrom(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
const QDateTime kTo(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);

} // namespace

class tst_VapiCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asksForTheAssistantsCallsInTheMonth();
    void pagesThroughWindowsCountingEachCallOnceAcrossDuplicates();
    void aCallWithoutCostCostsNothingAndCostMayBeText();
    void anErrorPageFailsTheListing();
};

void tst_VapiCalls::asksForTheAssistantsCallsInTheMonth()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/call"), page({call("c1", 1, 0.25)}));
    VapiClient client(nam, config(1000));
    auto c = client.listCalls(Assistant, kFrom, kTo);
    QVERIFY(waitFor(c));
    QVERIFY2(c->ok(), qPrintable(c->error().describe()));
    QCOMPARE(c->value().size(), 1);
    QCOMPARE(c->value().at(0).cost, 0.25);
    QCOMPARE(c->value().at(0).assistantId, Assistant);
    QCOMPARE(queries(nam), QStringList{QStringLiteral("assistantId=%1&createdAtGe=2026-12-01T00:00:00.000Z&createdAtLt=2027-01-01T00:00:00.000Z&limit=1000")
                                           .arg(Assistant)});
    QCOMPARE(nam.requests().at(0).header("Authorization"), QByteArray("Bearer vapi-private-key"));
}

// Pages of three in no order; the next window is createdAtLe = the oldest seen (so the call at :04 comes again
// on page 2, and :02 on page 3); each call is summed once.
void tst_VapiCalls::pagesThroughWindowsCountingEachCallOnceAcrossDuplicates()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/call"),
                 QList<Response>{page({call("c6", 6, 0.5), call("c4", 4, 0.25), call("c5", 5, 1.0)}),
                                 page({call("c3", 3, 0.125), call("c4", 4, 0.25), call("c2", 2, 2.0)}),
                                 page({call("c2", 2, 2.0), call("c1", 1, 0.0625)})});
    VapiClient client(nam, config(3));
    auto c = client.listCalls(Assistant, kFrom, kTo);
    QVERIFY(waitFor(c));
    QVERIFY2(c->ok(), qPrintable(c->error().describe()));
    QStringList ids;
    double total = 0;
    for (const VapiCall &v : c->value()) {
        ids << v.id;
        total += v.cost;
    }
    ids.sort();
    QCOMPARE(ids, QStringList({"c1", "c2", "c3", "c4", "c5", "c6"}));
    QCOMPARE(total, 0.5 + 0.25 + 1.0 + 0.125 + 2.0 + 0.0625);
    const QStringList q = queries(nam);
    QCOMPARE(q.size(), 3);
    // The month's upper bound on the first page; then windows below the oldest seen, the lower bound kept.
    QVERIFY(q.at(0).contains(QLatin1String("createdAtLt=2027-01-01T00:00:00.000Z")));
    QVERIFY(q.at(1).contains(QLatin1String("createdAtLe=2026-12-05T10:00:04.000Z")));
    QVERIFY(q.at(2).contains(QLatin1String("createdAtLe=2026-12-05T10:00:02.000Z")));
    for (const QString &query : q) {
        QVERIFY(query.contains(QLatin1String("createdAtGe=2026-12-01T00:00:00.000Z")));
        QVERIFY(query.startsWith(QStringLiteral("assistantId=%1").arg(Assistant)));
        QVERIFY(query.endsWith(QLatin1String("limit=3")));
    }
}

void tst_VapiCalls::aCallWithoutCostCostsNothingAndCostMayBeText()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/call"),
                 page({call("c1", 1, -1), R"({"id":"c2","createdAt":"2026-12-05T10:00:02.000Z","cost":"0.75"})",
                       R"({"id":"c3","createdAt":"2026-12-05T10:00:03.000Z","cost":null})"}));
    VapiClient client(nam, config(1000));
    auto c = client.listCalls(Assistant, kFrom, kTo);
    QVERIFY(waitFor(c));
    QVERIFY(c->ok());
    QCOMPARE(c->value().size(), 3);
    double total = 0;
    for (const VapiCall &v : c->value())
        total += v.cost;
    QCOMPARE(total, 0.75);
}

void tst_VapiCalls::anErrorPageFailsTheListing()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/call"),
                 QList<Response>{page({call("c3", 3, 1), call("c2", 2, 1)}),
                                 Response::json(401, R"({"statusCode":401,"error":"Unauthorized","message":"Invalid Key."})")});
    VapiClient client(nam, config(2));
    auto c = client.listCalls(Assistant, kFrom, kTo);
    QVERIFY(waitFor(c));
    QVERIFY(!c->ok()); // never a partial sum passed off as the month's
    QCOMPARE(c->error().httpStatus, 401);
}

QTEST_GUILESS_MAIN(tst_VapiCalls)
#include "tst_vapicalls.moc"
