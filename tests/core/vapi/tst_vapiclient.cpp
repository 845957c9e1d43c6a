#include "fakenetworkaccessmanager.h"
#include "vapi/assistantname.h"
#include "vapi/assistanttemplate.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using namespace oc;
using oc::test::FakeNetworkAccessManager;
using Response = FakeNetworkAccessManager::Response;

namespace {

VapiConfig config(int maxAttempts = 5, int pageSize = 1000)
{
    RetryPolicy::Settings s;
    s.maxAttempts = maxAttempts;
    s.timeScale = 0.001;
    return VapiConfig{QUrl(QStringLiteral("http://vapi.test")), QStringLiteral("vapi-private-key"), RetryPolicy(s), pageSize};
}

// One listed item: an id and a createdAt on 2024-01-15 at 10:00:SS.mmm UTC.
QByteArray item(const char *id, int second, int ms = 0)
{
    return QByteArray(R"({"id":")") + id + R"(","createdAt":"2024-01-15T10:00:)" + QByteArray::number(second).rightJustified(2, '0')
           + '.' + QByteArray::number(ms).rightJustified(3, '0') + R"(Z"})";
}

// A 200 list page with these items, in the order given (VAPI promises none).
Response page(const QList<QByteArray> &items)
{
    return Response::json(200, '[' + items.join(',') + ']');
}

QString at(int second)
{
    return QStringLiteral("2024-01-15T10:00:%1.000Z").arg(second, 2, 10, QLatin1Char('0'));
}

QStringList queries(const FakeNetworkAccessManager &nam)
{
    QStringList out;
    for (const auto &r : nam.requests())
        out << r.url.query(QUrl::FullyDecoded);
    return out;
}

template<class T>
QStringList sortedIds(const QList<T> &items)
{
    QStringList ids;
    for (const T &i : items)
        ids << i.id;
    ids.sort();
    return ids;
}

template<class Call>
bool waitFor(const Call &call)
{
    QSignalSpy spy(call.get(), &ApiCall::finished);
    return spy.wait(5000) && spy.count() == 1;
}

QJsonObject jsonOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

} // namespace

class tst_VapiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAssistantPostsCamelCaseJsonWithBearerAndMetadata();
    void listAssistantsSendsCreatedAtGeAndParsesThePlainArray();
    void listAssistantsAsksForVapisMaximumPage();
    void listAssistantsPagesThroughCreatedAtWindowsInAnyOrder();
    void listStopsWhenAFullPageBringsNothingNew();
    void listPhoneNumbersPagesTooAndASampleIsOneRequest();
    void anErrorOnALaterPageFailsTheList();
    void updateAssistantUsesPatch();
    void deleteTreatsAlreadyGoneAsSuccess_data();
    void deleteTreatsAlreadyGoneAsSuccess();
    void explainsAPinnedAssistant();
    void joinsArrayErrorMessages();
    void reportsANonJsonErrorBodyClearly();
    void readsAProblemDocumentFromAValidatingProxy();
    void createPhoneNumberSendsTheTwilioCredentialsAndNeverKeepsTheToken();
    void deletePhoneNumberTreats404AsGone();
    void truncatesOnlyTheOrgPartOfAssistantNames_data();
    void truncatesOnlyTheOrgPartOfAssistantNames();
    void emojiNamesFitVapisLimitAtEveryLength_data();
    void emojiNamesFitVapisLimitAtEveryLength();
    void hostileOrgNamesCannotBreakTheBody();
    void loadsATemplateFromJsonAndRejectsWrongTypes();
};

