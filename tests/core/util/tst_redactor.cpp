#include "util/redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace oc;

namespace {
const QString marker = QString::fromLatin1(Redactor::Marker);
}

class tst_Redactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redactsSecretsInText_data();
    void redactsSecretsInText();
    void leavesHarmlessTextAlone_data();
    void leavesHarmlessTextAlone();
    void redactsEveryLineOfAMultiLineDump();
    void redactsSecretJsonKeysRecursively();
    void matchesJsonKeysCaseInsensitivelyButExactly();
    void usesOneListOfSecretKeyNames();
    void redactsCredentialHeadersOnly();
};

void tst_Redactor::redactsSecretsInText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("secret");

    QTest::newRow("basic header") << "Authorization: Basic QUN4eHg6c2VjcmV0dG9rZW4="
                                  << "Authorization: " + marker << "QUN4eHg6c2VjcmV0dG9rZW4=";
    QTest::newRow("bearer header") << "authorization: Bearer sk_live_abc.def-123"
                                   << "authorization: " + marker << "sk_live_abc.def-123";
    QTest::newRow("unknown scheme header") << "Authorization: Digest username=\"a\", response=\"f00\""
                                           << "Authorization: " + marker << "response";
    QTest::newRow("proxy header") << "Proxy-Authorization: Basic dTpw" << "Proxy-Authorization: " + marker
                                  << "dTpw";
    QTest::newRow("cookie header") << "Cookie: session=abc123" << "Cookie: " + marker << "abc123";
    QTest::newRow("bare bearer") << "sending Bearer eyJhbGciOi.J9x_y to vapi"
                                 << "sending Bearer " + marker + " to vapi" << "eyJhbGciOi";
    QTest::newRow("bare basic") << "auth=Basic dXNlcjpwYXNz, retry" << "auth=Basic " + marker + ", retry"
                                << "dXNlcjpwYXNz";
    QTest::newRow("url password") << "connecting to postgresql://oc:hunter2@db.local:5432/oc"
                                  << "connecting to postgresql://oc:" + marker + "@db.local:5432/oc"
                                  << "hunter2";
    QTest::newRow("smtp url password") << "smtps://mailer:p%40ss@smtp.example.com"
                                       << "smtps://mailer:" + marker + "@smtp.example.com" << "p%40ss";
    QTest::newRow("form AuthToken") << "AccountSid=AC1&AuthToken=tok123&FriendlyName=x"
                                    << "AccountSid=AC1&AuthToken=" + marker + "&FriendlyName=x" << "tok123";
    QTest::newRow("form Password") << "User=a&Password=pw9" << "User=a&Password=" + marker << "pw9";
    QTest::newRow("query password") << "/login?user=a&password=pw9 HTTP/1.1"
                                    << "/login?user=a&password=" + marker + " HTTP/1.1" << "pw9";
    QTest::newRow("query api_key") << "https://x.test/v1?api_key=k-42&page=2"
                                   << "https://x.test/v1?api_key=" + marker + "&page=2" << "k-42";
    QTest::newRow("json twilioAuthToken") << R"({"twilioAuthToken": "tw-s3cr3t", "orgName": "Acme"})"
                                          << R"({"twilioAuthToken": ")" + marker + R"(", "orgName": "Acme"})"
                                          << "tw-s3cr3t";
    QTest::newRow("json escaped quote") << R"({"password":"a\"b", "n": 1})"
                                        << R"({"password":")" + marker + R"(", "n": 1})" << "a\\\"b";
    QTest::newRow("json Authorization") << R"({"Authorization": "Basic dXNlcjpwYXNz"})"
                                        << R"({"Authorization": ")" + marker + R"("})" << "dXNlcjpwYXNz";
}

void tst_Redactor::redactsSecretsInText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QFETCH(QString, secret);

    const QString redacted = Redactor::text(input);
    QCOMPARE(redacted, expected);
    QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
}

void tst_Redactor::leavesHarmlessTextAlone_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("prose with Basic") << "Basic setup completed for Acme";
    QTest::newRow("url without password") << "GET https://api.twilio.com:443/2010-04-01/Accounts/AC1.json";
    QTest::newRow("url with user only") << "smtp://mailer@smtp.example.com:587";
    QTest::newRow("paging token is not a secret") << "PageToken=PA123&PageSize=50";
    QTest::newRow("plain json") << R"({"orgName": "Acme", "areaCode": "415"})";
}

void tst_Redactor::leavesHarmlessTextAlone()
{
    QFETCH(QString, input);
    QCOMPARE(Redactor::text(input), input);
}

