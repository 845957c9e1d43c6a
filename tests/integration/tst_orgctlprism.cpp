#include "prismserver.h"
#include "sandboxenvironment.h"
#include "store/store.h"
#include "testdatabase.h"
#include "vapi/assistanttemplate.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;
using oc::test::PrismServer;

namespace {

// The spec's AccountSid pattern is ^AC[0-9a-fA-F]{32}$.
const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QRegularExpression Uuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

QJsonObject json(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object();
}

QJsonObject path(QJsonObject o, const QStringList &keys)
{
    for (const QString &k : keys)
        o = o.value(k).toObject();
    return o;
}

} // namespace

// Every orgctl operation as a child process against Stoplight Prism mocking the vendors' official OpenAPI
// documents: each request validates (Prism answers 422 otherwise), each answer is the spec's own example, and
// each operation ends with exit code 0 and the seed's JSON. Prism keeps no state, so this proves the contract
// and the plumbing, not the bookkeeping (that is the sandbox's job: tst_orgctlprovisioning).
class tst_OrgctlPrism : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checkConfigPassesWithReadOnlyCalls();
    void approveSetsUpAndStatusAndRunsReportIt();
    void approvingTwiceBuysNothing();
    void assistantRolloutAndRollbackValidate();
    void cleanupRemovesEverythingAndReportsTheFiveResults();
    void anInterruptedApproveIsRecovered();
    void retrySetsUpAgainAfterTheRolledBackRun();
    void orphansFindsNothingAndReleasesNothing();
    void cleanupAfterRetry();
    void idsThePublishedSpecCannotTakeBackFailCleanupClearly();

private:
    test::OrgctlRun orgctl(const QStringList &args, const QProcessEnvironment &env) const
    {
        return test::runOrgctl(QStringLiteral(ORGCTL), args, env, 120000);
    }
    QProcessEnvironment environment(const QUrl &vapi) const;
    QProcessEnvironment environment() const { return environment(m_vapi.baseUrl()); }
    qint64 addOrganization(const QString &name);
    // Prism's mock is stateless: after a DELETE its GET still answers the example, so cleanup's verification
    // (rightly) reports each resource still there and keeps the configuration. The chain of scenarios goes on
    // from a clean organization: the configuration dropped, its unfinished cleanups resolved.
    void forgetSetup(qint64 organizationId);
    // Every delete was sent (and validated by Prism), and each verification found the example still there.
    void expectCleanupVerifiedAgainstAStatelessMock(const test::OrgctlRun &r);

    PrismServer m_twilio;
    PrismServer m_vapi;
    std::unique_ptr<test::TestDatabase> m_db;
    QTemporaryDir m_home;
    qint64 m_orgId = 0;
};

QProcessEnvironment tst_OrgctlPrism::environment(const QUrl &vapi) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("TWILIO_API_BASE"), m_twilio.baseUrl().toString());
    env.insert(QStringLiteral("VAPI_API_BASE"), vapi.toString());
    env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), Sid);
    env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("auth-token"));
    env.insert(QStringLiteral("VAPI_API_KEY"), QStringLiteral("vapi-key"));
    env.insert(QStringLiteral("ADMIN_EMAIL_FROM_USER"), QStringLiteral("noreply@acme.example"));
    env.insert(QStringLiteral("ORGCONSOLE_DATABASE"), m_db->urlText());
    env.insert(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS"), QStringLiteral("300")); // Prism creates nothing, late or not
    for (const char *name : {"SMTP_URL", "SMTP_USER", "SMTP_PASSWORD", "SMTP_CA_FILE", "ORGCONSOLE_CRASH_AT"})
        env.remove(QLatin1String(name));
    return env;
}