void tst_VapiClient::createAssistantPostsCamelCaseJsonWithBearerAndMetadata()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral("/assistant"),
                 Response::json(201, R"({"id":"a-1","name":"Acme inbound","createdAt":"2024-01-15T10:30:00.000Z","metadata":{"orgConsoleRunId":"run-9","role":"inbound"}})"));
    VapiClient client(nam, config());
    const QJsonObject body = AssistantTemplate().createBody(QStringLiteral("Acme"), AssistantRole::Inbound, QStringLiteral("run-9"));
    auto call = client.createAssistant(body);
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().id, QStringLiteral("a-1"));
    QCOMPARE(call->value().runId(), QStringLiteral("run-9"));
    QCOMPARE(call->value().createdAt, QDateTime(QDate(2024, 1, 15), QTime(10, 30), Qt::UTC));

    const auto &sent = nam.requests().at(0);
    QCOMPARE(sent.header("Authorization"), QByteArray("Bearer vapi-private-key"));
    QCOMPARE(sent.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject json = jsonOf(sent.body);
    QCOMPARE(json.value("name").toString(), QStringLiteral("Acme inbound"));
    QCOMPARE(json.value("metadata").toObject(),
             (QJsonObject{{"orgConsoleRunId", "run-9"}, {"role", "inbound"}}));
    QCOMPARE(json.value("model").toObject().value("provider").toString(), QStringLiteral("openai"));
    const QJsonObject system = json.value("model").toObject().value("messages").toArray().at(0).toObject();
    QCOMPARE(system.value("role").toString(), QStringLiteral("system"));
    QVERIFY(system.value("content").toString().startsWith(QLatin1String("You are the inbound voice assistant for Acme.")));
    QVERIFY(json.value("voice").toObject().contains("voiceId"));
    QVERIFY(json.value("firstMessage").toString().contains(QLatin1String("Acme")));
}

void tst_VapiClient::listAssistantsSendsCreatedAtGeAndParsesThePlainArray()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/assistant"),
                 Response::json(200, R"([{"id":"a-1","metadata":{"orgConsoleRunId":"r","role":"outbound"}},{"id":"a-2"}])"));
    VapiClient client(nam, config());
    auto call = client.listAssistants(QDateTime(QDate(2024, 1, 15), QTime(10, 0), Qt::UTC), 50);
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QCOMPARE(call->value().size(), 2);
    QCOMPARE(call->value().at(0).role(), QStringLiteral("outbound"));
    QCOMPARE(nam.requests().at(0).url.query(QUrl::FullyDecoded),
             QStringLiteral("createdAtGe=2024-01-15T10:00:00.000Z&limit=50"));
}

void tst_VapiClient::listAssistantsAsksForVapisMaximumPage()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/assistant"), page({item("a-1", 1)}));
    VapiClient client(nam, config());
    for (int sample : {0, 1000, 5000}) { // no sample, or one of a page or more: every item, a page of 1000 at a time
        auto call = client.listAssistants({}, sample);
        QVERIFY(waitFor(call));
        QVERIFY(call->ok());
        QCOMPARE(call->value().size(), 1);
    }
    QCOMPARE(queries(nam), QStringList(3, QStringLiteral("limit=1000")));
}

// Eight assistants (two created in the same millisecond), pages of three, each page shuffled: the client asks for
// the next window with createdAtLe = the oldest createdAt it saw (Le: the tie straddles pages 2 and 3) and the
// caller's lower bound, de-duplicates, and stops at the short page. Every assistant exactly once.
void tst_VapiClient::listAssistantsPagesThroughCreatedAtWindowsInAnyOrder()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/assistant"),
                 QList<Response>{page({item("a6", 5), item("a8", 7), item("a7", 6)}),
                                 page({item("a4", 4), item("a6", 5), item("a5", 4)}),
                                 page({item("a3", 3), item("a5", 4), item("a4", 4)}),
                                 page({item("a2", 2), item("a1", 1), item("a3", 3)}),
                                 page({item("a1", 1)})});
    VapiClient client(nam, config(5, 3));
    auto call = client.listAssistants(QDateTime(QDate(2024, 1, 15), QTime(10, 0), Qt::UTC));
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(call->value().size(), 8);
    QCOMPARE(sortedIds(call->value()), (QStringList{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"}));
    const QString ge = QStringLiteral("createdAtGe=2024-01-15T10:00:00.000Z");
    QCOMPARE(queries(nam), (QStringList{ge + QStringLiteral("&limit=3"),
                                        ge + QStringLiteral("&createdAtLe=%1&limit=3").arg(at(5)),
                                        ge + QStringLiteral("&createdAtLe=%1&limit=3").arg(at(4)),
                                        ge + QStringLiteral("&createdAtLe=%1&limit=3").arg(at(3)),
                                        ge + QStringLiteral("&createdAtLe=%1&limit=3").arg(at(1))}));
    QCOMPARE(call->attempts(), 5);
}

// More than a page share one createdAt: the window cannot move past them. The list stops (no endless loop) with
// what it saw — the documented limitation.
void tst_VapiClient::listStopsWhenAFullPageBringsNothingNew()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/assistant"),
                 QList<Response>{page({item("t1", 9), item("t2", 9)}), page({item("t2", 9), item("t1", 9)})});
    VapiClient client(nam, config(5, 2));
    auto call = client.listAssistants();
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QCOMPARE(sortedIds(call->value()), (QStringList{"t1", "t2"}));
    QCOMPARE(queries(nam), (QStringList{QStringLiteral("limit=2"), QStringLiteral("createdAtLe=%1&limit=2").arg(at(9))}));
}

