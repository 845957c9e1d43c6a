// orgctl serve as a child process over real HTTP, with the sandbox (served by this test's event loop) as
// the vendors, on SQLite and PostgreSQL: every endpoint, every role, the webhook's signature, bad input, the
// same organization twice at once, concurrent setups with reads answered meanwhile, and SIGTERM mid-setup.
#include "sandbox/certificateauthority.h"
#include "sandbox/sandbox.h"
#include "service/apiserver.h"
#include "store/store.h"
#include "prismserver.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>

using namespace oc;

namespace {

struct Answer {
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

const QByteArray kSecret = "webhook-secret-for-tests";

} // namespace

class TestService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<QProcess> m_serve;
    QTemporaryDir m_home;
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QHash<QString, QString> m_tokens; // role → token
    qint64 m_orgId = 0;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path());
        env.insert(QStringLiteral("ORGCONSOLE_WEBHOOK_SECRET"), QString::fromLatin1(kSecret));
        return env;
    }

    void startServer()
    {
        m_serve = std::make_unique<QProcess>();
        m_serve->setProcessEnvironment(environment());
        m_serve->start(QStringLiteral(ORGCTL), {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QByteArray out;
        QVERIFY(QTest::qWaitFor([&] {
            out += m_serve->readAllStandardOutput();
            return out.contains('\n') || m_serve->state() == QProcess::NotRunning;
        }, 20000));
        QVERIFY2(out.startsWith("listening on http://127.0.0.1:"), (out + m_serve->readAllStandardError()).constData());
        m_base = QUrl(QString::fromLatin1(out.trimmed().mid(int(qstrlen("listening on ")))));
    }

    Answer call(const QByteArray &method, const QString &path, const QString &role = {}, const QByteArray &body = {},
                const QByteArray &contentType = "application/json", QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        QNetworkRequest request(m_base.resolved(QUrl(path)));
        if (!role.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_tokens.value(role, role).toLatin1());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        Answer a;
        if (!reply->isFinished() && !done.wait(60000)) {
            reply->abort();
            reply->deleteLater();
            return a;
        }
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.json = QJsonDocument::fromJson(a.body).object();
        reply->deleteLater();
        return a;
    }

    QByteArray verifyBody(const char *area = "510") const
    {
        return QByteArray(R"({"status":"verified","countryCode":"US","areaCode":")") + area + "\"}";
    }

    int ledgerCount(const char *what) const { return int(m_sandbox->ledger().value(QLatin1String(what)).toArray().size()); }
    int calls(const char *endpoint) const { return m_sandbox->state().counter(QLatin1String(endpoint)).calls; }

    qint64 addOrganization(const QString &name)
    {
        auto store = Store::open(m_db->url());
        return store.value()->organizations().add({name, QStringLiteral("owner@%1.example").arg(name.toLower().remove(QLatin1Char(' '))),
                                                   QStringLiteral("Owner"), {}, OrgStatus::Pending, {}}).value();
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }

    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_orgId = store.value()->organizations().add({QStringLiteral("Summit Roofing"), QStringLiteral("owner@summit.example"),
                                                      QStringLiteral("Sam Summit"), {}, OrgStatus::Pending, {}}).value();
        m_tokens.clear();
        for (const char *role : {"viewer", "operator", "admin"}) {
            auto token = store.value()->tokens().create(QStringLiteral("test-%1").arg(QLatin1String(role)),
                                                        roleFromString(QLatin1String(role)).value(), QStringLiteral("tst_service"));
            QVERIFY(token.ok());
            m_tokens.insert(QLatin1String(role), token.value());
        }
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        startServer();
    }

    void cleanup()
    {
        if (m_serve) {
            m_serve->kill();
            m_serve->waitForFinished(5000);
            m_serve.reset();
        }
        m_sandbox.reset();
        m_db.reset();
    }

    void verifySetsUpOnceAndAiStatusAgrees()
    {
        const QString path = QStringLiteral("/api/organizations/%1/verify").arg(m_orgId);
        const Answer first = call("POST", path, QStringLiteral("operator"), verifyBody());
        QVERIFY2(first.status == 200, first.body.constData());
        QCOMPARE(first.json.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(first.json.value(QStringLiteral("message")).toString(), QStringLiteral("Organization verified and AI setup completed successfully"));
        const QJsonObject org = first.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("organization")).toObject();
        QCOMPARE(org.value(QStringLiteral("id")).toString(), QString::number(m_orgId));
        QCOMPARE(org.value(QStringLiteral("isVerified")).toBool(), true);
        const QJsonObject setup = first.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject();
        QVERIFY(setup.value(QStringLiteral("setupTime")).toString().endsWith(QLatin1String("ms")));
        const QString number = setup.value(QStringLiteral("data")).toObject().value(QStringLiteral("phoneNumber")).toString();
        QVERIFY2(number.startsWith(QLatin1String("+1510")), qPrintable(number));
        QCOMPARE(setup.value(QStringLiteral("data")).toObject().value(QStringLiteral("emailSent")).toBool(), true);

        // Approving again returns the existing setup and buys nothing.
        const Answer again = call("POST", path, QStringLiteral("operator"), verifyBody());
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject().value(QStringLiteral("data"))
                     .toObject().value(QStringLiteral("existing")).toBool(), true);
        QCOMPARE(calls("twilio.buy"), 1);
        QCOMPARE(ledgerCount("numbers"), 1);

        const Answer status = call("GET", QStringLiteral("/api/organizations/%1/ai-status").arg(m_orgId), QStringLiteral("viewer"));
        QCOMPARE(status.status, 200);
        const QJsonObject ai = status.json.value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("hasSetup")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("setupCompleted")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("phoneNumber")).toString(), number);
        QCOMPARE(status.json.value(QStringLiteral("organization")).toObject().value(QStringLiteral("companyName")).toString(),
                 QStringLiteral("Summit Roofing"));

        // The run, step by step.
        auto store = Store::open(m_db->url());
        const QString runId = store.value()->runs().forOrganization(m_orgId)->constLast().id;
        const Answer run = call("GET", QStringLiteral("/api/runs/%1").arg(runId), QStringLiteral("viewer"));
        QCOMPARE(run.status, 200);
        QCOMPARE(run.json.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QVERIFY(run.json.value(QStringLiteral("steps")).toArray().size() >= 6);
        QCOMPARE(call("GET", QStringLiteral("/api/runs/nope"), QStringLiteral("viewer")).status, 404);
    }

    void rolesAreEnforcedAndEveryCallIsAudited()
    {
        const QString verify = QStringLiteral("/api/organizations/%1/verify").arg(m_orgId);
        const QString setup = QStringLiteral("/api/organizations/%1/ai-setup").arg(m_orgId);
        QCOMPARE(call("GET", QStringLiteral("/api/organizations/%1/ai-status").arg(m_orgId)).status, 401);
        QCOMPARE(call("GET", QStringLiteral("/api/organizations/%1/ai-status").arg(m_orgId), QStringLiteral("oct_not-a-token")).status, 401);
        const Answer viewer = call("POST", verify, QStringLiteral("viewer"), verifyBody());
        QCOMPARE(viewer.status, 403);
        QVERIFY2(viewer.json.value(QStringLiteral("error")).toString().contains(QLatin1String("needs operator")), viewer.body.constData());
        QCOMPARE(call("POST", verify, QStringLiteral("operator"), verifyBody()).status, 200);
        QCOMPARE(call("DELETE", setup, QStringLiteral("operator")).status, 403);
        const Answer cleaned = call("DELETE", setup, QStringLiteral("admin"));
        QVERIFY2(cleaned.status == 200, cleaned.body.constData());
        const QJsonObject results = cleaned.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("cleanup")).toObject()
                                        .value(QStringLiteral("results")).toObject();
        for (const char *key : {"phoneNumberReleased", "inboundAssistantDeleted", "outboundAssistantDeleted", "vapiPhoneNumberDeleted", "configDeleted"})
            QVERIFY2(results.value(QLatin1String(key)).toBool(), key);
        QCOMPARE(ledgerCount("numbers"), 0);

        // Revoked: refused at once.
        auto store = Store::open(m_db->url());
        QVERIFY(store.value()->tokens().revoke(QStringLiteral("test-viewer")).ok());
        QCOMPARE(call("GET", QStringLiteral("/api/organizations/%1/ai-status").arg(m_orgId), QStringLiteral("viewer")).status, 401);

        AuditQuery q;
        q.action = QStringLiteral("api.request");
        q.limit = 100;
        const QList<AuditRecord> audit = store.value()->audit().list(q).value();
        QCOMPARE(audit.size(), 7);
        QStringList actors;
        for (const AuditRecord &r : audit)
            actors << r.actor;
        QVERIFY(actors.contains(QStringLiteral("api:test-operator")));
        QVERIFY(actors.contains(QStringLiteral("api:test-admin")));
        QVERIFY(actors.contains(QStringLiteral("api:anonymous")));
        // The setup itself is the token's: its run and audit name it.
        QCOMPARE(store.value()->runs().forOrganization(m_orgId)->constFirst().actor, QStringLiteral("api:test-operator"));
        // No token is ever written down.
        for (const AuditRecord &r : audit) {
            for (const QString &token : std::as_const(m_tokens))
                QVERIFY(!r.detail.contains(token));
        }
    }

    void badInputGetsTheSeedsErrorAndBuysNothing_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("says");
        const QString verify = QStringLiteral("/api/organizations/%1/verify");
        QTest::newRow("malformed JSON") << QByteArray("POST") << verify << QByteArray(R"({"status":"verified",)") << QByteArray("application/json")
                                        << 400 << QStringLiteral("malformed JSON");
        QTest::newRow("not JSON") << QByteArray("POST") << verify << QByteArray("status=verified") << QByteArray("application/x-www-form-urlencoded")
                                  << 415 << QStringLiteral("JSON");
        QTest::newRow("a 2 MiB body") << QByteArray("POST") << verify << QByteArray(2 * 1024 * 1024, 'x') << QByteArray("application/json")
                                      << 413 << QStringLiteral("64 KiB");
        QTest::newRow("bad country") << QByteArray("POST") << verify << QByteArray(R"({"status":"verified","countryCode":"USA"})")
                                     << QByteArray("application/json") << 400 << QStringLiteral("is not a country code");
        QTest::newRow("bad area code") << QByteArray("POST") << verify << QByteArray(R"({"status":"verified","countryCode":"US","areaCode":"5a0"})")
                                       << QByteArray("application/json") << 400 << QStringLiteral("is not an area code");
        QTest::newRow("bad status") << QByteArray("POST") << verify << QByteArray(R"({"status":"approved"})") << QByteArray("application/json")
                                    << 400 << QStringLiteral("status must be");
        QTest::newRow("unknown organization") << QByteArray("POST") << QStringLiteral("/api/organizations/987654/verify") << QByteArray(R"({"status":"verified"})")
                                              << QByteArray("application/json") << 404 << QStringLiteral("not found");
        QTest::newRow("not an id") << QByteArray("GET") << QStringLiteral("/api/organizations/abc/ai-status") << QByteArray() << QByteArray()
                                   << 400 << QStringLiteral("not an organization id");
        QTest::newRow("unknown endpoint") << QByteArray("GET") << QStringLiteral("/api/nothing") << QByteArray() << QByteArray() << 404
                                          << QStringLiteral("no such endpoint");
        QTest::newRow("wrong method") << QByteArray("GET") << verify << QByteArray() << QByteArray() << 405 << QStringLiteral("use POST");
    }

    void badInputGetsTheSeedsErrorAndBuysNothing()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        QFETCH(QString, says);
        const Answer a = call(method, path.contains(QLatin1String("%1")) ? path.arg(m_orgId) : path, QStringLiteral("admin"), body, contentType);
        QVERIFY2(a.status == status, a.body.left(300).constData());
        QVERIFY2(a.json.value(QStringLiteral("error")).toString().contains(says), a.body.left(300).constData());
        QCOMPARE(calls("twilio.buy"), 0);
        QCOMPARE(calls("vapi.assistant.create"), 0);
        // The service is still there.
        QCOMPARE(call("GET", QStringLiteral("/healthz")).status, 200);
    }

    void otherStatusesOnlySetTheStatus()
    {
        const Answer a = call("POST", QStringLiteral("/api/organizations/%1/verify").arg(m_orgId), QStringLiteral("operator"),
                              R"({"status":"rejected"})");
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("organization")).toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("rejected"));
        QCOMPARE(calls("twilio.buy"), 0);
        auto store = Store::open(m_db->url());
        QCOMPARE(store.value()->organizations().find(m_orgId)->status, OrgStatus::Rejected);
        // A rejected organization is not approved by the admin endpoint either.
        QCOMPARE(call("POST", QStringLiteral("/admin/organizations/%1/approve").arg(m_orgId), QStringLiteral("operator"), R"({"countryCode":"US"})").status,
                 409);
    }

    void adminApproveAndRetryAnswerLikeTheSeed()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create#1=400")).ok());
        const Answer failed = call("POST", QStringLiteral("/admin/organizations/%1/approve").arg(m_orgId), QStringLiteral("operator"),
                                   R"({"countryCode":"US","areaCode":"415"})");
        QCOMPARE(failed.status, 200);
        QCOMPARE(failed.json.value(QStringLiteral("message")).toString(), QStringLiteral("Organization approved and AI setup initiated"));
        QCOMPARE(failed.json.value(QStringLiteral("data")).toObject().value(QStringLiteral("success")).toBool(true), false);
        QCOMPARE(ledgerCount("numbers"), 0); // rolled back
        const Answer retried = call("POST", QStringLiteral("/api/organizations/%1/retry-ai-setup").arg(m_orgId), QStringLiteral("operator"),
                                    R"({"countryCode":"US","areaCode":"415"})");
        QVERIFY2(retried.status == 200, retried.body.constData());
        QCOMPARE(retried.json.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 1);
        // Retrying a complete setup is a conflict, with orgctl's words.
        const Answer again = call("POST", QStringLiteral("/api/organizations/%1/retry-ai-setup").arg(m_orgId), QStringLiteral("operator"), "{}");
        QCOMPARE(again.status, 409);
        QVERIFY(again.json.value(QStringLiteral("error")).toString().contains(QLatin1String("already set up")));
    }

    void theWebhookNeedsItsSignature()
    {
        const QByteArray body = QStringLiteral(R"({"organizationId":"%1","approvalData":{"countryCode":"US","areaCode":"510"}})").arg(m_orgId).toUtf8();
        QCOMPARE(call("POST", QStringLiteral("/webhooks/organization-approved"), {}, body).status, 401);
        QCOMPARE(call("POST", QStringLiteral("/webhooks/organization-approved"), {}, body, "application/json",
                      {{"X-OrgConsole-Signature", service::ApiServer::signature("another secret", body)}}).status, 401);
        QCOMPARE(call("POST", QStringLiteral("/webhooks/organization-approved"), {}, body, "application/json",
                      {{"X-OrgConsole-Signature", service::ApiServer::signature(kSecret, body + " ")}}).status, 401);
        QCOMPARE(calls("twilio.buy"), 0);
        const Answer ok = call("POST", QStringLiteral("/webhooks/organization-approved"), {}, body, "application/json",
                               {{"X-OrgConsole-Signature", service::ApiServer::signature(kSecret, body)}});
        QVERIFY2(ok.status == 200, ok.body.constData());
        QCOMPARE(ok.json, (QJsonObject{{QStringLiteral("success"), true}}));
        QCOMPARE(ledgerCount("numbers"), 1);
        // An unknown organization: the seed's 500 {error}.
        const QByteArray unknown = R"({"organizationId":987654,"approvalData":{}})";
        const Answer missing = call("POST", QStringLiteral("/webhooks/organization-approved"), {}, unknown, "application/json",
                                    {{"X-OrgConsole-Signature", service::ApiServer::signature(kSecret, unknown)}});
        QCOMPARE(missing.status, 500);
        QVERIFY(missing.json.contains(QStringLiteral("error")));
    }

    // Two verifies of one organization at once: one number.
    void theSameOrganizationTwiceAtOnceBuysOne()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:500")).ok());
        const QString path = QStringLiteral("/api/organizations/%1/verify").arg(m_orgId);
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 2; ++i) {
            QNetworkRequest request(m_base.resolved(QUrl(path)));
            request.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("operator")).toLatin1());
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            replies << m_nam.post(request, verifyBody());
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); }), 30000);
        QList<int> statuses;
        for (QNetworkReply *r : replies) {
            statuses << r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            r->deleteLater();
        }
        std::sort(statuses.begin(), statuses.end());
        QVERIFY2(statuses == (QList<int>{200, 409}) || statuses == (QList<int>{200, 200}), qPrintable(QString::number(statuses.last())));
        QTRY_COMPARE(m_sandbox->inFlight(), 0);
        QCOMPARE(calls("twilio.buy"), 1);
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    // Ten setups in one area code whose purchase takes a second each run together (as many at once as the
    // vendor-call limit lets); a GET answers meanwhile, long before they end.
    void tenConcurrentVerifiesAndReadsAnswerMeanwhile()
    {
        QList<qint64> orgs;
        for (int i = 0; i < 10; ++i)
            orgs << addOrganization(QStringLiteral("Concurrent %1").arg(i));
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:1000")).ok());
        QElapsedTimer clock;
        clock.start();
        QList<QNetworkReply *> replies;
        for (qint64 id : orgs) {
            QNetworkRequest request(m_base.resolved(QUrl(QStringLiteral("/api/organizations/%1/verify").arg(id))));
            request.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("operator")).toLatin1());
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            replies << m_nam.post(request, verifyBody());
        }
        // As many buying at once as the vendor-call limit (8) lets — all in one area code, each its own number.
        QTRY_VERIFY_WITH_TIMEOUT(calls("twilio.buy") >= 8, 20000);
        QList<qint64> readMs;
        int readsWhileBuying = 0;
        while (std::any_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return !r->isFinished(); }) && readMs.size() < 200) {
            QElapsedTimer one;
            one.start();
            const Answer a = call("GET", QStringLiteral("/api/organizations/%1/ai-status").arg(orgs.first()), QStringLiteral("viewer"));
            QCOMPARE(a.status, 200);
            readMs << one.elapsed();
            readsWhileBuying += std::any_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return !r->isFinished(); }) ? 1 : 0;
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); }), 60000);
        const qint64 total = clock.elapsed();
        for (QNetworkReply *r : replies) {
            QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            r->deleteLater();
        }
        QVERIFY2(readsWhileBuying > 0, "no read was answered while the setups ran");
        std::sort(readMs.begin(), readMs.end());
        qInfo("10 verifies buying for ~1 s each together in %lld ms (%d purchase attempts); %d reads answered meanwhile, median %lld ms, "
              "max %lld ms", total, calls("twilio.buy"), readsWhileBuying, readMs.value(readMs.size() / 2), readMs.isEmpty() ? 0 : readMs.last());
        QCOMPARE(ledgerCount("numbers"), 10);
    }

    // SIGTERM while a setup runs: no new connections, the setup finishes and is answered, exit 0, and
    // recover finds nothing left to do.
    void sigtermDuringASetupLetsItFinish()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:1500")).ok());
        QNetworkRequest request(m_base.resolved(QUrl(QStringLiteral("/api/organizations/%1/verify").arg(m_orgId))));
        request.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("operator")).toLatin1());
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = m_nam.post(request, verifyBody());
        QTRY_VERIFY_WITH_TIMEOUT(calls("twilio.buy") == 1, 20000);
        ::kill(pid_t(m_serve->processId()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("success")).toBool(), true);
        reply->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(m_serve->state(), QProcess::NotRunning, 20000);
        QCOMPARE(m_serve->exitStatus(), QProcess::NormalExit);
        QCOMPARE(m_serve->exitCode(), 0);
        QVERIFY(m_serve->readAllStandardError().contains("waiting for 1 running setup"));
        const test::OrgctlRun recover = test::runOrgctl(QStringLiteral(ORGCTL), {QStringLiteral("recover")}, environment());
        QCOMPARE(recover.code, 0);
        QCOMPARE(QJsonDocument::fromJson(recover.out).object().value(QStringLiteral("recovered")).toArray().size(), 0);
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    // Prefer: respond-async answers 202 with the run's location at once; its events stream live until "end";
    // /metrics counts what happened.
    void respondAsyncThenTheEventsThenTheMetrics()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:800")).ok());
        const Answer started = call("POST", QStringLiteral("/api/organizations/%1/verify").arg(m_orgId), QStringLiteral("operator"), verifyBody(),
                                    "application/json", {{"Prefer", "respond-async"}});
        QVERIFY2(started.status == 202, started.body.constData());
        const QString runId = started.json.value(QStringLiteral("runId")).toString();
        QVERIFY(!runId.isEmpty());
        QCOMPARE(started.json.value(QStringLiteral("location")).toString(), QStringLiteral("/api/runs/%1").arg(runId));
        QCOMPARE(calls("twilio.buy") <= 1, true); // answered before the setup could end
        QVERIFY(ledgerCount("numbers") == 0);

        // The stream: the journal so far, live step events, then "end" — and the connection closes.
        QNetworkRequest request(m_base.resolved(QUrl(QStringLiteral("/api/runs/%1/events").arg(runId))));
        request.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("viewer")).toLatin1());
        QNetworkReply *stream = m_nam.get(request);
        QByteArray events;
        connect(stream, &QIODevice::readyRead, this, [&] { events += stream->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 30000);
        events += stream->readAll();
        QCOMPARE(stream->header(QNetworkRequest::ContentTypeHeader).toString().startsWith(QLatin1String("text/event-stream")), true);
        stream->deleteLater();
        QVERIFY2(events.contains("event: step"), events.constData());
        QVERIFY2(events.contains("\"step\":\"buy_number\""), events.constData());
        QVERIFY2(events.contains("\"state\":\"succeeded\""), events.constData());
        QVERIFY2(events.trimmed().endsWith(QStringLiteral("{\"runId\":\"%1\",\"status\":\"succeeded\"}").arg(runId).toUtf8()), events.right(300).constData());
        QCOMPARE(ledgerCount("numbers"), 1);

        // A finished run's stream: its journal, then "end" at once.
        const Answer replay = call("GET", QStringLiteral("/api/runs/%1/events").arg(runId), QStringLiteral("viewer"));
        QCOMPARE(replay.status, 200);
        QVERIFY(replay.body.contains("event: journal"));
        QVERIFY(replay.body.contains("event: end"));
        QCOMPARE(call("GET", QStringLiteral("/api/runs/nope/events"), QStringLiteral("viewer")).status, 404);

        const Answer metrics = call("GET", QStringLiteral("/metrics"), QStringLiteral("viewer"));
        QCOMPARE(metrics.status, 200);
        QVERIFY2(metrics.body.contains("orgconsole_runs{kind=\"approve\",status=\"succeeded\"} 1"), metrics.body.constData());
        QVERIFY(metrics.body.contains("orgconsole_setup_time_seconds_count 1"));
        QVERIFY2(metrics.body.contains("endpoint=\"/2010-04-01/Accounts/{id}/IncomingPhoneNumbers.json\",status=\"201\"} 1"), metrics.body.constData());
        QVERIFY(metrics.body.contains("orgconsole_api_responses_total{status=\"202\"} 1"));
        QCOMPARE(call("GET", QStringLiteral("/metrics")).status, 401);
        // Nothing secret in the metrics.
        for (const QString &token : std::as_const(m_tokens))
            QVERIFY(!metrics.body.contains(token.toUtf8()));
        QVERIFY(!metrics.body.contains(kSecret));
    }

    // The OpenAPI document is served, and every endpoint answered through Prism in proxy mode (validating both
    // directions against it, --errors) shows no violation.
    void everyEndpointThroughPrismMatchesTheOpenApiDocument()
    {
        const Answer served = call("GET", QStringLiteral("/openapi.json"));
        QCOMPARE(served.status, 200);
        QCOMPARE(served.json.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
        QFile source(QStringLiteral(ORGCONSOLE_OPENAPI));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(source.readAll()).object(), served.json);

        QFETCH_GLOBAL(QString, engine);
        if (engine != QLatin1String("sqlite"))
            QSKIP("the contract does not depend on the engine: checked once, on SQLite");
        OC_REQUIRE_PRISM();
        test::PrismServer prism;
        QString why;
        QVERIFY2(prism.start(test::PrismServer::Mode::Proxy, QStringLiteral(ORGCONSOLE_OPENAPI), &why, m_base, true), qPrintable(why));
        const QUrl direct = m_base;
        m_base = prism.baseUrl();
        const qint64 other = addOrganization(QStringLiteral("Webhook Bakery"));
        const QByteArray hook = QStringLiteral(R"({"organizationId":"%1","approvalData":{"countryCode":"US","areaCode":"415"}})").arg(other).toUtf8();
        struct Call {
            QByteArray method;
            QString path;
            QString role;
            QByteArray body;
            int status;
            QList<std::pair<QByteArray, QByteArray>> headers;
        };
        const QString org = QString::number(m_orgId);
        const QList<Call> calls{
            {"GET", QStringLiteral("/healthz"), {}, {}, 200, {}},
            {"GET", QStringLiteral("/api/organizations/%1/ai-status").arg(org), QStringLiteral("viewer"), {}, 200, {}},
            {"POST", QStringLiteral("/api/organizations/%1/verify").arg(org), QStringLiteral("viewer"), verifyBody(), 403, {}},
            {"POST", QStringLiteral("/api/organizations/%1/verify").arg(org), QStringLiteral("operator"), verifyBody(), 200, {}},
            {"POST", QStringLiteral("/api/organizations/%1/verify").arg(org), QStringLiteral("operator"), verifyBody(), 200, {}},
            {"GET", QStringLiteral("/api/organizations/%1/ai-status").arg(org), QStringLiteral("viewer"), {}, 200, {}},
            {"POST", QStringLiteral("/api/organizations/%1/retry-ai-setup").arg(org), QStringLiteral("operator"), "{}", 409, {}},
            {"DELETE", QStringLiteral("/api/organizations/%1/ai-setup").arg(org), QStringLiteral("admin"), {}, 200, {}},
            {"POST", QStringLiteral("/admin/organizations/%1/approve").arg(org), QStringLiteral("operator"), R"({"countryCode":"US"})", 200, {}},
            {"GET", QStringLiteral("/api/organizations/987654/ai-status"), QStringLiteral("viewer"), {}, 404, {}},
            {"POST", QStringLiteral("/webhooks/organization-approved"), {}, hook, 200,
             {{"X-OrgConsole-Signature", service::ApiServer::signature(kSecret, hook)}}},
            {"POST", QStringLiteral("/webhooks/organization-approved"), {}, hook, 401, {{"X-OrgConsole-Signature", "sha256=00"}}},
            {"GET", QStringLiteral("/metrics"), QStringLiteral("viewer"), {}, 200, {}},
            {"GET", QStringLiteral("/openapi.json"), {}, {}, 200, {}},
        };
        for (const Call &c : calls) {
            QNetworkRequest request(m_base.resolved(QUrl(c.path)));
            if (!c.role.isEmpty())
                request.setRawHeader("Authorization", "Bearer " + m_tokens.value(c.role).toLatin1());
            if (!c.body.isEmpty())
                request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            for (const auto &[name, value] : c.headers)
                request.setRawHeader(name, value);
            QNetworkReply *reply = m_nam.sendCustomRequest(request, c.method, c.body);
            QSignalSpy done(reply, &QNetworkReply::finished);
            QVERIFY(reply->isFinished() || done.wait(60000));
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray violations = reply->rawHeader("sl-violations");
            const QByteArray body = reply->readAll();
            reply->deleteLater();
            const QString what = QStringLiteral("%1 %2 → %3: %4 %5").arg(QString::fromLatin1(c.method), c.path).arg(status)
                                     .arg(QString::fromUtf8(violations), QString::fromUtf8(body.left(400)));
            QVERIFY2(status == c.status, qPrintable(what + QStringLiteral("\n") + prism.log().right(2000)));
            QVERIFY2(violations.isEmpty(), qPrintable(what));
        }
        m_base = direct;
    }

    // With a certificate the service speaks HTTPS (TLS 1.2 or later), verified by a client that trusts its CA.
    void httpsWithACertificate()
    {
        QFETCH_GLOBAL(QString, engine);
        if (engine != QLatin1String("sqlite"))
            QSKIP("TLS does not depend on the engine: checked once, on SQLite");
        auto ca = sandbox::CertificateAuthority::generate();
        QVERIFY(ca.ok());
        QFile cert(m_home.filePath(QStringLiteral("server.pem"))), key(m_home.filePath(QStringLiteral("server.key")));
        QVERIFY(cert.open(QIODevice::WriteOnly) && cert.write(ca->serverCertificatePem) > 0);
        QVERIFY(key.open(QIODevice::WriteOnly) && key.write(ca->serverKeyPem) > 0);
        cert.close();
        key.close();
        QProcess tls;
        tls.setProcessEnvironment(environment());
        tls.start(QStringLiteral(ORGCTL), {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--tls-cert"),
                                           cert.fileName(), QStringLiteral("--tls-key"), key.fileName()});
        QByteArray out;
        QVERIFY(QTest::qWaitFor([&] {
            out += tls.readAllStandardOutput();
            return out.contains('\n') || tls.state() == QProcess::NotRunning;
        }, 20000));
        QVERIFY2(out.startsWith("listening on https://127.0.0.1:"), (out + tls.readAllStandardError()).constData());
        const QUrl base(QString::fromLatin1(out.trimmed().mid(int(qstrlen("listening on ")))));
        QNetworkRequest request(base.resolved(QUrl(QStringLiteral("/api/organizations/%1/ai-status").arg(m_orgId))));
        request.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("viewer")).toLatin1());
        QSslConfiguration trust = QSslConfiguration::defaultConfiguration();
        trust.setCaCertificates({QSslCertificate(ca->caCertificatePem)});
        request.setSslConfiguration(trust);
        QNetworkReply *reply = m_nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(20000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->sslConfiguration().sessionProtocol() >= QSsl::TlsV1_2);
        reply->deleteLater();
        // Without trusting the CA (a new manager: no connection to reuse), verification fails: it is never turned off.
        QNetworkAccessManager stranger;
        QNetworkReply *untrusted = stranger.get(QNetworkRequest(base.resolved(QUrl(QStringLiteral("/healthz")))));
        QSignalSpy refused(untrusted, &QNetworkReply::finished);
        QVERIFY(refused.wait(20000));
        QCOMPARE(untrusted->error(), QNetworkReply::SslHandshakeFailedError);
        untrusted->deleteLater();
        tls.terminate();
        QVERIFY(tls.waitForFinished(10000));
        QCOMPARE(tls.exitCode(), 0);
    }

    void healthNeedsNoToken()
    {
        const Answer a = call("GET", QStringLiteral("/healthz"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(QStringLiteral("database")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
