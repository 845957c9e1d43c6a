#include "fakenetworkaccessmanager.h"
#include "prismserver.h"
#include "testdatabase.h"
#include "twilio/twilioclient.h"
#include "vapi/assistanttemplate.h"
#include "vapi/vapiclient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::test::PrismServer;

namespace {

// The spec's AccountSid pattern is ^AC[0-9a-fA-F]{32}$; a made-up sid must still match it.
const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString AssistantId = QStringLiteral("3f9a3c1e-5b7d-4e2a-9c1f-0a1b2c3d4e5f");
const QString BundleSid = QStringLiteral("BU0123456789abcdef0123456789abcdef");
const QString AddressSid = QStringLiteral("AD0123456789abcdef0123456789abcdef");

// The example `name` of the 200 answer of GET `path` in a spec, as the vendor published it.
QByteArray specExample(const QString &specFile, const QString &path, const QString &name)
{
    QFile file(specFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject spec = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject example = spec[QLatin1String("paths")][path][QLatin1String("get")][QLatin1String("responses")][QLatin1String("200")]
                                    [QLatin1String("content")][QLatin1String("application/json")][QLatin1String("examples")][name]
                                        .toObject();
    return QJsonDocument(example.value(QLatin1String("value")).toObject()).toJson(QJsonDocument::Compact);
}

RetryPolicy onePass()
{
    RetryPolicy::Settings s;
    s.maxAttempts = 1;
    s.attemptTimeout = std::chrono::seconds(30);
    return RetryPolicy(s);
}

} // namespace

// Every request the clients send, checked by Stoplight Prism against the vendors' own OpenAPI documents
// (a 422 from Prism names the offending field), and the specs' example answers parsed by the clients.
class tst_ClientContracts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void twilioSearchValidatesAndParsesTheExample();
    void twilioPurchaseValidatesAndParsesTheExample();
    void twilioReleaseValidates();
    void twilioLookupAndListingValidateAndParseTheExamples();
    void twilioRegulatedSearchAndPurchaseValidate();
    void twilioPrismRejectsAMalformedBundleSidProvingValidationIsOn();
    void twilioAddressesValidateAndParseTheExample();
    void numbersRegulationsAndBundlesValidate();
    void numbersClientParsesTheSpecsExamples();
    void vapiAssistantCallsValidateAndParseTheExamples();
    void vapiPhoneNumberCallsValidateAndParseTheExamples();
    void vapiRejectsAnOverlongNameProvingValidationIsOn();
    void twilioPricingValidatesAndParsesTheExample();
    void vapiCallListingValidatesAgainstTheGetCallSubset();
    void vapiCallSubsetRejectsALimitAboveTheMaximumProvingValidationIsOn();

private:
    // Waits for `call`; fails with Prism's own explanation when it rejected the request.
    template<class Call>
    bool finish(const Call &call, const PrismServer &prism);

    QNetworkAccessManager m_nam;
    PrismServer m_twilio;
    PrismServer m_numbers;
    PrismServer m_vapi;
    PrismServer m_pricing;
    PrismServer m_calls;
    std::unique_ptr<TwilioClient> m_twilioClient;
    std::unique_ptr<VapiClient> m_vapiClient;
};

template<class Call>
bool tst_ClientContracts::finish(const Call &call, const PrismServer &prism)
{
    QSignalSpy spy(call.get(), &ApiCall::finished);
    if (!spy.wait(60000)) {
        qWarning("call did not finish");
        return false;
    }
    if (call->httpStatus() == 422 || (!call->ok() && call->httpStatus() != 0)) {
        qWarning().noquote() << "Prism answered" << call->httpStatus() << call->lastBody() << "\n" << prism.log().right(3000);
        return false;
    }
    if (!call->ok()) {
        qWarning().noquote() << call->error().describe();
        return false;
    }
    return true;
}