void tst_VapiClient::listPhoneNumbersPagesTooAndASampleIsOneRequest()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/phone-number"),
                 QList<Response>{page({item("p2", 2), item("p3", 3)}), page({item("p1", 1), item("p2", 2)}), page({item("p1", 1)})});
    VapiClient client(nam, config(5, 2));
    auto call = client.listPhoneNumbers();
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(sortedIds(call->value()), (QStringList{"p1", "p2", "p3"}));
    QCOMPARE(queries(nam), (QStringList{QStringLiteral("limit=2"), QStringLiteral("createdAtLe=%1&limit=2").arg(at(2)),
                                        QStringLiteral("createdAtLe=%1&limit=2").arg(at(1))}));

    // A probe (check-config): one request of that many, even when it comes back full.
    FakeNetworkAccessManager probeNam;
    probeNam.addRoute("GET", QStringLiteral("/assistant"), page({item("a1", 1)}));
    VapiClient probeClient(probeNam, config(5, 2));
    auto probe = probeClient.listAssistants({}, 1);
    QVERIFY(waitFor(probe));
    QVERIFY(probe->ok());
    QCOMPARE(queries(probeNam), QStringList{QStringLiteral("limit=1")});
}

void tst_VapiClient::anErrorOnALaterPageFailsTheList()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("GET", QStringLiteral("/assistant"),
                 QList<Response>{page({item("a2", 2), item("a3", 3)}),
                                 Response::json(400, R"({"statusCode":400,"error":"Bad Request","message":["createdAtLe must be a valid ISO 8601 date string"]})")});
    VapiClient client(nam, config(5, 2));
    auto call = client.listAssistants();
    QVERIFY(waitFor(call));
    QVERIFY(!call->ok()); // never a partial list that looks complete
    QCOMPARE(call->error().httpStatus, 400);
    QVERIFY(call->error().message.contains(QLatin1String("createdAtLe")));
    QCOMPARE(nam.requests().size(), 2);
}

void tst_VapiClient::updateAssistantUsesPatch()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("PATCH", QStringLiteral("/assistant/a-1"), Response::json(200, R"({"id":"a-1","name":"New"})"));
    VapiClient client(nam, config());
    auto call = client.updateAssistant(QStringLiteral("a-1"), QJsonObject{{"name", "New"}});
    QVERIFY(waitFor(call));
    QVERIFY2(call->ok(), qPrintable(call->error().describe()));
    QCOMPARE(nam.requests().at(0).method, QByteArray("PATCH"));
    QCOMPARE(jsonOf(nam.requests().at(0).body), (QJsonObject{{"name", "New"}}));
}

void tst_VapiClient::deleteTreatsAlreadyGoneAsSuccess_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("ok");
    QTest::newRow("200 deleted") << 200 << true;
    QTest::newRow("404 already gone") << 404 << true;
    QTest::newRow("401 is an error") << 401 << false;
}

void tst_VapiClient::deleteTreatsAlreadyGoneAsSuccess()
{
    QFETCH(int, status);
    QFETCH(bool, ok);
    FakeNetworkAccessManager nam;
    nam.addRoute("DELETE", QStringLiteral("/assistant/a-1"),
                 Response::json(status, status == 200 ? QByteArray(R"({"id":"a-1"})")
                                                      : QByteArray(R"({"statusCode":404,"error":"Not Found","message":"Assistant not found"})")));
    VapiClient client(nam, config());
    auto call = client.deleteAssistant(QStringLiteral("a-1"));
    QVERIFY(waitFor(call));
    QCOMPARE(call->ok(), ok);
}

