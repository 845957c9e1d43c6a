#include "fakenetworkaccessmanager.h"
#include "twilio/twilioclient.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace oc;
using oc::test::FakeNetworkAccessManager;
using Response = FakeNetworkAccessManager::Response;

namespace {

const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString Account = QStringLiteral("/2010-04-01/Accounts/") + Sid;

TwilioConfig config(int maxAttempts = 5)
{
    RetryPolicy::Settings s;
    s.maxAttempts = maxAttempts;
    s.timeScale = 0.001;
    return TwilioConfig{QUrl(QStringLiteral("http://twilio.test")), Sid, QStringLiteral("tok+en/secret"),
                        RetryPolicy(s), QUrl(QStringLiteral("http://numbers.test/prefix"))};
}

const QString BundleSid = QStringLiteral("BU0123456789abcdef0123456789abcdef");
const QString AddressSid = QStringLiteral("AD0123456789abcdef0123456789abcdef");

TwilioAddress berlinAddress()
{
    TwilioAddress a;
    a.sid = AddressSid;
    a.city = QStringLiteral("Berlin");
    a.isoCountry = QStringLiteral("DE");
    return a;
}

template<class Call>
bool waitFor(const Call &call)
{
    QSignalSpy spy(call.get(), &ApiCall::finished);
    return spy.wait(5000) && spy.count() == 1;
}

QByteArray number(const char *sid, const char *e164)
{
    return QStringLiteral(R"({"sid":"%1","phone_number":"%2","friendly_name":"Acme","date_created":"Thu, 30 Jul 2015 20:00:00 +0000"})")
        .arg(QLatin1String(sid), QLatin1String(e164))
        .toUtf8();
}

} // namespace

class tst_TwilioClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void searchSendsTheDocumentedQueryWithBasicAuth();
    void searchAcceptsCoordinatesAsNumbersOrStrings();
    void searchWithNoResultsIsAnEmptyList();
    void buyPostsThePlusSignAsPercent2B();
    void findOwnedNumberEncodesThePlusInTheQuery();
    void findOwnedNumberIsEmptyWhenNotOwned();
    void releaseTreatsAlreadyGoneAsSuccess_data();
    void releaseTreatsAlreadyGoneAsSuccess();
    void searchOutsideNanpUsesContainsOrInLocality_data();
    void searchOutsideNanpUsesContainsOrInLocality();
    void searchWithAnAddressSkipsResultsItCannotMeet();
    void buySendsTheBundleAndTheAddressWhenGiven();
    void complianceRefusalsAreDefiniteAndNotRetried_data();
    void complianceRefusalsAreDefiniteAndNotRetried();
    void regulationsAreReadFromTheNumbersHost();
    void approvedBundlesFollowTheirPagesOnTheConfiguredHost();
    void addressesAreListedFromTheAccount();
    void mapsTwilioErrorBodies_data();
    void mapsTwilioErrorBodies();
    void reportsANonJsonErrorBodyClearly();
    void listFollowsNextPageUriOnTheConfiguredHost();
    void keepsAPathPrefixOfTheBaseUrl();
    void destroyingACallAbortsItsRequest();
    void cancelingACallEndsItOnceAsCanceled();
};

void tst_TwilioClient::searchSendsTheDocumentedQueryWithBasicAuth()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", Account + QStringLiteral("/AvailablePhoneNumbers/US/Local\\.json"),
                 Response::json(200, R"({"available_phone_numbers":[{"phone_number":"+15105551234","friendly_name":"(510) 555-1234","locality":"Oakland","region":"CA"}]})"));
    TwilioClient client(nam, config());
    auto call = client.searchLocalNumbers(QStringLiteral("us"), QStringLiteral("510"));
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().size(), 1);
    QCOMPARE(call->value().at(0).phoneNumber, QStringLiteral("+15105551234"));
    QCOMPARE(call->value().at(0).locality, QStringLiteral("Oakland"));

    const auto &sent = nam.requests().at(0);
    QCOMPARE(sent.url.query(QUrl::FullyEncoded),
             QStringLiteral("AreaCode=510&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20"));
    QCOMPARE(sent.header("Authorization"), "Basic " + QByteArray((Sid + QStringLiteral(":tok+en/secret")).toUtf8().toBase64()));
}