void tst_OrgctlPrism::forgetSetup(qint64 organizationId)
{
    auto store = Store::open(m_db->url());
    QVERIFY(store.ok());
    QVERIFY(store.value()->aiConfigs().removeForOrganization(organizationId).ok());
    for (const ProvisioningRun &run : store.value()->runs().forOrganization(organizationId).value()) {
        if (run.status == RunStatus::NeedsAttention)
            QVERIFY(store.value()->runs().markLeftoversResolved(run.id, QStringLiteral("test: Prism's mock keeps no state")).ok());
    }
}

void tst_OrgctlPrism::expectCleanupVerifiedAgainstAStatelessMock(const test::OrgctlRun &r)
{
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err.count("still there after the delete"), 4);
    QVERIFY2(!r.err.contains("must match") && !r.err.contains("violat"), r.err.constData()); // no request Prism refused
    const QJsonObject results = path(json(r.out), {QStringLiteral("data"), QStringLiteral("cleanup"), QStringLiteral("results")});
    for (const char *key : {"phoneNumberReleased", "inboundAssistantDeleted", "outboundAssistantDeleted", "vapiPhoneNumberDeleted",
                            "configDeleted"})
        QVERIFY2(!results.value(QLatin1String(key)).toBool(true), key);
}

qint64 tst_OrgctlPrism::addOrganization(const QString &name)
{
    auto store = Store::open(m_db->url());
    if (!store)
        return 0;
    auto id = store.value()->organizations().add({name, QStringLiteral("owner@summit.example"), QStringLiteral("Sam Summit"), {},
                                                  OrgStatus::Pending, {}});
    return id ? id.value() : 0;
}

void tst_OrgctlPrism::initTestCase()
{
    OC_REQUIRE_PRISM();
    QString why;
    const QString vapiSpec = PrismServer::vapiMockSpec(&why);
    QVERIFY2(!vapiSpec.isEmpty(), qPrintable(why));
    QVERIFY2(m_vapi.start(PrismServer::Mode::Mock, vapiSpec, &why), qPrintable(why));
    QVERIFY2(m_twilio.start(PrismServer::Mode::Mock, PrismServer::twilioSpec(), &why), qPrintable(why));
    m_db = test::TestDatabase::create(QStringLiteral("sqlite"), &why);
    QVERIFY2(m_db, qPrintable(why));
    m_orgId = addOrganization(QStringLiteral("Summit Roofing"));
    QVERIFY(m_orgId > 0);
}

void tst_OrgctlPrism::checkConfigPassesWithReadOnlyCalls()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("SMTP_URL"), QStringLiteral("smtps://127.0.0.1:1"));
    env.insert(QStringLiteral("SMTP_USER"), QStringLiteral("mailer"));
    env.insert(QStringLiteral("SMTP_PASSWORD"), QStringLiteral("secret"));
    const auto r = orgctl({QStringLiteral("check-config")}, env);
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject checks = json(r.out).value(QStringLiteral("checks")).toObject();
    for (const char *name : {"database", "twilio", "vapi", "smtp"})
        QVERIFY2(checks.value(QLatin1String(name)).toObject().value(QStringLiteral("ok")).toBool(), name);
}

