// The sandbox over real HTTP/SMTP sockets, as the product's clients will see it.
#include "sandbox/sandbox.h"
#include "sandbox/smtpsession.h"
#include "sandbox/twilioemulator.h"
#include "sandbox/vapiemulator.h"
#include "sandboxclient.h"
#include "vapi/vapiclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
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

    // Sets the stored createdAt of the sandbox's items (assistants or VAPI numbers) to `base` + offsets[i] ms, so
    // that a test can make timestamps tie.
    static void restamp(QList<QJsonObject> &items, const QDateTime &base, const QList<int> &offsets)
    {
        QCOMPARE(items.size(), offsets.size());
        for (qsizetype i = 0; i < items.size(); ++i)
            items[i].insert(QStringLiteral("createdAt"), base.addMSecs(offsets.at(i)).toString(Qt::ISODateWithMs));
    }
    template<class Call>
    static bool finish(const Call &call)
    {
        QSignalSpy spy(call.get(), &ApiCall::finished);
        return call->isFinished() || spy.wait(20000);
    }
    template<class T>
    static QStringList sortedIds(const QList<T> &items)
    {
        QStringList ids;
        for (const T &i : items)
            ids << i.id;
        ids.sort();
        return ids;
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

    void vapiListsHonourLimitAndCreatedAtOnBothEndpoints()
    {
        startSandbox();
        for (int i = 0; i < 4; ++i)
            QCOMPARE(createAssistant(QStringLiteral("a%1").arg(i)).status, 201);
        const QDateTime base(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
        restamp(m_box->state().assistants(), base, {0, 1000, 2000, 3000});
        for (int i = 0; i < 3; ++i) {
            m_box->state().vapiPhoneNumbers().append(QJsonObject{{QStringLiteral("id"), QStringLiteral("p%1").arg(i)},
                                                                 {QStringLiteral("provider"), QStringLiteral("twilio")}});
        }
        restamp(m_box->state().vapiPhoneNumbers(), base, {0, 1000, 2000});
        const auto names = [](const SandboxClient::Response &r, const char *field) {
            QStringList out;
            for (const QJsonValue &v : r.json().array())
                out << v[QLatin1String(field)].toString();
            return out;
        };
        const QString t1 = QString::fromLatin1(QUrl::toPercentEncoding(base.addSecs(1).toString(Qt::ISODateWithMs)));
        const QString t2 = QString::fromLatin1(QUrl::toPercentEncoding(base.addSecs(2).toString(Qt::ISODateWithMs)));
        // The newest `limit` items of the window.
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/assistant?limit=2")), "name"), (QStringList{"a3", "a2"}));
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/assistant?limit=2&createdAtLe=") + t2), "name"), (QStringList{"a2", "a1"}));
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/assistant?createdAtLt=") + t2), "name"), (QStringList{"a1", "a0"}));
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/assistant?createdAtGt=%1&createdAtLe=%2").arg(t1, t2)), "name"), QStringList{"a2"});
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/phone-number?createdAtGe=") + t1), "id"), (QStringList{"p2", "p1"}));
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/phone-number?limit=1&createdAtLe=") + t1), "id"), QStringList{"p1"});
        QCOMPARE(names(m_vapi->send("GET", QStringLiteral("/phone-number?limit=1000")), "id"), (QStringList{"p2", "p1", "p0"}));
        // Validation as VAPI's: limit 0..1000, dates ISO 8601; a 400 with class-validator's message array.
        for (const QString &bad : {QStringLiteral("/assistant?limit=1001"), QStringLiteral("/phone-number?limit=1001"),
                                   QStringLiteral("/assistant?limit=-1"), QStringLiteral("/assistant?limit=ten"),
                                   QStringLiteral("/phone-number?createdAtGe=yesterday")}) {
            const auto r = m_vapi->send("GET", bad);
            QVERIFY2(r.status == 400, qPrintable(bad));
            QCOMPARE(r.json()[QLatin1String("error")].toString(), QStringLiteral("Bad Request"));
            QVERIFY(r.json()[QLatin1String("message")].isArray());
        }
        QCOMPARE(m_vapi->send("GET", QStringLiteral("/assistant?limit=1001")).json()[QLatin1String("message")][0].toString(),
                 QStringLiteral("limit must not be greater than 1000"));
    }

    // The engine v2 issue: with a busy account, one page missed the run's own assistants. Twelve assistants, three
    // pairs created in the same millisecond, pages of five, one assistant before the lower bound: the product's
    // client lists each of the twelve exactly once over the sandbox's real HTTP, and VAPI numbers the same way.
    void vapiClientListsEveryItemAcrossCreatedAtPages()
    {
        startSandbox();
        for (int i = 0; i < 13; ++i)
            QCOMPARE(createAssistant(QStringLiteral("a%1").arg(i)).status, 201);
        const QDateTime base(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
        restamp(m_box->state().assistants(), base, {-86400000, 0, 10, 10, 20, 30, 40, 40, 50, 60, 60, 70, 80});
        for (int i = 0; i < 7; ++i) {
            m_box->state().vapiPhoneNumbers().append(QJsonObject{{QStringLiteral("id"), QStringLiteral("p%1").arg(i)},
                                                                 {QStringLiteral("provider"), QStringLiteral("twilio")}});
        }
        restamp(m_box->state().vapiPhoneNumbers(), base, {0, 5, 5, 10, 15, 15, 20});

        QNetworkAccessManager nam;
        VapiClient client(nam, VapiConfig{m_box->vapiBaseUrl(), m_box->credentials().vapiApiKey, RetryPolicy(), 5});
        QSignalSpy served(m_box.get(), &Sandbox::requestServed);
        auto assistants = client.listAssistants(base);
        QVERIFY(finish(assistants));
        QVERIFY2(assistants->ok(), qPrintable(assistants->error().describe()));
        QCOMPARE(assistants->value().size(), 12);
        QStringList expected;
        for (int i = 1; i < 13; ++i)
            expected << m_box->state().assistants().at(i).value(QLatin1String("id")).toString();
        expected.sort();
        QCOMPARE(sortedIds(assistants->value()), expected);
        QVERIFY(assistants->attempts() >= 3); // it did page

        auto everything = client.listAssistants();
        QVERIFY(finish(everything));
        QCOMPARE(everything->value().size(), 13);

        auto phones = client.listPhoneNumbers();
        QVERIFY(finish(phones));
        QVERIFY2(phones->ok(), qPrintable(phones->error().describe()));
        QCOMPARE(sortedIds(phones->value()), (QStringList{"p0", "p1", "p2", "p3", "p4", "p5", "p6"}));
        for (const QList<QVariant> &s : served)
            QCOMPARE(s.at(1).toInt(), 200);
    }

    // More than a page in one millisecond: the client stops instead of asking for the same window forever.
    void vapiClientStopsAtMoreThanAPageOfTies()
    {
        startSandbox();
        for (int i = 0; i < 8; ++i)
            QCOMPARE(createAssistant(QStringLiteral("a%1").arg(i)).status, 201);
        restamp(m_box->state().assistants(), QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC), {0, 1, 1, 1, 1, 1, 1, 1});
        QNetworkAccessManager nam;
        VapiClient client(nam, VapiConfig{m_box->vapiBaseUrl(), m_box->credentials().vapiApiKey, RetryPolicy(), 5});
        auto call = client.listAssistants();
        QVERIFY(finish(call));
        QVERIFY(call->ok());
        QCOMPARE(call->value().size(), 5);
        QCOMPARE(m_box->state().counter(QStringLiteral("vapi.assistant.list")).calls, 2);
    }

    void echoFaultRepeatsTheCredentialsAndHasNoEffect()
    {
        SandboxConfig config;
        config.faults = FaultPlan::parse(QStringLiteral("twilio.buy#1=echo,vapi.assistant.create#1=echo,vapi.phone.create#1=echo")).value();
        startSandbox(config);
        const auto &c = m_box->credentials();
        const auto twilio = buy(QStringLiteral("+15105550100"));
        verifyTwilioError(twilio, 400, 20003);
        QCOMPARE(twilio.json()[QLatin1String("message")].toString(),
                 QStringLiteral("Authentication with twilioAuthToken %1 rejected for account %2").arg(c.twilioAuthToken, c.twilioAccountSid));
        QCOMPARE(twilio.json()[QLatin1String("detail")].toString(), c.twilioAuthToken);
        QCOMPARE(m_box->ledger().value(QLatin1String("numbers")).toArray().size(), 0);

        const auto assistant = createAssistant(QStringLiteral("Acme inbound"));
        QCOMPARE(assistant.status, 400);
        QCOMPARE(assistant.json()[QLatin1String("statusCode")].toInt(), 400);
        QCOMPARE(assistant.json()[QLatin1String("error")].toString(), QStringLiteral("Bad Request"));
        QCOMPARE(assistant.json()[QLatin1String("message")].toArray(), QJsonArray{QStringLiteral("key %1 rejected").arg(c.vapiApiKey)});
        QCOMPARE(assistant.json()[QLatin1String("detail")].toString(), c.vapiApiKey);
        QCOMPARE(m_box->ledger().value(QLatin1String("assistants")).toArray().size(), 0);

        QCOMPARE(buy(QStringLiteral("+15105550100")).status, 201);
        const QString assistantId = createAssistant(QStringLiteral("Acme inbound")).json()[QLatin1String("id")].toString();
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("provider"), QStringLiteral("twilio")},
                                                          {QStringLiteral("number"), QStringLiteral("+15105550100")},
                                                          {QStringLiteral("twilioAccountSid"), c.twilioAccountSid},
                                                          {QStringLiteral("twilioAuthToken"), c.twilioAuthToken},
                                                          {QStringLiteral("assistantId"), assistantId}}).toJson();
        const auto phone = m_vapi->postJson(QStringLiteral("/phone-number"), body);
        QCOMPARE(phone.status, 400);
        QCOMPARE(phone.json()[QLatin1String("message")].toArray(),
                 (QJsonArray{QStringLiteral("key %1 rejected").arg(c.vapiApiKey), QStringLiteral("twilioAuthToken %1 rejected").arg(c.twilioAuthToken)}));
        QCOMPARE(phone.json()[QLatin1String("received")].toArray(), (QJsonArray{c.vapiApiKey, c.twilioAuthToken}));
        QCOMPARE(m_box->ledger().value(QLatin1String("phoneNumbers")).toArray().size(), 0);
        QCOMPARE(m_vapi->postJson(QStringLiteral("/phone-number"), body).status, 201); // #1 only
        QCOMPARE(m_box->state().counter(QStringLiteral("vapi.phone.create")).faults, 1);

        // The bodies as built, for any call: Basic and Bearer credentials, whatever they are.
        sandbox::HttpCall call;
        call.headers = {{"Authorization", "Basic " + QByteArray("ACx:tok-en").toBase64()}};
        QCOMPARE(QJsonDocument::fromJson(TwilioEmulator::echoError(call).body)[QLatin1String("detail")].toString(), QStringLiteral("tok-en"));
        call.headers = {{"Authorization", "Bearer k3y"}};
        call.body = R"({"twilioAuthToken":"t0k"})";
        QCOMPARE(QJsonDocument::fromJson(VapiEmulator::echoError(QStringLiteral("vapi.assistant.create"), call).body)[QLatin1String("received")].toArray(),
                 QJsonArray{QStringLiteral("k3y")});
        QCOMPARE(QJsonDocument::fromJson(VapiEmulator::echoError(QStringLiteral("vapi.phone.create"), call).body)[QLatin1String("received")].toArray(),
                 (QJsonArray{QStringLiteral("k3y"), QStringLiteral("t0k")}));
        QCOMPARE(SmtpSession::echoReply(QStringLiteral("u"), QStringLiteral("pw-1")),
                 (QList<QByteArray>{"535-5.7.8 Authentication with password pw-1 rejected for user u", "535 5.7.8 pw-1"}));
    }

    void faultSpecIsParsedWithClearErrors()
    {
        const auto ok = FaultPlan::parse(QStringLiteral("twilio.buy#2=500:20500, vapi.assistant.create=hang,vapi.phone.create#1=reset,twilio.search*3=delay:200,twilio.release#2+=malformed"));
        QVERIFY(ok.ok());
        QCOMPARE(ok->size(), 5);
        QCOMPARE(ok->at(0).vendorCode, 20500);
        QCOMPARE(ok->at(3).selector, FaultRule::Selector::NextN);
        QCOMPARE(ok->at(4).selector, FaultRule::Selector::FromNth);
        const auto echo = FaultPlan::parse(QStringLiteral("twilio.search=echo,vapi.phone.create#2+=echo,smtp.auth#1=echo,smtp.auth*2=454"));
        QVERIFY(echo.ok());
        QCOMPARE(echo->size(), 4);
        QCOMPARE(echo->at(0).kind, FaultRule::Kind::Echo);
        QCOMPARE(echo->at(1).kind, FaultRule::Kind::Echo);
        QCOMPARE(echo->at(1).selector, FaultRule::Selector::FromNth);
        QCOMPARE(echo->at(2).endpoint, QStringLiteral("smtp.auth"));
        QCOMPARE(echo->at(2).kind, FaultRule::Kind::Echo);
        QCOMPARE(echo->at(3).kind, FaultRule::Kind::Status);
        QCOMPARE(echo->at(3).httpStatus, 454);
        // @PATH: only calls whose path contains it are counted and failed.
        auto byPath = FaultPlan::parse(QStringLiteral("vapi.assistant.update@a1b2-c3#2=400"));
        QVERIFY(byPath.ok());
        QCOMPARE(byPath->at(0).pathPart, QStringLiteral("a1b2-c3"));
        FaultPlan plan;
        plan.add(byPath.value());
        QVERIFY(!plan.take(QStringLiteral("vapi.assistant.update"), QStringLiteral("/assistant/a1b2-c3")));
        QVERIFY(!plan.take(QStringLiteral("vapi.assistant.update"), QStringLiteral("/assistant/other")));
        QVERIFY(!plan.take(QStringLiteral("vapi.assistant.get"), QStringLiteral("/assistant/a1b2-c3")));
        const auto fired = plan.take(QStringLiteral("vapi.assistant.update"), QStringLiteral("/assistant/a1b2-c3"));
        QVERIFY(fired);
        QCOMPARE(fired->httpStatus, 400);
        QVERIFY(!plan.take(QStringLiteral("vapi.assistant.update"), QStringLiteral("/assistant/a1b2-c3")));
        for (const char *bad : {"twilio.bye=500", "twilio.buy=teapot", "twilio.buy@=500", "twilio.buy@a b=500", "twilio.buy#0=500", "twilio.buy=200", "twilio.buy",
                                "twilio.buy=echo:1", "smtp.auth=malformed", "smtp.login=echo"}) {
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

    // Pricing v1: realistic local prices per country with Basic auth; an unknown country is 404/20404 like Twilio.
    void pricingAnswersKnownCountriesAndNotFoundOthers()
    {
        startSandbox();
        const auto us = m_twilio->send("GET", QStringLiteral("/v1/PhoneNumbers/Countries/US"));
        QCOMPARE(us.status, 200);
        QCOMPARE(us.json()[QLatin1String("iso_country")].toString(), QStringLiteral("US"));
        QCOMPARE(us.json()[QLatin1String("price_unit")].toString(), QStringLiteral("USD"));
        const QJsonArray prices = us.json()[QLatin1String("phone_number_prices")].toArray();
        QCOMPARE(prices.at(0)[QLatin1String("number_type")].toString(), QStringLiteral("local"));
        QCOMPARE(prices.at(0)[QLatin1String("current_price")].toDouble(), 1.15);
        QCOMPARE(m_twilio->send("GET", QStringLiteral("/v1/PhoneNumbers/Countries/DE")).json()[QLatin1String("phone_number_prices")][0]
                     [QLatin1String("current_price")].toDouble(), 1.00);
        const auto unknown = m_twilio->send("GET", QStringLiteral("/v1/PhoneNumbers/Countries/ZZ"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json()[QLatin1String("code")].toInt(), 20404);
        QCOMPARE(SandboxClient(m_box->twilioPricingBaseUrl()).send("GET", QStringLiteral("/v1/PhoneNumbers/Countries/US")).status, 401);
        QCOMPARE(m_box->addFaults(QStringLiteral("twilio.pricing=503")).ok(), true);
        QCOMPARE(m_twilio->send("GET", QStringLiteral("/v1/PhoneNumbers/Countries/US")).status, 503);
    }

    // GET /call: calls seeded through the control endpoint, listed by assistant and createdAt window, the
    // newest `limit` first; the client pages through them and sums each once.
    void callsAreSeededAndListedByAssistantAndWindow()
    {
        startSandbox();
        SandboxClient control(m_box->vapiBaseUrl());
        QJsonArray calls;
        for (int i = 0; i < 7; ++i)
            calls.append(QJsonObject{{QStringLiteral("assistantId"), QStringLiteral("a-1")}, {QStringLiteral("cost"), 0.5},
                                     {QStringLiteral("createdAt"), QStringLiteral("2026-12-0%1T10:00:00.000Z").arg(i + 1)}});
        calls.append(QJsonObject{{QStringLiteral("assistantId"), QStringLiteral("a-2")}, {QStringLiteral("createdAt"), QStringLiteral("2026-12-02T10:00:00Z")}});
        const auto seeded = control.seedCalls(calls);
        QCOMPARE(seeded.status, 200);
        QCOMPARE(seeded.json()[QLatin1String("calls")].toArray().size(), 8);
        QCOMPARE(control.seedCalls(QJsonArray{QJsonObject{{QStringLiteral("cost"), 1}}}).status, 400); // no assistantId
        const auto page = m_vapi->send("GET", QStringLiteral("/call?assistantId=a-1&createdAtGe=2026-12-02T00:00:00.000Z&createdAtLt=2026-12-07T00:00:00.000Z&limit=3"));
        QCOMPARE(page.status, 200);
        const QJsonArray items = page.json().array();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0)[QLatin1String("createdAt")].toString(), QStringLiteral("2026-12-06T10:00:00.000Z")); // the newest of the window
        QCOMPARE(items.at(0)[QLatin1String("status")].toString(), QStringLiteral("ended"));
        QVERIFY(!items.at(0)[QLatin1String("id")].toString().isEmpty());
        QCOMPARE(m_vapi->send("GET", QStringLiteral("/call?limit=5000")).status, 400);
        QCOMPARE(SandboxClient(m_box->vapiBaseUrl()).send("GET", QStringLiteral("/call")).status, 401);

        QNetworkAccessManager nam;
        VapiClient client(nam, VapiConfig{m_box->vapiBaseUrl(), m_box->credentials().vapiApiKey, RetryPolicy(), 2});
        auto listed = client.listCalls(QStringLiteral("a-1"), QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC),
                                       QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC));
        QSignalSpy done(listed.get(), &ApiCall::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(listed->ok(), qPrintable(listed->error().describe()));
        QCOMPARE(listed->value().size(), 7);
        double total = 0;
        for (const VapiCall &c : listed->value())
            total += c.cost;
        QCOMPARE(total, 3.5);
    }

    void smtpSinkStoresMessagesOverVerifiedStartTls();
    void smtpRefusesMailBeforeStartTls();
    void smtpAuthFaultsEchoThePasswordOrAnswerTheirCode();
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