void tst_TwilioClient::searchAcceptsCoordinatesAsNumbersOrStrings()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral(".*/Local\\.json"),
                 Response::json(200, R"({"available_phone_numbers":[{"phone_number":"+1","latitude":"19.720000","longitude":-155.09},{"phone_number":"+2","latitude":null}]})"));
    TwilioClient client(nam, config());
    auto call = client.searchLocalNumbers(QStringLiteral("US"), QStringLiteral("808"), 2);
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QCOMPARE(call->value().at(0).latitude, std::optional(19.72));
    QCOMPARE(call->value().at(0).longitude, std::optional(-155.09));
    QVERIFY(!call->value().at(1).latitude);
}

void tst_TwilioClient::searchWithNoResultsIsAnEmptyList()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral(".*/Local\\.json"), Response::json(200, R"({"available_phone_numbers":[]})"));
    TwilioClient client(nam, config());
    auto call = client.searchLocalNumbers(QStringLiteral("US"), QStringLiteral("999"));
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QVERIFY(call->value().isEmpty());
}

void tst_TwilioClient::buyPostsThePlusSignAsPercent2B()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", Account + QStringLiteral("/IncomingPhoneNumbers\\.json"),
                 Response::json(201, number("PN11", "+15105551234")));
    TwilioClient client(nam, config());
    auto call = client.buyNumber(QStringLiteral("+15105551234"), QStringLiteral("Acme & Co [oc:run-1]"));
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().sid, QStringLiteral("PN11"));
    QCOMPARE(call->value().dateCreated, QDateTime(QDate(2015, 7, 30), QTime(20, 0), Qt::UTC));
    const auto &sent = nam.requests().at(0);
    QCOMPARE(sent.body, QByteArray("PhoneNumber=%2B15105551234&FriendlyName=Acme%20%26%20Co%20%5Boc%3Arun-1%5D"));
    QCOMPARE(sent.header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));
}

void tst_TwilioClient::findOwnedNumberEncodesThePlusInTheQuery()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", Account + QStringLiteral("/IncomingPhoneNumbers\\.json"),
                 Response::json(200, "{\"incoming_phone_numbers\":[" + number("PN7", "+15105551234") + "]}"));
    TwilioClient client(nam, config());
    auto call = client.findOwnedNumber(QStringLiteral("+15105551234"));
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QVERIFY(call->value().has_value());
    QCOMPARE(call->value()->sid, QStringLiteral("PN7"));
    QCOMPARE(nam.requests().at(0).url.query(QUrl::FullyEncoded), QStringLiteral("PhoneNumber=%2B15105551234"));
    QVERIFY(nam.requests().at(0).url.toEncoded().contains("PhoneNumber=%2B1510"));
}

void tst_TwilioClient::findOwnedNumberIsEmptyWhenNotOwned()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral(".*/IncomingPhoneNumbers\\.json"), Response::json(200, R"({"incoming_phone_numbers":[]})"));
    TwilioClient client(nam, config());
    auto call = client.findOwnedNumber(QStringLiteral("+15105551234"));
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QVERIFY(!call->value().has_value());
}

void tst_TwilioClient::releaseTreatsAlreadyGoneAsSuccess_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::newRow("204 released") << 204 << QByteArray() << true;
    QTest::newRow("404 20404 already gone") << 404
                                            << QByteArray(R"({"code":20404,"message":"The requested resource was not found","status":404})")
                                            << true;
    QTest::newRow("401 20003 is an error") << 401 << QByteArray(R"({"code":20003,"message":"Authenticate","status":401})") << false;
}