void tst_VapiClient::explainsAPinnedAssistant()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("DELETE", QStringLiteral("/assistant/a-1"),
                 Response::json(409, R"({"statusCode":409,"error":"Conflict","message":"Assistant is pinned"})"));
    VapiClient client(nam, config());
    auto call = client.deleteAssistant(QStringLiteral("a-1"));
    QVERIFY(waitFor(call));
    QVERIFY(!call->ok());
    QCOMPARE(call->error().kind, ApiError::Kind::Api);
    QCOMPARE(call->error().httpStatus, 409);
    QCOMPARE(call->error().vendorCode, QStringLiteral("Conflict"));
    QVERIFY2(call->error().message.contains(QLatin1String("pinned")) && call->error().message.contains(QLatin1String("unpin")),
             qPrintable(call->error().message));
    QCOMPARE(call->attempts(), 1);
}

void tst_VapiClient::joinsArrayErrorMessages()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral("/phone-number"),
                 Response::json(400, R"({"statusCode":400,"error":"Bad Request","message":["name must be shorter than or equal to 40 characters","number must be a valid phone number"]})"));
    VapiClient client(nam, config());
    auto call = client.createPhoneNumber(PhoneNumberRegistration{QStringLiteral("+1"), QStringLiteral("AC1"),
                                                                 QStringLiteral("tok"), QStringLiteral("a-1"), QStringLiteral("n")});
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().vendorCode, QStringLiteral("Bad Request"));
    QCOMPARE(call->error().message, QStringLiteral("name must be shorter than or equal to 40 characters; "
                                                   "number must be a valid phone number"));
    QVERIFY(!call->error().retryable);
    QVERIFY(!call->error().ambiguous);
}

void tst_VapiClient::reportsANonJsonErrorBodyClearly()
{
    FakeNetworkAccessManager nam;
    Response html;
    html.status = 503;
    html.body = "<html>down</html>";
    html.headers = {{"Content-Type", "text/html"}};
    nam.addRoute("GET", QStringLiteral("/phone-number"), html);
    VapiClient client(nam, config(2));
    auto call = client.listPhoneNumbers();
    QVERIFY(waitFor(call));
    QCOMPARE(call->error().kind, ApiError::Kind::Http);
    QCOMPARE(call->attempts(), 2); // a GET is retried
    QVERIFY(call->error().message.contains(QLatin1String("503")));
}

void tst_VapiClient::readsAProblemDocumentFromAValidatingProxy()
{
    // Prism (and API gateways) answer RFC 9457 problem documents, not VAPI's {statusCode, error, message}.
    FakeNetworkAccessManager nam;
    nam.addRoute("DELETE", QStringLiteral("/assistant/.*"),
                 Response::json(422, R"({"type":"https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY","title":"Invalid request","status":422,)"
                                     R"("detail":"Your request is not valid","validation":[{"location":["path","id"],"severity":"Error",)"
                                     R"("code":"format","message":"Request path parameter id must match format \"uuid\""}]})",
                                {{"Content-Type", "application/problem+json"}}));
    VapiClient client(nam, config());
    auto call = client.deleteAssistant(QStringLiteral("string"));
    QVERIFY(waitFor(call));
    QVERIFY(!call->ok());
    QCOMPARE(call->error().httpStatus, 422);
    QCOMPARE(call->error().message, QStringLiteral("VAPI (or a proxy in front of it) answered HTTP 422: Invalid request: "
                                                   "Request path parameter id must match format \"uuid\""));
}