void tst_OrgctlPrism::approveSetsUpAndStatusAndRunsReportIt()
{
    const auto r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"), QStringLiteral("US"),
                           QStringLiteral("--area-code"), QStringLiteral("510"), QStringLiteral("--progress")}, environment());
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = json(r.out);
    QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("message")).toString(), QStringLiteral("Organization verified and AI setup completed successfully"));
    const QJsonObject data = path(o, {QStringLiteral("data"), QStringLiteral("aiSetup"), QStringLiteral("data")});
    QVERIFY(data.value(QStringLiteral("phoneNumber")).toString().startsWith(QLatin1Char('+')));
    const QString inbound = path(data, {QStringLiteral("assistants"), QStringLiteral("inbound")}).value(QStringLiteral("id")).toString();
    QVERIFY2(Uuid.match(inbound).hasMatch(), qPrintable(inbound));
    QCOMPARE(path(o, {QStringLiteral("data"), QStringLiteral("organization")}).value(QStringLiteral("status")).toString(),
             QStringLiteral("verified"));

    const auto status = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
    QVERIFY2(status.code == 0, status.err.constData());
    const QJsonObject ai = json(status.out).value(QStringLiteral("aiSetup")).toObject();
    QCOMPARE(ai.value(QStringLiteral("setupCompleted")).toBool(), true);
    QCOMPARE(ai.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QCOMPARE(ai.value(QStringLiteral("phoneNumber")).toString(), data.value(QStringLiteral("phoneNumber")).toString());

    const auto runs = orgctl({QStringLiteral("runs"), QString::number(m_orgId)}, environment());
    QVERIFY2(runs.code == 0, runs.err.constData());
    const QJsonArray list = json(runs.out).value(QStringLiteral("runs")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
}

void tst_OrgctlPrism::approvingTwiceBuysNothing()
{
    const auto r = orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment());
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(path(json(r.out), {QStringLiteral("data"), QStringLiteral("aiSetup"), QStringLiteral("data")})
                 .value(QStringLiteral("existing")).toBool(), true);
}

// Issue 13: a rollout's GET /assistant/{id} and PATCH /assistant/{id} (the whole owned-fields body) and a rollback's,
// validated against VAPI's published spec.
void tst_OrgctlPrism::assistantRolloutAndRollbackValidate()
{
    AssistantTemplate v2;
    v2.systemPrompt = QStringLiteral("Version two for {orgName}, the {role} line.");
    v2.voiceId = QStringLiteral("Kylie");
    const QString file = m_home.filePath(QStringLiteral("v2.json"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(v2.toJson()).toJson());
    }
    QCOMPARE(orgctl({QStringLiteral("assistants"), QStringLiteral("save"), file}, environment()).code, 0);
    const auto r = orgctl({QStringLiteral("assistants"), QStringLiteral("rollout"), QStringLiteral("--version"), QStringLiteral("2")}, environment());
    QVERIFY2(r.code == 0, (r.err + r.out).constData());
    const QJsonObject answer = json(r.out);
    QCOMPARE(answer.value(QStringLiteral("succeeded")).toInt(), 1);
    QCOMPARE(answer.value(QStringLiteral("results")).toArray().first().toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("succeeded"));
    auto store = Store::open(m_db->url());
    QCOMPARE(store.value()->aiConfigs().findByOrganization(m_orgId)->assistantVersion, 2);
    const auto back = orgctl({QStringLiteral("assistants"), QStringLiteral("rollback")}, environment());
    QVERIFY2(back.code == 0, (back.err + back.out).constData());
    QCOMPARE(json(back.out).value(QStringLiteral("version")).toInteger(), 1);
    QCOMPARE(store.value()->aiConfigs().findByOrganization(m_orgId)->assistantVersion, 1);
}