void tst_TwilioClient::releaseTreatsAlreadyGoneAsSuccess()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    FakeNetworkAccessManager nam;
    nam.addRoute("DELETE", Account + QStringLiteral("/IncomingPhoneNumbers/PN42\\.json"), Response::json(status, body));
    TwilioClient client(nam, config());
    auto call = client.releaseNumber(QStringLiteral("PN42"));
    QVERIFY(waitFor(call));
    QCOMPARE(call->ok(), ok);
    QCOMPARE(nam.requests().at(0).method, QByteArray("DELETE"));
}

void tst_TwilioClient::mapsTwilioErrorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("21421 invalid number") << 400 << 21421 << false;
    QTest::newRow("21422 not available") << 400 << 21422 << false;
    QTest::newRow("21452 none in area code") << 400 << 21452 << false;
    QTest::newRow("21631 address required") << 400 << 21631 << false;
    QTest::newRow("20003 authentication") << 401 << 20003 << false;
    QTest::newRow("20404 not found") << 404 << 20404 << false;
    QTest::newRow("20429 too many requests") << 429 << 20429 << true;
    QTest::newRow("unknown code") << 400 << 99999 << false;
}

void tst_TwilioClient::mapsTwilioErrorBodies()
{
    QFETCH(int, status);
    QFETCH(int, code);
    QFETCH(bool, retryable);
    FakeNetworkAccessManager nam;
    const QByteArray body = QString::fromLatin1("{\"code\":%1,\"message\":\"Twilio says %1\",\"more_info\":\"https:/" "/www.twilio.com/docs/errors/%1\",\"status\":%2}")
                                .arg(code).arg(status).toUtf8();
    nam.addRoute("POST", QStringLiteral(".*/IncomingPhoneNumbers\\.json"), Response::json(status, body));
    TwilioClient client(nam, config(1));
    auto call = client.buyNumber(QStringLiteral("+15105551234"), QStringLiteral("Acme"));
    QVERIFY(waitFor(call));
    QVERIFY(!call->ok());
    QCOMPARE(call->error().kind, ApiError::Kind::Api);
    QCOMPARE(call->error().vendorCode, QString::number(code));
    QCOMPARE(call->error().httpStatus, status);
    QCOMPARE(call->error().message, QStringLiteral("Twilio says %1").arg(code));
    QCOMPARE(call->error().retryable, retryable);
    QVERIFY(!call->error().ambiguous);
}

void tst_TwilioClient::reportsANonJsonErrorBodyClearly()
{
    FakeNetworkAccessManager nam;
    Response html;
    html.status = 502;
    html.body = "<html><body>Bad Gateway</body></html>";
    html.headers = {{"Content-Type", "text/html"}};
    nam.addRoute("POST", QStringLiteral(".*/IncomingPhoneNumbers\\.json"), html);
    TwilioClient client(nam, config());
    auto call = client.buyNumber(QStringLiteral("+15105551234"), QStringLiteral("Acme"));
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, ApiError::Kind::Http);
    QCOMPARE(call->error().httpStatus, 502);
    QVERIFY2(call->error().message.contains(QLatin1String("502")) && call->error().message.contains(QLatin1String("text/html")),
             qPrintable(call->error().message));
    QVERIFY(call->error().ambiguous); // a 5xx on the purchase: it may have gone through
    QCOMPARE(call->attempts(), 1);
}

void tst_TwilioClient::listFollowsNextPageUriOnTheConfiguredHost()
{
    FakeNetworkAccessManager nam;
    const QByteArray page1 = "{\"incoming_phone_numbers\":[" + number("PN1", "+1") + "],\"next_page_uri\":\"" + Account.toUtf8()
                             + "/IncomingPhoneNumbers.json?PageSize=1&Page=1&PageToken=PA1\"}";
    const QByteArray page2 = "{\"incoming_phone_numbers\":[" + number("PN2", "+2") + "],\"next_page_uri\":\"https:/" "/api.twilio.com"
                             + Account.toUtf8() + "/IncomingPhoneNumbers.json?PageSize=1&Page=2&PageToken=PA2\"}";
    const QByteArray page3 = "{\"incoming_phone_numbers\":[" + number("PN3", "+3") + "],\"next_page_uri\":null}";
    nam.addRoute("GET", Account + QStringLiteral("/IncomingPhoneNumbers\\.json"),
                 QList{Response::json(200, page1), Response::json(200, page2), Response::json(200, page3)});
    TwilioClient client(nam, config());
    auto call = client.listOwnedNumbers(1);
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().size(), 3);
    QCOMPARE(call->value().at(2).sid, QStringLiteral("PN3"));
    QCOMPARE(nam.requests().size(), 3);
    QCOMPARE(nam.requests().at(1).url.query(QUrl::FullyEncoded), QStringLiteral("PageSize=1&Page=1&PageToken=PA1"));
    QCOMPARE(nam.requests().at(2).url.host(), QStringLiteral("twilio.test"));
    QCOMPARE(nam.requests().at(2).url.query(QUrl::FullyEncoded), QStringLiteral("PageSize=1&Page=2&PageToken=PA2"));
    QVERIFY(!nam.requests().at(2).header("Authorization").isEmpty());
}