// Sends one command and returns every line of its reply.
QList<QByteArray> smtpReplyLines(QSslSocket &socket, const QByteArray &line)
{
    socket.write(line + "\r\n");
    QList<QByteArray> lines;
    (void)QTest::qWaitFor([&] {
        while (socket.canReadLine()) {
            lines << socket.readLine().trimmed();
            if (lines.last().size() >= 4 && lines.last().at(3) == ' ')
                return true;
        }
        return false;
    }, 10000);
    return lines;
}

// Connects, STARTTLS with the sandbox CA verified, EHLO again: ready for AUTH.
bool smtpReadyForAuth(QSslSocket &socket, const QString &caFile, quint16 port)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(caFile));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(tls);
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!smtpReply(socket).startsWith("220") || !smtpCommand(socket, "EHLO client").startsWith("250")
        || !smtpCommand(socket, "STARTTLS").startsWith("220"))
        return false;
    socket.startClientEncryption();
    return QTest::qWaitFor([&] { return socket.isEncrypted(); }, 10000) && smtpCommand(socket, "EHLO client").startsWith("250 AUTH");
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

void TstSandbox::smtpAuthFaultsEchoThePasswordOrAnswerTheirCode()
{
    SandboxConfig config;
    config.credentials.smtpPassword = QStringLiteral("smtp-Pw-4f9c1e");
    config.faults = FaultPlan::parse(QStringLiteral("smtp.auth#1=echo,smtp.auth#2=454")).value();
    startSandbox(config);
    const auto &c = m_box->credentials();
    QSslSocket socket;
    QVERIFY(smtpReadyForAuth(socket, m_box->caFile(), quint16(m_box->smtpUrl().port())));
    const QByteArray plain = "AUTH PLAIN " + (QByteArray(1, '\0') + c.smtpUser.toUtf8() + '\0' + c.smtpPassword.toUtf8()).toBase64();
    // #1, right credentials and all: a 535 whose lines repeat the password, in prose and bare.
    const QList<QByteArray> echoed = smtpReplyLines(socket, plain);
    QCOMPARE(echoed, (QList<QByteArray>{"535-5.7.8 Authentication with password smtp-Pw-4f9c1e rejected for user sandbox",
                                        "535 5.7.8 smtp-Pw-4f9c1e"}));
    QVERIFY(smtpCommand(socket, "MAIL FROM:<ops@example.com>").startsWith("530")); // not logged in
    // #2, AUTH LOGIN this time: the rule's SMTP code.
    QVERIFY(smtpCommand(socket, "AUTH LOGIN").startsWith("334"));
    QVERIFY(smtpCommand(socket, c.smtpUser.toUtf8().toBase64()).startsWith("334"));
    QCOMPARE(smtpCommand(socket, c.smtpPassword.toUtf8().toBase64()), QByteArray("454 4.7.0 Injected fault"));
    // #3: no rule fires any more.
    QVERIFY(smtpCommand(socket, plain).startsWith("235"));
    QCOMPARE(m_box->state().counter(QStringLiteral("smtp.auth")).calls, 3);
    QCOMPARE(m_box->state().counter(QStringLiteral("smtp.auth")).faults, 2);
    QCOMPARE(m_box->ledger().value(QLatin1String("counters"))[QLatin1String("smtp.auth")][QLatin1String("faults")].toInt(), 2);
    // Runtime rules reach the sink too.
    QVERIFY(m_box->addFaults(QStringLiteral("smtp.auth=echo")).ok());
    QSslSocket second;
    QVERIFY(smtpReadyForAuth(second, m_box->caFile(), quint16(m_box->smtpUrl().port())));
    QCOMPARE(smtpReplyLines(second, plain).constLast(), QByteArray("535 5.7.8 smtp-Pw-4f9c1e"));
}

QTEST_GUILESS_MAIN(TstSandbox)
#include "tst_sandbox.moc"