void tst_Redactor::redactsEveryLineOfAMultiLineDump()
{
    const QString dump = QStringLiteral("POST /2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json HTTP/1.1\r\n"
                                        "Host: api.twilio.com\r\n"
                                        "Authorization: Basic QUMxOnRvcHNlY3JldA==\r\n"
                                        "Content-Type: application/x-www-form-urlencoded\r\n"
                                        "\r\n"
                                        "PhoneNumber=%2B14155550100&AuthToken=topsecret");
    const QString redacted = Redactor::text(dump);
    QVERIFY2(!redacted.contains(QLatin1String("topsecret")), qPrintable(redacted));
    QVERIFY2(!redacted.contains(QLatin1String("QUMxOnRvcHNlY3JldA")), qPrintable(redacted));
    QVERIFY(redacted.contains(QLatin1String("Host: api.twilio.com\r\n")));
    QVERIFY(redacted.contains(QLatin1String("Content-Type: application/x-www-form-urlencoded\r\n")));
    QVERIFY(redacted.contains(QLatin1String("PhoneNumber=%2B14155550100&")));
    QCOMPARE(redacted.count(marker), 2);
}

void tst_Redactor::redactsSecretJsonKeysRecursively()
{
    const auto input = QJsonDocument::fromJson(R"({
        "orgName": "Acme",
        "twilioAuthToken": "tw-secret",
        "nested": {"apiKey": "vapi-secret", "keep": "visible",
                   "credentials": {"user": "u", "password": "p"}},
        "list": [{"token": 42}, {"Secret": ["a", "b"]}, "plain"],
        "count": 3
    })").object();

    const QJsonObject out = Redactor::json(input).toObject();

    QCOMPARE(out.value("orgName").toString(), QStringLiteral("Acme"));
    QCOMPARE(out.value("twilioAuthToken").toString(), marker);
    QCOMPARE(out.value("count").toInt(), 3);
    const QJsonObject nested = out.value("nested").toObject();
    QCOMPARE(nested.value("apiKey").toString(), marker);
    QCOMPARE(nested.value("keep").toString(), QStringLiteral("visible"));
    // A secret key's whole value goes, even when it is an object or a number.
    QCOMPARE(nested.value("credentials").toString(), marker);
    const QJsonArray list = out.value("list").toArray();
    QCOMPARE(list.at(0).toObject().value("token").toString(), marker);
    QCOMPARE(list.at(1).toObject().value("Secret").toString(), marker);
    QCOMPARE(list.at(2).toString(), QStringLiteral("plain"));

    const QByteArray serialized = QJsonDocument(out).toJson();
    for (const char *secret : {"tw-secret", "vapi-secret", "\"p\"", "42"})
        QVERIFY2(!serialized.contains(secret), secret);
}

void tst_Redactor::matchesJsonKeysCaseInsensitivelyButExactly()
{
    const QJsonObject input{{"AuthToken", "a"}, {"SMTPPASSWORD", "b"}, {"refreshToken", "c"},
                            {"accountSid", "AC1"}, {"tokenCount", 7}, {"pageToken", "PA1"}};
    const QJsonObject out = Redactor::json(input).toObject();
    QCOMPARE(out.value("AuthToken").toString(), marker);
    QCOMPARE(out.value("SMTPPASSWORD").toString(), marker);
    QCOMPARE(out.value("refreshToken").toString(), marker);
    QCOMPARE(out.value("accountSid").toString(), QStringLiteral("AC1"));
    QCOMPARE(out.value("tokenCount").toInt(), 7);
    QCOMPARE(out.value("pageToken").toString(), QStringLiteral("PA1"));
}

void tst_Redactor::usesOneListOfSecretKeyNames()
{
    // The same list drives JSON values and form fields in text, so the two cannot drift apart.
    for (const QString &name : Redactor::secretKeyNames()) {
        QVERIFY2(Redactor::isSecretKey(name.toUpper()), qPrintable(name));
        const QJsonObject out = Redactor::json(QJsonObject{{name, "v4lue"}}).toObject();
        QCOMPARE(out.value(name).toString(), marker);
        const QString form = Redactor::text(QStringLiteral("a=1&%1=v4lue").arg(name));
        QVERIFY2(!form.contains(QLatin1String("v4lue")), qPrintable(form));
    }
}

void tst_Redactor::redactsCredentialHeadersOnly()
{
    const Redactor::HeaderList in{{"Authorization", "Basic QUMxOnNlY3JldA=="},
                                  {"proxy-authorization", "Basic eDp5"},
                                  {"COOKIE", "sid=1"},
                                  {"Set-Cookie", "sid=2; HttpOnly"},
                                  {"Content-Type", "application/json"},
                                  {"X-Twilio-Request-Id", "RQ123"}};
    const Redactor::HeaderList out = Redactor::headers(in);

    QCOMPARE(out.size(), in.size());
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(out.at(i).first, in.at(i).first);
        QCOMPARE(out.at(i).second, QByteArray(Redactor::Marker));
    }
    QCOMPARE(out.at(4), in.at(4));
    QCOMPARE(out.at(5), in.at(5));
}

QTEST_GUILESS_MAIN(tst_Redactor)
#include "tst_redactor.moc"
