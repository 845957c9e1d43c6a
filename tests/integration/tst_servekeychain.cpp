// orgctl serve takes the webhook's secret from the keychain (what Settings → Credentials → Service stores) when
// ORGCONSOLE_WEBHOOK_SECRET is not set — against a real gnome-keyring (ctest runs this under with-keyring.sh).
#include "sandbox/sandbox.h"
#include "secrets/keychainsecretstore.h"
#include "service/apiserver.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

class TestServeKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theWebhookSecretComesFromTheKeychain()
    {
        if (qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").isEmpty()) {
            if (test::underCi())
                QFAIL("a keyring session is required under CI (tests/support/with-keyring.sh)");
            QSKIP("no D-Bus session: run through ctest (with-keyring.sh)");
        }
        const QString secret = QStringLiteral("keyring-webhook-secret-%1").arg(QCoreApplication::applicationPid());
        KeychainSecretStore keychain;
        bool written = false;
        keychain.write(QString::fromLatin1(SecretKeys::WebhookSecret), secret, [&](const SecretResult &r) {
            QVERIFY2(r.ok(), qPrintable(r.message));
            written = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(written, 20000);

        QTemporaryDir home;
        QString why;
        auto db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
        QVERIFY2(db, qPrintable(why));
        const qint64 org = Store::open(db->url()).value()->organizations()
                               .add({QStringLiteral("Keyring Bakery"), QStringLiteral("owner@keyring.example"), {}, {}, OrgStatus::Pending, {}})
                               .value();
        sandbox::Sandbox vendors;
        QVERIFY(vendors.start().ok());
        QProcessEnvironment env = test::orgctlEnvironment(vendors, db->urlText(), home.path());
        env.remove(QStringLiteral("ORGCONSOLE_WEBHOOK_SECRET"));
        QProcess serve;
        serve.setProcessEnvironment(env);
        serve.start(QStringLiteral(ORGCTL), {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QByteArray out;
        QVERIFY(QTest::qWaitFor([&] {
            out += serve.readAllStandardOutput();
            return out.contains('\n') || serve.state() == QProcess::NotRunning;
        }, 30000));
        QVERIFY2(out.startsWith("listening on "), (out + serve.readAllStandardError()).constData());
        const QUrl base(QString::fromLatin1(out.trimmed().mid(int(qstrlen("listening on ")))));

        QNetworkAccessManager nam;
        const QByteArray body = QStringLiteral(R"({"organizationId":%1,"approvalData":{"countryCode":"US","areaCode":"510"}})").arg(org).toUtf8();
        const auto post = [&](const QByteArray &key) {
            QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/webhooks/organization-approved"))));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            request.setRawHeader("X-OrgConsole-Signature", service::ApiServer::signature(key, body));
            QNetworkReply *reply = nam.post(request, body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            [&] { QVERIFY(done.wait(60000)); }();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        QCOMPARE(post("not the keyring's"), 401);
        QCOMPARE(post(secret.toUtf8()), 200);
        QCOMPARE(vendors.ledger().value(QStringLiteral("numbers")).toArray().size(), 1);
        serve.terminate();
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestServeKeychain)
#include "tst_servekeychain.moc"