void tst_TwilioClient::keepsAPathPrefixOfTheBaseUrl()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("DELETE", QStringLiteral("/sandbox/twilio") + Account + QStringLiteral("/IncomingPhoneNumbers/PN1\\.json"),
                 Response::json(204, {}));
    TwilioConfig c = config();
    c.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/sandbox/twilio/"));
    TwilioClient client(nam, c);
    auto call = client.releaseNumber(QStringLiteral("PN1"));
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QCOMPARE(call->httpStatus(), 204);
}

void tst_TwilioClient::destroyingACallAbortsItsRequest()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral(".*"), Response::hang());
    TwilioClient client(nam, config());
    auto call = client.buyNumber(QStringLiteral("+15105551234"), QStringLiteral("Acme"));
    QCOMPARE(nam.liveReplies(), 1);
    call.reset();
    QCOMPARE(nam.abortedReplies(), 1);
    QTRY_COMPARE(nam.liveReplies(), 0);
}

void tst_TwilioClient::cancelingACallEndsItOnceAsCanceled()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral(".*"), Response::hang());
    TwilioClient client(nam, config());
    auto call = client.listOwnedNumbers();
    QSignalSpy spy(call.get(), &ApiCall::finished);
    call->cancel();
    QCOMPARE(spy.count(), 0);
    QVERIFY(spy.wait());
    QCOMPARE(call->error().kind, ApiError::Kind::Canceled);
    QVERIFY(!call->error().ambiguous); // a GET changes nothing
    QCOMPARE(nam.abortedReplies(), 1);
    call->cancel();
    QCOMPARE(spy.count(), 1);
}

void tst_TwilioClient::searchOutsideNanpUsesContainsOrInLocality_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("query");
    QTest::newRow("US area code") << "US" << "510" << "AreaCode=510&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("Puerto Rico is NANP") << "PR" << "787" << "AreaCode=787&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("US, any area") << "US" << "" << "VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("DE prefix") << "DE" << "+4930" << "Contains=%2B4930&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("DE bare area digits") << "DE" << "30" << "Contains=%2B4930&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("DE trunk prefix dropped") << "DE" << "030" << "Contains=%2B4930&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("GB city") << "GB" << "London" << "InLocality=London&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
    QTest::newRow("DE city with umlaut") << "DE" << QString::fromUtf8("München")
                                         << "InLocality=M%C3%BCnchen&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=20";
}

void tst_TwilioClient::searchOutsideNanpUsesContainsOrInLocality()
{
    QFETCH(QString, country);
    QFETCH(QString, where);
    QFETCH(QString, query);
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral(".*/Local\\.json"), Response::json(200, R"({"available_phone_numbers":[]})"));
    TwilioClient client(nam, config());
    auto call = client.searchLocalNumbers(country, where);
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(nam.requests().at(0).url.path(), Account + QStringLiteral("/AvailablePhoneNumbers/%1/Local.json").arg(country));
    QCOMPARE(nam.requests().at(0).url.query(QUrl::FullyEncoded), query);
}

