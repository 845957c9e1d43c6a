#include "fakenetworkaccessmanager.h"
#include "twilio/numberprice.h"
#include "twilio/pricecache.h"
#include "twilio/twilioclient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::test::FakeNetworkAccessManager;
using Response = FakeNetworkAccessManager::Response;

namespace {

const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");

// The example of FetchPhoneNumberCountry in twilio_pricing_v1.json, verbatim.
const QByteArray kSpecExample = R"({"country":"United States","iso_country":"US","phone_number_prices":[
    {"number_type":"local","base_price":"1.00","current_price":"1.00"},
    {"number_type":"toll free","base_price":"2.00","current_price":"2.00"}],
    "price_unit":"USD","url":"https://pricing.twilio.com/v1/PhoneNumbers/Countries/US"})";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

TwilioConfig config()
{
    RetryPolicy::Settings s;
    s.maxAttempts = 2;
    s.timeScale = 0.001;
    TwilioConfig c{QUrl(QStringLiteral("http://twilio.test")), Sid, QStringLiteral("tok"), RetryPolicy(s)};
    c.pricingBaseUrl = QUrl(QStringLiteral("http://pricing.test/base/"));
    return c;
}

template<class Call>
bool waitFor(const Call &call)
{
    QSignalSpy spy(call.get(), &ApiCall::finished);
    return spy.wait(5000) && spy.count() == 1;
}

} // namespace

class tst_Pricing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheSpecsExampleTakingTheLocalPrice();
    void prefersCurrentPriceAndFallsBackToBasePrice();
    void aCountryWithoutALocalPriceHasNone();
    void clientAsksThePricingHostWithTheAccountsCredentials();
    void unknownCountryIsTwiliosNotFound();
    void cacheKeepsAPriceForADayThenFetchesAgain();
    void cacheListsWhatIsMissingOnceAndInUpperCase();
};

void tst_Pricing::parsesTheSpecsExampleTakingTheLocalPrice()
{
    const auto price = NumberPrice::fromJson(object(kSpecExample));
    QVERIFY(price);
    QCOMPARE(price->isoCountry, QStringLiteral("US"));
    QCOMPARE(price->country, QStringLiteral("United States"));
    QCOMPARE(price->monthly, 1.00);
    QCOMPARE(price->priceUnit, QStringLiteral("USD"));
}

void tst_Pricing::prefersCurrentPriceAndFallsBackToBasePrice()
{
    auto discounted = NumberPrice::fromJson(object(R"({"iso_country":"DE","price_unit":"USD","phone_number_prices":[
        {"number_type":"mobile","base_price":"9.00","current_price":"9.00"},
        {"number_type":"local","base_price":"1.25","current_price":"1.00"}]})"));
    QVERIFY(discounted);
    QCOMPARE(discounted->monthly, 1.00);
    auto base = NumberPrice::fromJson(object(R"({"iso_country":"GB","phone_number_prices":[
        {"number_type":"local","base_price":"1.15","current_price":null}]})"));
    QVERIFY(base);
    QCOMPARE(base->monthly, 1.15);
    QCOMPARE(base->priceUnit, QStringLiteral("USD")); // absent: Twilio prices in USD
}

void tst_Pricing::aCountryWithoutALocalPriceHasNone()
{
    QVERIFY(!NumberPrice::fromJson(object(R"({"iso_country":"XX","phone_number_prices":[{"number_type":"toll free","current_price":"2"}]})")));
    QVERIFY(!NumberPrice::fromJson(object(R"({"iso_country":"XX","phone_number_prices":[{"number_type":"local"}]})")));
    QVERIFY(!NumberPrice::fromJson(object(R"({"iso_country":"XX"})")));
}

void tst_Pricing::clientAsksThePricingHostWithTheAccountsCredentials()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/base/v1/PhoneNumbers/Countries/DE"),
                 Response::json(200, R"({"country":"Germany","iso_country":"DE","price_unit":"USD",
                     "phone_number_prices":[{"number_type":"local","base_price":"1.00","current_price":"1.00"}]})"));
    TwilioClient client(nam, config());
    auto call = client.numberPrice(QStringLiteral(" de "));
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().monthly, 1.00);
    QCOMPARE(call->value().isoCountry, QStringLiteral("DE"));
    QCOMPARE(nam.requests().size(), 1);
    QCOMPARE(nam.requests().at(0).url.host(), QStringLiteral("pricing.test"));
    QCOMPARE(nam.requests().at(0).header("Authorization"), "Basic " + (Sid + QStringLiteral(":tok")).toUtf8().toBase64());
}

void tst_Pricing::unknownCountryIsTwiliosNotFound()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/base/v1/PhoneNumbers/Countries/ZZ"),
                 Response::json(404, R"({"code":20404,"message":"The requested resource /v1/PhoneNumbers/Countries/ZZ was not found",
                     "more_info":"https://www.twilio.com/docs/errors/20404","status":404})"));
    TwilioClient client(nam, config());
    auto call = client.numberPrice(QStringLiteral("ZZ"));
    QVERIFY(waitFor(call));
    QVERIFY(!call->ok());
    QCOMPARE(call->error().httpStatus, 404);
    QCOMPARE(call->error().vendorCode, QStringLiteral("20404"));
    QCOMPARE(nam.requests().size(), 1); // a definite answer: not retried
}

void tst_Pricing::cacheKeepsAPriceForADayThenFetchesAgain()
{
    QDateTime now(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
    PriceCache cache([&now] { return now; });
    QVERIFY(!cache.find(QStringLiteral("US")));
    cache.put(QStringLiteral("us"), NumberPrice{QStringLiteral("US"), QStringLiteral("United States"), 1.15, QStringLiteral("USD")});
    QCOMPARE(cache.find(QStringLiteral("US"))->monthly, 1.15);
    now = now.addSecs(24 * 3600 - 1);
    QVERIFY(cache.find(QStringLiteral("us"))); // a second short of a day: still fresh
    now = now.addSecs(1);
    QVERIFY(!cache.find(QStringLiteral("US"))); // a day old: fetched again
    cache.put(QString(), NumberPrice{QStringLiteral("US"), QStringLiteral("United States"), 1.25, QStringLiteral("USD")});
    QCOMPARE(cache.find(QStringLiteral("US"))->monthly, 1.25);
    now = now.addSecs(-60); // a clock that went back: not trusted
    QVERIFY(!cache.find(QStringLiteral("US")));
}

void tst_Pricing::cacheListsWhatIsMissingOnceAndInUpperCase()
{
    PriceCache cache;
    cache.put(QStringLiteral("DE"), NumberPrice{QStringLiteral("DE"), QStringLiteral("Germany"), 1.0, QStringLiteral("USD")});
    QCOMPARE(cache.missing({QStringLiteral("us"), QStringLiteral("DE"), QStringLiteral("US"), QString(), QStringLiteral("gb")}),
             QStringList({QStringLiteral("US"), QStringLiteral("GB")}));
}

QTEST_GUILESS_MAIN(tst_Pricing)
#include "tst_pricing.moc"