void tst_ClientContracts::initTestCase()
{
    OC_REQUIRE_PRISM();
    QString why;
    QVERIFY2(m_vapi.start(PrismServer::Mode::Mock, PrismServer::vapiSpec(), &why), qPrintable(why));
    QVERIFY2(m_numbers.start(PrismServer::Mode::Mock, PrismServer::twilioNumbersSpec(), &why), qPrintable(why));
    QVERIFY2(m_twilio.start(PrismServer::Mode::Mock, PrismServer::twilioSpec(), &why), qPrintable(why));
    QVERIFY2(m_pricing.start(PrismServer::Mode::Mock, PrismServer::twilioPricingSpec(), &why), qPrintable(why));
    const QString callSpec = PrismServer::vapiCallSpec(&why);
    QVERIFY2(!callSpec.isEmpty(), qPrintable(why));
    QVERIFY2(m_calls.start(PrismServer::Mode::Mock, callSpec, &why), qPrintable(why));
    m_twilioClient = std::make_unique<TwilioClient>(
        m_nam, TwilioConfig{m_twilio.baseUrl(), Sid, QStringLiteral("auth-token"), onePass(), m_numbers.baseUrl(), m_pricing.baseUrl()});
    m_vapiClient = std::make_unique<VapiClient>(m_nam, VapiConfig{m_vapi.baseUrl(), QStringLiteral("vapi-key"), onePass()});
}

void tst_ClientContracts::twilioSearchValidatesAndParsesTheExample()
{
    auto call = m_twilioClient->searchLocalNumbers(QStringLiteral("US"), QStringLiteral("510"));
    QVERIFY(finish(call, m_twilio));
    QVERIFY(!call->value().isEmpty());
    QVERIFY(call->value().at(0).phoneNumber.startsWith(QLatin1Char('+')));
    QVERIFY(call->value().at(0).latitude.has_value()); // the example sends it as a string
}

void tst_ClientContracts::twilioPurchaseValidatesAndParsesTheExample()
{
    auto call = m_twilioClient->buyNumber(QStringLiteral("+15105551234"), QStringLiteral("Acme & Co [oc:run-1]"));
    QVERIFY(finish(call, m_twilio));
    QCOMPARE(call->httpStatus(), 201);
    QVERIFY(call->value().sid.startsWith(QLatin1String("PN")));
    QVERIFY(call->value().dateCreated.isValid());
}

void tst_ClientContracts::twilioReleaseValidates()
{
    auto call = m_twilioClient->releaseNumber(QStringLiteral("PN0123456789abcdef0123456789abcdef"));
    QVERIFY(finish(call, m_twilio));
    QCOMPARE(call->httpStatus(), 204);
}

void tst_ClientContracts::twilioLookupAndListingValidateAndParseTheExamples()
{
    auto find = m_twilioClient->findOwnedNumber(QStringLiteral("+15105551234"));
    QVERIFY(finish(find, m_twilio));
    auto list = m_twilioClient->listOwnedNumbers();
    QVERIFY(finish(list, m_twilio));
    QVERIFY(!list->value().isEmpty());
    QVERIFY(list->value().at(0).sid.startsWith(QLatin1String("PN")));
}

void tst_ClientContracts::twilioRegulatedSearchAndPurchaseValidate()
{
    TwilioAddress berlin;
    berlin.sid = AddressSid;
    berlin.isoCountry = QStringLiteral("DE");
    for (const QString &where : {QStringLiteral("+4930"), QStringLiteral("Berlin")}) {
        auto search = m_twilioClient->searchLocalNumbers(QStringLiteral("DE"), where, 20, berlin);
        QVERIFY2(finish(search, m_twilio), qPrintable(where));
    }
    auto buy = m_twilioClient->buyNumber(QStringLiteral("+49305550100"), QStringLiteral("Acme GmbH [oc:run-1]"), BundleSid, AddressSid);
    QVERIFY(finish(buy, m_twilio));
    QCOMPARE(buy->httpStatus(), 201);
}

void tst_ClientContracts::twilioPrismRejectsAMalformedBundleSidProvingValidationIsOn()
{
    // The clients never send this (orgctl refuses it): Prism would catch a BundleSid that breaks the pattern.
    auto buy = m_twilioClient->buyNumber(QStringLiteral("+49305550100"), QStringLiteral("Acme"), QStringLiteral("BU-not-a-sid"));
    QSignalSpy spy(buy.get(), &ApiCall::finished);
    QVERIFY(spy.wait(60000));
    QCOMPARE(buy->httpStatus(), 422);
    QVERIFY2(buy->lastBody().contains("BundleSid"), buy->lastBody().constData());
}