void tst_TwilioClient::searchWithAnAddressSkipsResultsItCannotMeet()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", Account + QStringLiteral("/AvailablePhoneNumbers/DE/Local\\.json"),
                 Response::json(200, R"({"available_phone_numbers":[
                     {"phone_number":"+49305550100","iso_country":"DE","address_requirements":"local","locality":"Berlin"},
                     {"phone_number":"+49305550101","iso_country":"DE","address_requirements":"foreign"},
                     {"phone_number":"+49305550102","iso_country":"DE","address_requirements":"none"},
                     {"phone_number":"+49305550103","iso_country":"DE","address_requirements":"any"},
                     {"phone_number":"+49305550104","iso_country":"DE","address_requirements":"something-new"}]})"));
    TwilioClient client(nam, config());
    auto call = client.searchLocalNumbers(QStringLiteral("DE"), QStringLiteral("+4930"), 20, berlinAddress());
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QStringList numbers;
    for (const AvailableNumber &n : call->value())
        numbers << n.phoneNumber;
    QCOMPARE(numbers, (QStringList{QStringLiteral("+49305550100"), QStringLiteral("+49305550102"), QStringLiteral("+49305550103")}));
    QCOMPARE(call->value().at(0).addressRequirements, QStringLiteral("local"));
    // With an address, numbers that need one are asked for too.
    QCOMPARE(nam.requests().at(0).url.query(QUrl::FullyEncoded), QStringLiteral("Contains=%2B4930&VoiceEnabled=true&PageSize=20"));
}

void tst_TwilioClient::buySendsTheBundleAndTheAddressWhenGiven()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", Account + QStringLiteral("/IncomingPhoneNumbers\\.json"), Response::json(201, number("PN11", "+49305550100")));
    TwilioClient client(nam, config());
    auto call = client.buyNumber(QStringLiteral("+49305550100"), QStringLiteral("Acme [oc:run-1]"), BundleSid, AddressSid);
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(nam.requests().at(0).body,
             QByteArray("PhoneNumber=%2B49305550100&FriendlyName=Acme%20%5Boc%3Arun-1%5D&BundleSid=") + BundleSid.toLatin1()
                 + "&AddressSid=" + AddressSid.toLatin1());
}

void tst_TwilioClient::complianceRefusalsAreDefiniteAndNotRetried_data()
{
    QTest::addColumn<int>("code");
    QTest::newRow("21631 address does not fit") << 21631;
    QTest::newRow("21649 bundle required") << 21649;
    QTest::newRow("21613 no address") << 21613;
}

void tst_TwilioClient::complianceRefusalsAreDefiniteAndNotRetried()
{
    QFETCH(int, code);
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral(".*/IncomingPhoneNumbers\\.json"),
                 Response::json(400, QStringLiteral(R"({"code":%1,"message":"","status":400})").arg(code).toUtf8()));
    TwilioClient client(nam, config(5));
    auto call = client.buyNumber(QStringLiteral("+49305550100"), QStringLiteral("Acme"), BundleSid, AddressSid);
    QVERIFY(waitFor(call));
    QVERIFY(!call->ok());
    QCOMPARE(call->error().vendorCode, QString::number(code));
    QVERIFY(TwilioClient::isComplianceError(call->error()));
    QVERIFY(!call->error().ambiguous);
    QVERIFY(!call->error().retryable);
    QVERIFY(call->error().message.startsWith(QLatin1String("This number requires"))); // Twilio's empty message, explained
    QCOMPARE(nam.requests().size(), 1);
    ApiError taken = call->error();
    taken.vendorCode = QStringLiteral("21422");
    QVERIFY(!TwilioClient::isComplianceError(taken));
}

