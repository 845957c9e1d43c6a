// The sandbox over real HTTP/SMTP sockets, as the product's clients will see it.
#include "sandbox/sandbox.h"
#include "sandboxclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTest>

using namespace oc;
using namespace oc::sandbox;
using oc::test::SandboxClient;

class TstSandbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox> m_box;
    std::unique_ptr<SandboxClient> m_twilio;
    std::unique_ptr<SandboxClient> m_vapi;

    void startSandbox(SandboxConfig config = {})
    {
        m_box = std::make_unique<Sandbox>(config);
        const auto started = m_box->start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        m_twilio = std::make_unique<SandboxClient>(m_box->twilioBaseUrl());
        m_twilio->setBasicAuth(m_box->credentials().twilioAccountSid, m_box->credentials().twilioAuthToken);
        m_vapi = std::make_unique<SandboxClient>(m_box->vapiBaseUrl());
        m_vapi->setBearer(m_box->credentials().vapiApiKey);
    }
    QString account() const { return QStringLiteral("/2010-04-01/Accounts/") + m_box->credentials().twilioAccountSid; }
    QString firstAvailable(const QString &area)
    {
        const auto r = m_twilio->send("GET", account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json?AreaCode=%1&PageSize=1").arg(area));
        return r.json()[QLatin1String("available_phone_numbers")][0][QLatin1String("phone_number")].toString();
    }
    SandboxClient::Response buy(const QString &number, const QString &friendly = QStringLiteral("Acme [oc:run1]"))
    {
        return m_twilio->form(account() + QStringLiteral("/IncomingPhoneNumbers.json"),
                              "PhoneNumber=" + QUrl::toPercentEncoding(number) + "&FriendlyName=" + QUrl::toPercentEncoding(friendly));
    }
    SandboxClient::Response createAssistant(const QString &name)
    {
        return m_vapi->postJson(QStringLiteral("/assistant"), QJsonDocument(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("model"), QJsonObject{{QStringLiteral("provider"), QStringLiteral("openai")}, {QStringLiteral("model"), QStringLiteral("gpt-4o")}}},
            {QStringLiteral("voice"), QJsonObject{{QStringLiteral("provider"), QStringLiteral("11labs")}, {QStringLiteral("voiceId"), QStringLiteral("sarah")}}},
            {QStringLiteral("firstMessage"), QStringLiteral("Hello")},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("orgConsoleRunId"), QStringLiteral("run1")}, {QStringLiteral("role"), QStringLiteral("inbound")}}},
        }).toJson());
    }
    static void verifyTwilioError(const SandboxClient::Response &r, int status, int code)
    {
        QCOMPARE(r.status, status);
        const QJsonObject e = r.json().object();
        QCOMPARE(e.value(QLatin1String("code")).toInt(), code);
        QCOMPARE(e.value(QLatin1String("status")).toInt(), status);
        QVERIFY(!e.value(QLatin1String("message")).toString().isEmpty());
        QCOMPARE(e.value(QLatin1String("more_info")).toString(), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code));
    }