void tst_VapiClient::createPhoneNumberSendsTheTwilioCredentialsAndNeverKeepsTheToken()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("POST", QStringLiteral("/phone-number"),
                 Response::json(201, R"({"id":"p-1","provider":"twilio","number":"+15105551234","twilioAccountSid":"AC1","twilioAuthToken":"tok","assistantId":"a-1"})"));
    VapiClient client(nam, config());
    const QString longName = QString(50, QLatin1Char('N'));
    auto call = client.createPhoneNumber(PhoneNumberRegistration{QStringLiteral("+15105551234"), QStringLiteral("AC1"),
                                                                 QStringLiteral("tok"), QStringLiteral("a-1"), longName});
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
    QCOMPARE(call->value().id, QStringLiteral("p-1"));
    QCOMPARE(call->value().assistantId, QStringLiteral("a-1"));
    const QJsonObject sent = jsonOf(nam.requests().at(0).body);
    QCOMPARE(sent, (QJsonObject{{"provider", "twilio"}, {"number", "+15105551234"}, {"twilioAccountSid", "AC1"},
                                {"twilioAuthToken", "tok"}, {"assistantId", "a-1"}, {"name", QString(40, QLatin1Char('N'))}}));
}

void tst_VapiClient::deletePhoneNumberTreats404AsGone()
{
    FakeNetworkAccessManager nam;
    nam.addRoute("DELETE", QStringLiteral("/phone-number/p-1"), Response::json(404, R"({"statusCode":404,"message":"Not Found"})"));
    VapiClient client(nam, config());
    auto call = client.deletePhoneNumber(QStringLiteral("p-1"));
    QVERIFY(waitFor(call));
    QVERIFY(call->ok());
}

void tst_VapiClient::truncatesOnlyTheOrgPartOfAssistantNames_data()
{
    QTest::addColumn<QString>("org");
    QTest::addColumn<int>("role");
    QTest::addColumn<QString>("expected");
    const int in = int(AssistantRole::Inbound);
    const int out = int(AssistantRole::Outbound);
    QTest::newRow("short") << QStringLiteral("Acme") << in << QStringLiteral("Acme inbound");
    QTest::newRow("exactly 40 with outbound") << QString(30, QLatin1Char('x')) << out
                                              << QString(30, QLatin1Char('x')) + QStringLiteral(" outbound");
    QTest::newRow("long ASCII") << QString(100, QLatin1Char('a')) << in << QString(32, QLatin1Char('a')) + QStringLiteral(" inbound");
    QTest::newRow("cut lands on a space") << QString(31, QLatin1Char('a')) + QStringLiteral(" Holdings") << in
                                          << QString(31, QLatin1Char('a')) + QStringLiteral(" inbound");
    // 32 code points but 33 UTF-16 units: a naive left(32) would split the surrogate pair.
    // VAPI counts UTF-16 units (JavaScript length): an emoji is two, so the first one no longer fits.
    QTest::newRow("emoji at the cut stays whole") << QString(31, QLatin1Char('a')) + QStringLiteral("😀😀") << in
                                                  << QString(31, QLatin1Char('a')) + QStringLiteral(" inbound");
    QTest::newRow("emoji that fits in units") << QString(30, QLatin1Char('a')) + QStringLiteral("😀😀") << in
                                              << QString(30, QLatin1Char('a')) + QStringLiteral("😀 inbound");
    QTest::newRow("ZWJ family is one grapheme") << QString(29, QLatin1Char('a')) + QStringLiteral("👨‍👩‍👧") << in
                                                << QString(29, QLatin1Char('a')) + QStringLiteral(" inbound");
    QTest::newRow("CJK") << QString(40, QChar(0x6F22)) << out << QString(31, QChar(0x6F22)) + QStringLiteral(" outbound");
    QTest::newRow("newlines collapse") << QStringLiteral("Acme\n\tCorp") << in << QStringLiteral("Acme Corp inbound");
    QTest::newRow("empty org") << QStringLiteral("  ") << in << QStringLiteral("inbound");
}

void tst_VapiClient::truncatesOnlyTheOrgPartOfAssistantNames()
{
    QFETCH(QString, org);
    QFETCH(int, role);
    QFETCH(QString, expected);
    const QString name = assistantName(org, AssistantRole(role));
    QCOMPARE(name, expected);
    QVERIFY(name.size() <= MaxVapiNameLength);
    QVERIFY(!name.isEmpty() && !name.back().isHighSurrogate());
}