void tst_OrgctlPrism::cleanupRemovesEverythingAndReportsTheFiveResults()
{
    const auto r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
    expectCleanupVerifiedAgainstAStatelessMock(r);
    const auto status = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
    QCOMPARE(status.code, 0);
    QCOMPARE(json(status.out).value(QStringLiteral("aiSetup")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("inactive")); // kept, so nothing paid is forgotten
    forgetSetup(m_orgId);
    const auto gone = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
    QCOMPARE(json(gone.out).value(QStringLiteral("aiSetup")).toObject().value(QStringLiteral("hasSetup")).toBool(true), false);
}

void tst_OrgctlPrism::anInterruptedApproveIsRecovered()
{
    // Killed once the number is bought and both assistants exist, right before the registration is sent.
    QProcessEnvironment crashing = environment();
    crashing.insert(QStringLiteral("ORGCONSOLE_CRASH_AT"), QStringLiteral("register_number:intent"));
    const auto killed = orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, crashing);
    QCOMPARE(killed.code, -1);

    const auto r = orgctl({QStringLiteral("recover")}, environment());
    QVERIFY2(r.code == 0, (r.err + r.out).constData());
    const QJsonObject o = json(r.out);
    QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
    const QJsonArray recovered = o.value(QStringLiteral("recovered")).toArray();
    QCOMPARE(recovered.size(), 1);
    // Finished, not rolled back: recovery goes forward when it can.
    QCOMPARE(recovered.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
    QCOMPARE(recovered.at(0).toObject().value(QStringLiteral("leftovers")).toArray().size(), 0);
    forgetSetup(m_orgId); // so retry has something to set up again
}

void tst_OrgctlPrism::retrySetsUpAgainAfterTheRolledBackRun()
{
    const auto r = orgctl({QStringLiteral("retry"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("415")},
                          environment());
    QVERIFY2(r.code == 0, (r.err + r.out).constData());
    QCOMPARE(json(r.out).value(QStringLiteral("success")).toBool(), true);
    const auto runs = orgctl({QStringLiteral("runs"), QString::number(m_orgId)}, environment());
    const QJsonArray list = json(runs.out).value(QStringLiteral("runs")).toArray();
    QCOMPARE(list.last().toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("retry"));
    QCOMPARE(list.last().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
}

void tst_OrgctlPrism::orphansFindsNothingAndReleasesNothing()
{
    // The specs' examples carry none of our tags: nothing is ours, so nothing may be released.
    const auto list = orgctl({QStringLiteral("orphans")}, environment());
    QVERIFY2(list.code == 0, list.err.constData());
    QCOMPARE(json(list.out).value(QStringLiteral("orphans")).toArray().size(), 0);
    const auto released = orgctl({QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")}, environment());
    QVERIFY2(released.code == 0, released.err.constData());
    QCOMPARE(json(released.out).value(QStringLiteral("orphans")).toArray().size(), 0);
}

void tst_OrgctlPrism::cleanupAfterRetry()
{
    expectCleanupVerifiedAgainstAStatelessMock(orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment()));
}

void tst_OrgctlPrism::idsThePublishedSpecCannotTakeBackFailCleanupClearly()
{
    // Against the spec as published, Prism's mock answers ids "string" that its own {id} parameters (UUIDs)
    // reject: approve works, cleanup cannot delete by those ids — and says so, keeping the record.
    PrismServer published;
    QString why;
    QVERIFY2(published.start(PrismServer::Mode::Mock, PrismServer::vapiSpec(), &why), qPrintable(why));
    const qint64 org = addOrganization(QStringLiteral("Published Spec Ltd"));
    const QProcessEnvironment env = environment(published.baseUrl());
    const auto approved = orgctl({QStringLiteral("approve"), QString::number(org)}, env);
    QVERIFY2(approved.code == 0, approved.err.constData());
    const auto r = orgctl({QStringLiteral("cleanup"), QString::number(org)}, env);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("Request path parameter id must match format") && r.err.contains("uuid"), r.err.constData());
    const QJsonObject results = path(json(r.out), {QStringLiteral("data"), QStringLiteral("cleanup"), QStringLiteral("results")});
    // The release itself is accepted, but the stateless mock still lists the number when cleanup looks again.
    QCOMPARE(results.value(QStringLiteral("phoneNumberReleased")).toBool(true), false);
    QVERIFY2(r.err.contains("release_number") && r.err.contains("still there after the delete"), r.err.constData());
    QCOMPARE(results.value(QStringLiteral("inboundAssistantDeleted")).toBool(true), false);
    QCOMPARE(results.value(QStringLiteral("configDeleted")).toBool(true), false);
    const auto status = orgctl({QStringLiteral("status"), QString::number(org)}, env);
    QCOMPARE(json(status.out).value(QStringLiteral("aiSetup")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("inactive"));
}

QTEST_GUILESS_MAIN(tst_OrgctlPrism)
#include "tst_orgctlprism.moc"