private Q_SLOTS:
    void cleanup() { m_twilio.reset(); m_vapi.reset(); m_box.reset(); }

    void searchOffersDeterministicFreeNumbers()
    {
        startSandbox();
        const QString path = account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json?AreaCode=510&VoiceEnabled=true&ExcludeAllAddressRequired=true&PageSize=5");
        const auto r = m_twilio->send("GET", path);
        QCOMPARE(r.status, 200);
        const QJsonArray numbers = r.json()[QLatin1String("available_phone_numbers")].toArray();
        QCOMPARE(numbers.size(), 5);
        const QJsonObject first = numbers.at(0).toObject();
        QCOMPARE(first.value(QLatin1String("phone_number")).toString(), QStringLiteral("+15105550100"));
        QCOMPARE(first.value(QLatin1String("friendly_name")).toString(), QStringLiteral("(510) 555-0100"));
        QCOMPARE(first.value(QLatin1String("locality")).toString(), QStringLiteral("Oakland"));
        QCOMPARE(first.value(QLatin1String("region")).toString(), QStringLiteral("CA"));
        QCOMPARE(first.value(QLatin1String("iso_country")).toString(), QStringLiteral("US"));
        QVERIFY(first.value(QLatin1String("latitude")).isDouble());
        QVERIFY(first.value(QLatin1String("capabilities"))[QLatin1String("voice")].toBool());
        QVERIFY(r.json()[QLatin1String("uri")].toString().startsWith(QLatin1String("http://127.0.0.1:")));
        QCOMPARE(m_twilio->send("GET", path).body, r.body); // deterministic

        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        QCOMPARE(firstAvailable(QStringLiteral("510")), QStringLiteral("+15105550101")); // owned: never offered

        const auto exhausted = m_twilio->send("GET", account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json?AreaCode=999"));
        QCOMPARE(exhausted.status, 200);
        QCOMPARE(exhausted.json()[QLatin1String("available_phone_numbers")].toArray().size(), 0);
    }

    void buyLookupAndReleaseANumber()
    {
        startSandbox();
        const auto bought = buy(QStringLiteral("+14155550107"));
        QCOMPARE(bought.status, 201);
        const QJsonObject n = bought.json().object();
        QVERIFY(QRegularExpression(QStringLiteral("^PN[0-9a-f]{32}$")).match(n.value(QLatin1String("sid")).toString()).hasMatch());
        QCOMPARE(n.value(QLatin1String("phone_number")).toString(), QStringLiteral("+14155550107"));
        QCOMPARE(n.value(QLatin1String("friendly_name")).toString(), QStringLiteral("Acme [oc:run1]"));
        QCOMPARE(n.value(QLatin1String("account_sid")).toString(), m_box->credentials().twilioAccountSid);
        QVERIFY(n.value(QLatin1String("date_created")).toString().endsWith(QLatin1String("+0000")));
        const QString sid = n.value(QLatin1String("sid")).toString();

        const auto found = m_twilio->send("GET", account() + QStringLiteral("/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550107"));
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json()[QLatin1String("incoming_phone_numbers")][0][QLatin1String("sid")].toString(), sid);
        const auto rawPlus = m_twilio->send("GET", account() + QStringLiteral("/IncomingPhoneNumbers.json?PhoneNumber=+14155550107"));
        QCOMPARE(rawPlus.json()[QLatin1String("incoming_phone_numbers")].toArray().size(), 0);

        QCOMPARE(m_twilio->send("DELETE", account() + QStringLiteral("/IncomingPhoneNumbers/%1.json").arg(sid)).status, 204);
        verifyTwilioError(m_twilio->send("DELETE", account() + QStringLiteral("/IncomingPhoneNumbers/%1.json").arg(sid)), 404, 20404);
        QCOMPARE(m_box->ledger().value(QLatin1String("numbers")).toArray().size(), 0);
    }

    void listsIncomingNumbersPageByPage()
    {
        startSandbox();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(buy(QStringLiteral("+1212555010%1").arg(i)).status, 201);
        auto page = m_twilio->send("GET", account() + QStringLiteral("/IncomingPhoneNumbers.json?PageSize=2"));
        QCOMPARE(page.json()[QLatin1String("incoming_phone_numbers")].toArray().size(), 2);
        const QUrl next(page.json()[QLatin1String("next_page_uri")].toString());
        QVERIFY(next.isValid());
        page = m_twilio->send("GET", next.path() + QLatin1Char('?') + next.query(QUrl::FullyEncoded));
        QCOMPARE(page.json()[QLatin1String("incoming_phone_numbers")].toArray().size(), 1);
        QCOMPARE(page.json()[QLatin1String("page")].toInt(), 1);
        QVERIFY(page.json()[QLatin1String("next_page_uri")].isNull());
    }

    void rawPlusDecodesToSpaceAndIsRejected()
    {
        startSandbox();
        const auto r = m_twilio->form(account() + QStringLiteral("/IncomingPhoneNumbers.json"), "PhoneNumber=+15105550100");
        verifyTwilioError(r, 400, 21421);
        verifyTwilioError(m_twilio->form(account() + QStringLiteral("/IncomingPhoneNumbers.json"), "PhoneNumber=15105550100"), 400, 21421);
        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201); // the same number, %2B-encoded
    }

    void secondPurchaseOfTheSameNumberIsNotAvailable()
    {
        startSandbox();
        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        verifyTwilioError(buy(QStringLiteral("+15105550100")), 400, 21422);
        verifyTwilioError(buy(QStringLiteral("+15105559999")), 400, 21422); // never offered
        QCOMPARE(m_box->ledger().value(QLatin1String("numbers")).toArray().size(), 1);
    }

    void twilioRejectsWrongOrMissingCredentials()
    {
        startSandbox();
        const QString path = account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json");
        SandboxClient anonymous(m_box->twilioBaseUrl());
        verifyTwilioError(anonymous.send("GET", path), 401, 20003);
        SandboxClient wrong(m_box->twilioBaseUrl());
        wrong.setBasicAuth(m_box->credentials().twilioAccountSid, QStringLiteral("nope"));
        verifyTwilioError(wrong.send("GET", path), 401, 20003);
    }

    void assistantLifecycle()
    {
        startSandbox();
        const auto created = createAssistant(QStringLiteral("Acme inbound"));
        QCOMPARE(created.status, 201);
        const QJsonObject a = created.json().object();
        const QString id = a.value(QLatin1String("id")).toString();
        QVERIFY(!QUuid::fromString(id).isNull());
        QVERIFY(!a.value(QLatin1String("orgId")).toString().isEmpty());
        QCOMPARE(a.value(QLatin1String("metadata"))[QLatin1String("role")].toString(), QStringLiteral("inbound"));
        QVERIFY(a.contains(QLatin1String("createdAt")) && a.contains(QLatin1String("updatedAt")));
        QCOMPARE(a.value(QLatin1String("model"))[QLatin1String("model")].toString(), QStringLiteral("gpt-4o"));

        const auto tooLong = createAssistant(QString(41, QLatin1Char('x')));
        QCOMPARE(tooLong.status, 400);
        QCOMPARE(tooLong.json()[QLatin1String("statusCode")].toInt(), 400);
        QCOMPARE(tooLong.json()[QLatin1String("error")].toString(), QStringLiteral("Bad Request"));
        QVERIFY(tooLong.json()[QLatin1String("message")].isArray());

        QCOMPARE(m_vapi->send("GET", QStringLiteral("/assistant/") + id).json()[QLatin1String("id")].toString(), id);
        const auto patched = m_vapi->send("PATCH", QStringLiteral("/assistant/") + id, R"({"firstMessage":"Hi"})", "application/json");
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json()[QLatin1String("firstMessage")].toString(), QStringLiteral("Hi"));

        const QString since = a.value(QLatin1String("createdAt")).toString();
        const auto listed = m_vapi->send("GET", QStringLiteral("/assistant?limit=10&createdAtGe=") + QString::fromLatin1(QUrl::toPercentEncoding(since)));
        QCOMPARE(listed.status, 200);
        QVERIFY(listed.json().isArray());
        QCOMPARE(listed.json().array().size(), 1);
        const auto later = m_vapi->send("GET", QStringLiteral("/assistant?createdAtGe=2999-01-01T00:00:00.000Z"));
        QCOMPARE(later.json().array().size(), 0);

        m_box->pinAssistant(id);
        const auto pinned = m_vapi->send("DELETE", QStringLiteral("/assistant/") + id);
        QCOMPARE(pinned.status, 409);
        QCOMPARE(pinned.json()[QLatin1String("error")].toString(), QStringLiteral("assistant_pinned"));
        m_box->pinAssistant(id, false);
        const auto deleted = m_vapi->send("DELETE", QStringLiteral("/assistant/") + id);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json()[QLatin1String("id")].toString(), id);
        const auto gone = m_vapi->send("GET", QStringLiteral("/assistant/") + id);
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.json()[QLatin1String("statusCode")].toInt(), 404);
        QCOMPARE(m_vapi->send("DELETE", QStringLiteral("/assistant/") + id).status, 404);
    }

    void phoneNumberRegistrationChecksTwilioSide()
    {
        startSandbox();
        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        const QString assistantId = createAssistant(QStringLiteral("Acme inbound")).json()[QLatin1String("id")].toString();
        const auto &c = m_box->credentials();
        const auto body = [&](const QString &number, const QString &token, const QString &assistant) {
            return QJsonDocument(QJsonObject{{QStringLiteral("provider"), QStringLiteral("twilio")}, {QStringLiteral("number"), number},
                                             {QStringLiteral("twilioAccountSid"), c.twilioAccountSid}, {QStringLiteral("twilioAuthToken"), token},
                                             {QStringLiteral("assistantId"), assistant}, {QStringLiteral("name"), QStringLiteral("Acme")}}).toJson();
        };
        QCOMPARE(m_vapi->postJson(QStringLiteral("/phone-number"), body(QStringLiteral("+15105550100"), QStringLiteral("bad"), assistantId)).status, 400);
        QCOMPARE(m_vapi->postJson(QStringLiteral("/phone-number"), body(QStringLiteral("+15105550101"), c.twilioAuthToken, assistantId)).status, 400);
        QCOMPARE(m_vapi->postJson(QStringLiteral("/phone-number"), body(QStringLiteral("+15105550100"), c.twilioAuthToken, QUuid::createUuid().toString(QUuid::WithoutBraces))).status, 400);
        const auto created = m_vapi->postJson(QStringLiteral("/phone-number"), body(QStringLiteral("+15105550100"), c.twilioAuthToken, assistantId));
        QCOMPARE(created.status, 201);
        const QString id = created.json()[QLatin1String("id")].toString();
        QCOMPARE(created.json()[QLatin1String("assistantId")].toString(), assistantId);
        QCOMPARE(created.json()[QLatin1String("provider")].toString(), QStringLiteral("twilio"));
        QCOMPARE(m_vapi->send("GET", QStringLiteral("/phone-number")).json().array().size(), 1);
        QVERIFY(!QJsonDocument(m_box->ledger()).toJson().contains(c.twilioAuthToken.toUtf8()));
        QCOMPARE(m_vapi->send("DELETE", QStringLiteral("/phone-number/") + id).status, 200);
        QCOMPARE(m_vapi->send("DELETE", QStringLiteral("/phone-number/") + id).status, 404);
    }

    void vapiRejectsWrongKey()
    {
        startSandbox();
        SandboxClient wrong(m_box->vapiBaseUrl());
        wrong.setBearer(QStringLiteral("nope"));
        const auto r = wrong.send("GET", QStringLiteral("/assistant"));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json()[QLatin1String("statusCode")].toInt(), 401);
        QCOMPARE(r.json()[QLatin1String("error")].toString(), QStringLiteral("Unauthorized"));
    }

    void faultSpecIsParsedWithClearErrors()
    {
        const auto ok = FaultPlan::parse(QStringLiteral("twilio.buy#2=500:20500, vapi.assistant.create=hang,vapi.phone.create#1=reset,twilio.search*3=delay:200,twilio.release#2+=malformed"));
        QVERIFY(ok.ok());
        QCOMPARE(ok->size(), 5);
        QCOMPARE(ok->at(0).vendorCode, 20500);
        QCOMPARE(ok->at(3).selector, FaultRule::Selector::NextN);
        QCOMPARE(ok->at(4).selector, FaultRule::Selector::FromNth);
        for (const char *bad : {"twilio.bye=500", "twilio.buy=teapot", "twilio.buy#0=500", "twilio.buy=200", "twilio.buy"}) {
            const auto r = FaultPlan::parse(QString::fromLatin1(bad));
            QVERIFY2(!r.ok(), bad);
            QVERIFY(r.error().message.contains(QLatin1String("fault rule")));
        }
    }

    void statusFaultAnswersWithVendorErrorAndNoEffect()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("twilio.buy#2=500:20500,vapi.assistant.create*1=503")).value();
        startSandbox(config);
        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        verifyTwilioError(buy(QStringLiteral("+15105550101")), 500, 20500);
        QCOMPARE(buy(QStringLiteral("+15105550101")).status, 201);
        const auto failed = createAssistant(QStringLiteral("a"));
        QCOMPARE(failed.status, 503);
        QCOMPARE(failed.json()[QLatin1String("statusCode")].toInt(), 503);
        QCOMPARE(createAssistant(QStringLiteral("a")).status, 201);
        const QJsonObject ledger = m_box->ledger();
        QCOMPARE(ledger.value(QLatin1String("numbers")).toArray().size(), 2);
        QCOMPARE(ledger.value(QLatin1String("assistants")).toArray().size(), 1);
        QCOMPARE(ledger.value(QLatin1String("counters"))[QLatin1String("twilio.buy")][QLatin1String("calls")].toInt(), 3);
        QCOMPARE(ledger.value(QLatin1String("counters"))[QLatin1String("twilio.buy")][QLatin1String("faults")].toInt(), 1);
    }

    void delayFaultPostponesTheAnswer()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("twilio.search#1=delay:300")).value();
        startSandbox(config);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(m_twilio->send("GET", account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json")).status, 200);
        QVERIFY(timer.elapsed() >= 300);
    }

    void hangNeverAnswersSoTheClientTimesOut()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("vapi.assistant.list=hang")).value();
        startSandbox(config);
        const auto r = m_vapi->send("GET", QStringLiteral("/assistant"), {}, {}, 500);
        QCOMPARE(r.error, QNetworkReply::OperationCanceledError);
        QCOMPARE(r.status, 0);
        QTRY_COMPARE(m_box->inFlight(), 0); // the abandoned request frees its slot
    }

    void resetAfterEffectLeavesTheEffectInTheLedger()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("twilio.buy#1=reset")).value();
        startSandbox(config);
        // A raw socket, so that nothing retries behind the test's back (see the next test).
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_box->twilioBaseUrl().port()));
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        const QByteArray body = "PhoneNumber=%2B15105550100";
        const auto &c = m_box->credentials();
        socket.write("POST " + account().toUtf8() + "/IncomingPhoneNumbers.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Authorization: Basic " + (c.twilioAccountSid + QLatin1Char(':') + c.twilioAuthToken).toUtf8().toBase64()
                     + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 10000);
        QCOMPARE(socket.readAll(), QByteArray()); // not one byte of a response
        const QJsonObject ledger = m_box->ledger();
        QCOMPARE(ledger.value(QLatin1String("numbers"))[0][QLatin1String("phoneNumber")].toString(), QStringLiteral("+15105550100"));
        const auto lookup = m_twilio->send("GET", account() + QStringLiteral("/IncomingPhoneNumbers.json?PhoneNumber=%2B15105550100"));
        QCOMPARE(lookup.json()[QLatin1String("incoming_phone_numbers")].toArray().size(), 1);
    }

    // Gotcha for the product's clients: QNetworkAccessManager silently re-sends a request (even a POST) when the
    // connection drops before any response byte. After a reset-after-effect the client then sees the retry's
    // answer: 21422 for a purchase, a second assistant for a create. The ledger exposes both.
    void qnamResendsAPostDroppedWithoutResponse()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("twilio.buy#1=reset,vapi.assistant.create#1=reset")).value();
        startSandbox(config);
        const auto r = buy(QStringLiteral("+15105550100"));
        const QJsonObject counters = m_box->ledger().value(QLatin1String("counters")).toObject();
        if (r.status == 0) {
            QCOMPARE(counters[QLatin1String("twilio.buy")][QLatin1String("calls")].toInt(), 1);
        } else {
            verifyTwilioError(r, 400, 21422);
            QCOMPARE(counters[QLatin1String("twilio.buy")][QLatin1String("calls")].toInt(), 2);
        }
        QCOMPARE(m_box->ledger().value(QLatin1String("numbers")).toArray().size(), 1);
        const auto a = createAssistant(QStringLiteral("a"));
        QCOMPARE(m_box->ledger().value(QLatin1String("assistants")).toArray().size(), a.status == 0 ? 1 : 2);
    }

    void malformedFaultSendsBrokenJsonAfterTheEffect()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("vapi.assistant.create=malformed")).value();
        startSandbox(config);
        const auto r = createAssistant(QStringLiteral("a"));
        QCOMPARE(r.status, 201);
        QJsonParseError error;
        QJsonDocument::fromJson(r.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
        QCOMPARE(m_box->ledger().value(QLatin1String("assistants")).toArray().size(), 1);
    }

    void concurrencyLimitAnswers429WithRetryAfter()
    {
        SandboxConfig config;
        config.concurrencyLimit = 1;
        config.faults = FaultPlan::parse(QStringLiteral("twilio.search#1=delay:2000")).value();
        startSandbox(config);
        QNetworkReply *slow = m_twilio->start("GET", account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json"));
        QTRY_COMPARE(m_box->inFlight(), 1);
        const auto twilio = m_twilio->send("GET", account() + QStringLiteral("/IncomingPhoneNumbers.json"));
        verifyTwilioError(twilio, 429, 20429);
        QCOMPARE(twilio.retryAfter, QByteArray("1"));
        const auto vapi = m_vapi->send("GET", QStringLiteral("/assistant"));
        QCOMPARE(vapi.status, 429);
        QCOMPARE(vapi.json()[QLatin1String("statusCode")].toInt(), 429);
        QVERIFY(!vapi.retryAfter.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), 10000);
        QCOMPARE(SandboxClient::collect(slow).status, 200);
        QCOMPARE(m_vapi->send("GET", QStringLiteral("/assistant")).status, 200);
    }

    void seedProfileDelaysScaleAndOverlap()
    {
        SandboxConfig config;
        config.profile = LatencyProfile::Seed;
        config.scale = 0.02; // buy 110 ms, assistant 150 ms, phone 70 ms, others 6 ms
        startSandbox(config);
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *assistant1 = m_vapi->start("POST", QStringLiteral("/assistant"), R"({"name":"a"})", "application/json");
        QNetworkReply *assistant2 = m_vapi->start("POST", QStringLiteral("/assistant"), R"({"name":"b"})", "application/json");
        QNetworkReply *search = m_twilio->start("GET", account() + QStringLiteral("/AvailablePhoneNumbers/US/Local.json"));
        QTRY_VERIFY(search->isFinished());
        QVERIFY(!assistant1->isFinished() && !assistant2->isFinished()); // the quick call overtook the slow ones
        QTRY_VERIFY(assistant1->isFinished() && assistant2->isFinished());
        QVERIFY(timer.elapsed() >= 150);
        QCOMPARE(SandboxClient::collect(assistant1).status, 201);
        QCOMPARE(SandboxClient::collect(assistant2).status, 201);
        QCOMPARE(SandboxClient::collect(search).status, 200);
        timer.restart();
        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        QVERIFY(timer.elapsed() >= 110);
    }

    void ledgerEndpointAndRuntimeFaults()
    {
        startSandbox();
        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        QCOMPARE(createAssistant(QStringLiteral("a")).status, 201);
        SandboxClient control(m_box->twilioBaseUrl());
        const auto ledger = control.send("GET", QStringLiteral("/__sandbox/ledger"));
        QCOMPARE(ledger.status, 200);
        QCOMPARE(ledger.json()[QLatin1String("numbers")].toArray().size(), 1);
        QCOMPARE(ledger.json()[QLatin1String("assistants")].toArray().size(), 1);
        QCOMPARE(ledger.json()[QLatin1String("counters")][QLatin1String("twilio.buy")][QLatin1String("calls")].toInt(), 1);
        QCOMPARE(control.send("POST", QStringLiteral("/__sandbox/faults"), "twilio.bye=500").status, 400);
        QCOMPARE(control.send("POST", QStringLiteral("/__sandbox/faults"), "vapi.assistant.get=500").status, 200);
        QCOMPARE(m_vapi->send("GET", QStringLiteral("/assistant/x")).status, 500);
        QCOMPARE(control.send("DELETE", QStringLiteral("/__sandbox/faults")).status, 204);
        QCOMPARE(m_vapi->send("GET", QStringLiteral("/assistant/x")).status, 404);
    }

    void smtpSinkStoresMessagesOverVerifiedStartTls();
    void smtpRefusesMailBeforeStartTls();
};