void tst_VapiClient::emojiNamesFitVapisLimitAtEveryLength_data()
{
    QTest::addColumn<int>("length");
    for (int length = 30; length <= 60; ++length)
        QTest::addRow("%d units", length) << length;
}

// The engine v2 issue: "Café 🚀🚀 …" failed create_outbound_assistant with VAPI's "name must be shorter than or
// equal to 40 characters". At every org-name length from 30 to 60 UTF-16 units, both names fit, end with
// their suffix, and keep every emoji whole.
void tst_VapiClient::emojiNamesFitVapisLimitAtEveryLength()
{
    QFETCH(int, length);
    QString org = QStringLiteral("Café 🚀🚀 ");
    while (org.size() < length)
        org += (org.size() % 5 == 0) ? QStringLiteral("🚀") : QStringLiteral("x");
    org = org.left(length);
    if (org.back().isHighSurrogate())
        org.chop(1);
    for (AssistantRole role : {AssistantRole::Inbound, AssistantRole::Outbound}) {
        const QString name = assistantName(org, role);
        QVERIFY2(name.size() <= MaxVapiNameLength, qPrintable(name));
        QVERIFY(name.endsWith(QLatin1Char(' ') + assistantRoleName(role)));
        for (qsizetype i = 0; i < name.size(); ++i) {
            if (name.at(i).isHighSurrogate())
                QVERIFY(i + 1 < name.size() && name.at(i + 1).isLowSurrogate());
            if (name.at(i).isLowSurrogate())
                QVERIFY(i > 0 && name.at(i - 1).isHighSurrogate());
        }
        const QString orgPart = name.chopped(assistantRoleName(role).size() + 1);
        QVERIFY(org.simplified().startsWith(orgPart));
    }
}

void tst_VapiClient::hostileOrgNamesCannotBreakTheBody()
{
    const QString hostile = QStringLiteral("\"}, \"metadata\": {\"role\":\"x\"} <script>alert(1)</script> {role} {orgName} 😀 ")
                            + QString(10000, QLatin1Char('z'));
    const QJsonObject body = AssistantTemplate().createBody(hostile, AssistantRole::Outbound, QStringLiteral("run-1"));
    const QByteArray wire = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QJsonParseError error;
    const QJsonObject back = QJsonDocument::fromJson(wire, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(back.value("metadata").toObject(), (QJsonObject{{"orgConsoleRunId", "run-1"}, {"role", "outbound"}}));
    QVERIFY(back.value("name").toString().size() <= MaxVapiNameLength);
    QVERIFY(back.value("name").toString().endsWith(QLatin1String(" outbound")));
    const QString prompt = back.value("model").toObject().value("messages").toArray().at(0).toObject().value("content").toString();
    // Replaced once: the org's own "{role}" stays literal.
    QVERIFY(prompt.contains(QLatin1String("for \"}, \"metadata\"")));
    QVERIFY(prompt.contains(QStringLiteral("{role} {orgName} 😀")));
}

void tst_VapiClient::loadsATemplateFromJsonAndRejectsWrongTypes()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(R"({"model":"gpt-4o-mini","voiceId":"Paige","firstMessage":"Hi from {orgName}!"})");
    file.close();
    const auto loaded = AssistantTemplate::load(file.fileName());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->model, QStringLiteral("gpt-4o-mini"));
    QCOMPARE(loaded->modelProvider, QStringLiteral("openai")); // default kept
    QCOMPARE(AssistantTemplate::fromJson(loaded->toJson().isEmpty() ? QByteArray() : QJsonDocument(loaded->toJson()).toJson())->voiceId,
             QStringLiteral("Paige"));
    QCOMPARE(loaded->createBody(QStringLiteral("Acme"), AssistantRole::Inbound, QStringLiteral("r")).value("firstMessage").toString(),
             QStringLiteral("Hi from Acme!"));
    QVERIFY(!AssistantTemplate::fromJson(R"({"model":42})").ok());
    QVERIFY(!AssistantTemplate::fromJson("not json").ok());
    QVERIFY(!AssistantTemplate::load(QStringLiteral("/nonexistent/template.json")).ok());
}

QTEST_GUILESS_MAIN(tst_VapiClient)
#include "tst_vapiclient.moc"