void tst_TwilioClient::regulationsAreReadFromTheNumbersHost()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/prefix/v2/RegulatoryCompliance/Regulations"),
                 Response::json(200, R"({"results":[{"sid":"RNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","friendly_name":"Germany: Local - Business",
                     "iso_country":"DE","number_type":"local","end_user_type":"business",
                     "requirements":{"end_user":[{"type":"business"}],"supporting_document":[[{"type":"document","accepted_documents":[{"type":"address"}]}]]}}],
                     "meta":{"next_page_url":null,"key":"results"}})"));
    TwilioClient client(nam, config());
    auto call = client.listRegulations(QStringLiteral("de"));
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().size(), 1);
    QCOMPARE(call->value().at(0).friendlyName, QStringLiteral("Germany: Local - Business"));
    QCOMPARE(call->value().at(0).endUserType, QStringLiteral("business"));
    QVERIFY(call->value().at(0).requiresAddress);
    const auto &sent = nam.requests().at(0);
    QCOMPARE(sent.url.host(), QStringLiteral("numbers.test"));
    QCOMPARE(sent.url.query(QUrl::FullyEncoded), QStringLiteral("IsoCountry=DE&NumberType=local&EndUserType=business&PageSize=50"));
    QCOMPARE(sent.header("Authorization"), "Basic " + QByteArray((Sid + QStringLiteral(":tok+en/secret")).toUtf8().toBase64()));
}

void tst_TwilioClient::approvedBundlesFollowTheirPagesOnTheConfiguredHost()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/prefix/v2/RegulatoryCompliance/Bundles"),
                 QList<Response>{Response::json(200, R"({"results":[{"sid":"BU1","status":"twilio-approved","friendly_name":"Acme GmbH",
                                     "date_updated":"2026-11-03T14:05:00Z"}],
                                     "meta":{"next_page_url":"https://numbers.twilio.com/v2/RegulatoryCompliance/Bundles?Status=twilio-approved&PageSize=50&Page=1&PageToken=PT1"}})"),
                                 Response::json(200, R"({"results":[{"sid":"BU2","status":"twilio-approved"}],"meta":{"next_page_url":null}})")});
    TwilioClient client(nam, config());
    auto call = client.listApprovedBundles(QStringLiteral("DE"));
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().size(), 2);
    QCOMPARE(call->value().at(0).friendlyName, QStringLiteral("Acme GmbH"));
    QVERIFY(call->value().at(0).isApproved());
    QCOMPARE(call->value().at(0).dateUpdated, QDateTime(QDate(2026, 11, 3), QTime(14, 5), Qt::UTC));
    QCOMPARE(nam.requests().size(), 2);
    QCOMPARE(nam.requests().at(0).url.query(QUrl::FullyEncoded),
             QStringLiteral("Status=twilio-approved&IsoCountry=DE&NumberType=local&PageSize=50"));
    // The next page comes from our numbers host, under its path prefix, never from the host the body names.
    QCOMPARE(nam.requests().at(1).url.host(), QStringLiteral("numbers.test"));
    QCOMPARE(nam.requests().at(1).url.path(), QStringLiteral("/prefix/v2/RegulatoryCompliance/Bundles"));
    QVERIFY(nam.requests().at(1).url.query().contains(QLatin1String("PageToken=PT1")));
}

void tst_TwilioClient::addressesAreListedFromTheAccount()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", Account + QStringLiteral("/Addresses\\.json"),
                 Response::json(200, R"({"addresses":[{"sid":"AD1","city":"Berlin","iso_country":"DE","customer_name":"Acme GmbH"}],
                                        "next_page_uri":null})"));
    TwilioClient client(nam, config());
    auto call = client.listAddresses();
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().size(), 1);
    QCOMPARE(call->value().at(0).city, QStringLiteral("Berlin"));
    QCOMPARE(call->value().at(0).isoCountry, QStringLiteral("DE"));
    QVERIFY(call->value().at(0).meets(QStringLiteral("local"), QStringLiteral("DE")));
    QVERIFY(!call->value().at(0).meets(QStringLiteral("local"), QStringLiteral("GB")));
    QVERIFY(call->value().at(0).meets(QStringLiteral("foreign"), QStringLiteral("GB")));
    QCOMPARE(nam.requests().at(0).url.host(), QStringLiteral("twilio.test"));
    QCOMPARE(nam.requests().at(0).url.query(QUrl::FullyEncoded), QStringLiteral("PageSize=50"));
}

QTEST_GUILESS_MAIN(tst_TwilioClient)
#include "tst_twilioclient.moc"