void tst_ClientContracts::twilioAddressesValidateAndParseTheExample()
{
    auto list = m_twilioClient->listAddresses(QStringLiteral("DE"));
    QVERIFY(finish(list, m_twilio));
    QVERIFY(!list->value().isEmpty());
    QVERIFY(list->value().at(0).sid.startsWith(QLatin1String("AD")));
    QVERIFY(!list->value().at(0).isoCountry.isEmpty());
}

void tst_ClientContracts::numbersRegulationsAndBundlesValidate()
{
    auto regulations = m_twilioClient->listRegulations(QStringLiteral("DE"));
    QVERIFY(finish(regulations, m_numbers));
    auto bundles = m_twilioClient->listApprovedBundles(QStringLiteral("DE"));
    QVERIFY(finish(bundles, m_numbers));
}

void tst_ClientContracts::numbersClientParsesTheSpecsExamples()
{
    // Prism answers the first example (an empty list): the full ones are fed to the client as published.
    const QByteArray regulations = specExample(PrismServer::twilioNumbersSpec(), QStringLiteral("/v2/RegulatoryCompliance/Regulations"),
                                               QStringLiteral("readFull"));
    const QByteArray bundles = specExample(PrismServer::twilioNumbersSpec(), QStringLiteral("/v2/RegulatoryCompliance/Bundles"),
                                           QStringLiteral("readFull"));
    QVERIFY(!regulations.isEmpty() && !bundles.isEmpty());
    test::FakeNetworkAccessManager fake;
    fake.addRoute("GET", QStringLiteral("/v2/RegulatoryCompliance/Regulations"), test::FakeNetworkAccessManager::Response::json(200, regulations));
    fake.addRoute("GET", QStringLiteral("/v2/RegulatoryCompliance/Bundles"), test::FakeNetworkAccessManager::Response::json(200, bundles));
    TwilioClient client(fake, TwilioConfig{QUrl(QStringLiteral("http://twilio.test")), Sid, QStringLiteral("t"), onePass(),
                                           QUrl(QStringLiteral("http://numbers.test"))});
    auto r = client.listRegulations(QStringLiteral("AU"));
    QSignalSpy rs(r.get(), &ApiCall::finished);
    QVERIFY(rs.wait(5000));
    QVERIFY2(r->ok(), qPrintable(r->error().describe()));
    QCOMPARE(r->value().size(), 1);
    QCOMPARE(r->value().at(0).sid, QStringLiteral("RNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    QCOMPARE(r->value().at(0).numberType, QStringLiteral("local"));
    QVERIFY(r->value().at(0).requiresAddress); // its proof of address accepts an Address
    auto b = client.listApprovedBundles(QStringLiteral("DE"));
    QSignalSpy bs(b.get(), &ApiCall::finished);
    QVERIFY(bs.wait(5000));
    QVERIFY2(b->ok(), qPrintable(b->error().describe()));
    QVERIFY(!b->value().isEmpty());
    QCOMPARE(b->value().at(0).sid, QStringLiteral("BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    QVERIFY(b->value().at(0).dateUpdated.isValid());
    QCOMPARE(b->value().at(0).regulationSid, QStringLiteral("RNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

void tst_ClientContracts::vapiAssistantCallsValidateAndParseTheExamples()
{
    const QJsonObject body = AssistantTemplate().createBody(QStringLiteral("A Very Long Organisation Name Holdings International"),
                                                            AssistantRole::Outbound, QStringLiteral("run-1"));
    auto create = m_vapiClient->createAssistant(body);
    QVERIFY(finish(create, m_vapi));
    QCOMPARE(create->httpStatus(), 201);
    QVERIFY(!create->value().id.isEmpty());

    auto get = m_vapiClient->getAssistant(AssistantId);
    QVERIFY(finish(get, m_vapi));
    auto update = m_vapiClient->updateAssistant(AssistantId, QJsonObject{{QStringLiteral("firstMessage"), QStringLiteral("Hi")}});
    QVERIFY(finish(update, m_vapi));
    // A rollout's PATCH: the four owned objects whole (issue 13).
    AssistantTemplate v2;
    v2.voiceId = QStringLiteral("Kylie");
    const QJsonObject rollout = v2.patchFor(AssistantTemplate::ownedFields(body), QStringLiteral("Acme"), AssistantRole::Outbound, 2);
    auto patched = m_vapiClient->updateAssistant(AssistantId, rollout);
    QVERIFY(finish(patched, m_vapi));
    QCOMPARE(patched->httpStatus(), 200);
    auto list = m_vapiClient->listAssistants(QDateTime::currentDateTimeUtc().addDays(-1), 10);
    QVERIFY(finish(list, m_vapi));
    auto remove = m_vapiClient->deleteAssistant(AssistantId);
    QVERIFY(finish(remove, m_vapi));
}

void tst_ClientContracts::vapiPhoneNumberCallsValidateAndParseTheExamples()
{
    auto create = m_vapiClient->createPhoneNumber(PhoneNumberRegistration{
        QStringLiteral("+15105551234"), Sid, QStringLiteral("auth-token"), AssistantId,
        QStringLiteral("A Very Long Organisation Name Holdings International (510)")});
    QVERIFY(finish(create, m_vapi));
    QCOMPARE(create->httpStatus(), 201);
    QVERIFY(!create->value().id.isEmpty());
    auto list = m_vapiClient->listPhoneNumbers(10);
    QVERIFY(finish(list, m_vapi));
    auto remove = m_vapiClient->deletePhoneNumber(AssistantId);
    QVERIFY(finish(remove, m_vapi));
}

void tst_ClientContracts::vapiRejectsAnOverlongNameProvingValidationIsOn()
{
    // The clients never send this; it shows that Prism would catch a contract break.
    auto call = m_vapiClient->updateAssistant(AssistantId, QJsonObject{{QStringLiteral("name"), QString(41, QLatin1Char('x'))}});
    QSignalSpy spy(call.get(), &ApiCall::finished);
    QVERIFY(spy.wait(60000));
    QCOMPARE(call->httpStatus(), 422);
    QVERIFY2(call->lastBody().contains("40"), call->lastBody().constData());
}

QTEST_GUILESS_MAIN(tst_ClientContracts)
// Pricing v1: the request validates (path, Basic auth) and the spec's example parses: the local entry's current_price.
void tst_ClientContracts::twilioPricingValidatesAndParsesTheExample()
{
    auto call = m_twilioClient->numberPrice(QStringLiteral("us"));
    QVERIFY(finish(call, m_pricing));
    QCOMPARE(call->value().isoCountry, QStringLiteral("US"));
    QCOMPARE(call->value().monthly, 1.00);
    QCOMPARE(call->value().priceUnit, QStringLiteral("USD"));
    // The example as published, parsed directly: "local" is taken, "toll free" is not.
    const QByteArray example = specExample(PrismServer::twilioPricingSpec(), QStringLiteral("/v1/PhoneNumbers/Countries/{IsoCountry}"),
                                           QStringLiteral("fetch"));
    const auto price = NumberPrice::fromJson(QJsonDocument::fromJson(example).object());
    QVERIFY(price);
    QCOMPARE(price->country, QStringLiteral("United States"));
    QCOMPARE(price->monthly, 1.00);
}

// GET /call with assistantId, the month's createdAtGe/createdAtLt and limit validates against the official
// openapi.json's GET /call (derived at test time); the mock's answer parses.
void tst_ClientContracts::vapiCallListingValidatesAgainstTheGetCallSubset()
{
    VapiClient client(m_nam, VapiConfig{m_calls.baseUrl(), QStringLiteral("vapi-key"), onePass()});
    const QDateTime from(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    auto call = client.listCalls(AssistantId, from, from.addMonths(1));
    QVERIFY(finish(call, m_calls));
    for (const VapiCall &c : call->value())
        QVERIFY(!c.id.isEmpty());
}

void tst_ClientContracts::vapiCallSubsetRejectsALimitAboveTheMaximumProvingValidationIsOn()
{
    QNetworkRequest request(QUrl(m_calls.baseUrl().toString() + QStringLiteral("/call?limit=5000")));
    request.setRawHeader("Authorization", "Bearer vapi-key");
    QNetworkReply *reply = m_nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(60000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 422);
    reply->deleteLater();
}

#include "tst_clientcontracts.moc"