namespace {

// Reads one SMTP reply (all its continuation lines) and returns its last line.
QByteArray smtpReply(QSslSocket &socket)
{
    QByteArray last;
    const bool complete = QTest::qWaitFor([&] {
        while (socket.canReadLine()) {
            last = socket.readLine().trimmed();
            if (last.size() >= 4 && last.at(3) == ' ')
                return true;
        }
        return false;
    }, 10000);
    return complete ? last : QByteArray("(no reply)");
}

QByteArray smtpCommand(QSslSocket &socket, const QByteArray &line)
{
    socket.write(line + "\r\n");
    return smtpReply(socket);
}

} // namespace

void TstSandbox::smtpSinkStoresMessagesOverVerifiedStartTls()
{
    startSandbox();
    QSslSocket socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(m_box->caFile()));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(tls);
    QSignalSpy sslErrors(&socket, &QSslSocket::sslErrors);
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_box->smtpUrl().port()));
    QVERIFY(smtpReply(socket).startsWith("220"));
    QVERIFY(smtpCommand(socket, "EHLO client").startsWith("250"));
    QVERIFY(smtpCommand(socket, "STARTTLS").startsWith("220"));
    socket.startClientEncryption();
    QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted(), 10000);
    QCOMPARE(sslErrors.count(), 0);
    QVERIFY(smtpCommand(socket, "EHLO client").startsWith("250 AUTH"));
    const auto &c = m_box->credentials();
    QVERIFY(smtpCommand(socket, "AUTH PLAIN " + ("\0" + c.smtpUser.toUtf8() + '\0' + "wrong").toBase64()).startsWith("535"));
    QVERIFY(smtpCommand(socket, "AUTH PLAIN " + (QByteArray(1, '\0') + c.smtpUser.toUtf8() + '\0' + c.smtpPassword.toUtf8()).toBase64()).startsWith("235"));
    QVERIFY(smtpCommand(socket, "MAIL FROM:<ops@example.com>").startsWith("250"));
    QVERIFY(smtpCommand(socket, "RCPT TO:<owner@example.org>").startsWith("250"));
    QVERIFY(smtpCommand(socket, "DATA").startsWith("354"));
    QSignalSpy received(m_box.get(), &Sandbox::messageReceived);
    socket.write("Subject: Welcome\r\n\r\nHello\r\n..leading dot\r\n");
    QVERIFY(smtpCommand(socket, ".").startsWith("250"));
    QCOMPARE(received.count(), 1);
    QVERIFY(smtpCommand(socket, "QUIT").startsWith("221"));
    QCOMPARE(m_box->messages().size(), 1);
    const SmtpMessage &m = m_box->messages().first();
    QCOMPARE(m.mailFrom, QStringLiteral("ops@example.com"));
    QCOMPARE(m.rcptTo, QStringList{QStringLiteral("owner@example.org")});
    QCOMPARE(m.data, QByteArray("Subject: Welcome\r\n\r\nHello\r\n.leading dot\r\n"));
}

void TstSandbox::smtpRefusesMailBeforeStartTls()
{
    startSandbox();
    QSslSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_box->smtpUrl().port()));
    QVERIFY(smtpReply(socket).startsWith("220"));
    QVERIFY(smtpCommand(socket, "EHLO client").startsWith("250 STARTTLS"));
    QVERIFY(smtpCommand(socket, "MAIL FROM:<ops@example.com>").startsWith("530"));
    QVERIFY(smtpCommand(socket, "AUTH LOGIN").startsWith("530"));
    QVERIFY(smtpCommand(socket, "NOOP").startsWith("250"));
    QCOMPARE(m_box->messages().size(), 0);
}

QTEST_GUILESS_MAIN(TstSandbox)
#include "tst_sandbox.moc"
