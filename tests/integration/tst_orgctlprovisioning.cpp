#include "sandbox/sandbox.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace oc;

// orgctl approve / status / runs as a child process against the sandbox served by this test's event loop.
class TestOrgctlProvisioning : public QObject
{
    Q_OBJECT

private:
    using Run = test::OrgctlRun;

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;
    qint64 m_orgId = 0;
    QHash<QString, int> m_served; // requests the sandbox has finished (the effect applied), by endpoint

    // Until every purchase and create the sandbox received has taken effect — answered or not — so the ledger
    // is final (its in-flight count drops as soon as the client hangs up; the effect comes later).
    void waitUntilEveryCreateHasLanded()
    {
        for (const char *endpoint : {"twilio.buy", "vapi.assistant.create", "vapi.phone.create"})
            QTRY_COMPARE_WITH_TIMEOUT(m_served.value(QLatin1String(endpoint)), m_sandbox->state().counter(QLatin1String(endpoint)).calls, 10000);
    }

    QProcessEnvironment environment() const
    {
        return test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path());
    }

    Run orgctl(const QStringList &args, const QProcessEnvironment &env)
    {
        return test::runOrgctl(QStringLiteral(ORGCTL), args, env);
    }

    int ledgerCount(const char *what) const { return int(m_sandbox->ledger().value(QLatin1String(what)).toArray().size()); }

    // Runs orgctl with --progress and sends it `signal` once every step in `whenRunning` is running and the
    // sandbox has received `calls` more requests (endpoint → count) than before: a Ctrl+C in the middle of the
    // parallel phase, with the requests on their way.
    // With `twice`, a second signal follows once the undo has begun (a "compensating" event).
    Run interrupted(QStringList args, const QProcessEnvironment &env, const QStringList &whenRunning,
                    const QList<std::pair<const char *, int>> &calls, int signal = SIGINT, bool twice = false)
    {
        QHash<QString, int> before;
        for (const auto &[endpoint, n] : calls)
            before.insert(QLatin1String(endpoint), m_sandbox->state().counter(QLatin1String(endpoint)).calls);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ORGCTL), args << QStringLiteral("--progress"));
        Run r;
        QSet<QString> running;
        QByteArray pending;
        const bool reached = QTest::qWaitFor([&] {
            pending += p.readAllStandardError();
            qsizetype nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(nl);
                r.err += line + '\n';
                pending.remove(0, nl + 1);
                const QJsonObject e = QJsonDocument::fromJson(line).object();
                if (e.value(QStringLiteral("state")).toString() == QLatin1String("running"))
                    running.insert(e.value(QStringLiteral("step")).toString());
            }
            const bool received = std::all_of(calls.begin(), calls.end(), [&](const auto &c) {
                return m_sandbox->state().counter(QLatin1String(c.first)).calls - before.value(QLatin1String(c.first)) >= c.second;
            });
            return (received && std::all_of(whenRunning.begin(), whenRunning.end(), [&](const QString &s) { return running.contains(s); }))
                   || p.state() == QProcess::NotRunning;
        }, 20000);
        if (!reached || p.state() == QProcess::NotRunning) {
            qWarning() << "the steps did not all start:" << running << r.err.right(2000);
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        ::kill(pid_t(p.processId()), signal);
        QSignalSpy finished(&p, &QProcess::finished);
        if (twice) {
            const bool undoing = QTest::qWaitFor([&] {
                pending += p.readAllStandardError();
                return pending.contains("\"state\":\"compensating\"") || p.state() == QProcess::NotRunning;
            }, 20000);
            if (undoing && p.state() != QProcess::NotRunning)
                ::kill(pid_t(p.processId()), signal);
        }
        if (p.state() != QProcess::NotRunning && !finished.wait(30000)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err += pending + p.readAllStandardError();
        return r;
    }

    // Slow purchases and creates (they land when the delay ends, whether or not anyone still waits for the
    // answer) and a late-create grace that outlasts them.
    QProcessEnvironment slowVendors(int delayMs, int graceMs)
    {
        [&] { QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy=delay:%1,vapi.assistant.create=delay:%1").arg(delayMs)).ok()); }();
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS"), QString::number(graceMs));
        return env;
    }

    void verifyCanceledAndNothingLeft(const Run &r)
    {
        QVERIFY2(r.code == 130, (r.err + r.out).constData());
        QVERIFY2(r.err.contains("orgctl: canceling"), r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("success")).toBool(true), false);
        QCOMPARE(o.value(QStringLiteral("message")).toString(), QStringLiteral("Organization verified but AI setup was canceled"));
        const QJsonObject ai = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("status")).toString(), QStringLiteral("canceled"));
        QCOMPARE(ai.value(QStringLiteral("canceled")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("leftovers")).toArray().size(), 0);
        // Everything the vendors did — the purchase and both creates landed after we stopped listening — is undone.
        waitUntilEveryCreateHasLanded();
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.create")).calls, 2);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        QVERIFY(m_sandbox->state().counter(QStringLiteral("twilio.release")).calls >= 1);
        QVERIFY(m_sandbox->state().counter(QStringLiteral("vapi.assistant.delete")).calls >= 2);
        auto store = Store::open(m_db->url());
        QVERIFY(!store.value()->aiConfigs().findByOrganization(m_orgId).ok());
        auto runs = store.value()->runs().forOrganization(m_orgId);
        QCOMPARE(runs->constLast().status, RunStatus::Canceled);
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
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        m_served.clear();
        connect(m_sandbox.get(), &sandbox::Sandbox::requestServed, this, [this](const QString &endpoint, int) { ++m_served[endpoint]; });
    }
    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void checkConfigReportsWhatAGermanApprovalWouldUse()
    {
        const Run r = orgctl({QStringLiteral("check-config"), QStringLiteral("--country"), QStringLiteral("DE")}, environment());
        QVERIFY2(r.code == 0, (r.err + r.out).constData());
        const QJsonObject compliance = QJsonDocument::fromJson(r.out).object()[QLatin1String("checks")][QLatin1String("compliance")].toObject();
        QCOMPARE(compliance.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(compliance[QLatin1String("bundle")][QLatin1String("sid")].toString(), sandbox::SandboxState::kApprovedBundleDe);
        QCOMPARE(compliance[QLatin1String("address")][QLatin1String("sid")].toString(), sandbox::SandboxState::kBerlinAddress);
        QVERIFY(compliance.value(QLatin1String("detail")).toString().startsWith(QLatin1String("Germany requires an approved business bundle")));
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 0);
    }

    void approveInGermanyCarriesTheBundleAndTheAddressNamed()
    {
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"), QStringLiteral("DE"),
                              QStringLiteral("--area-code"), QStringLiteral("+4930"), QStringLiteral("--bundle"),
                              sandbox::SandboxState::kApprovedBundleDe, QStringLiteral("--address"), sandbox::SandboxState::kBerlinAddress},
                             environment());
        QVERIFY2(r.code == 0, (r.err + r.out).constData());
        const QJsonObject bought = m_sandbox->ledger().value(QLatin1String("numbers")).toArray().at(0).toObject();
        QVERIFY(bought.value(QLatin1String("phoneNumber")).toString().startsWith(QLatin1String("+4930")));
        QCOMPARE(bought.value(QLatin1String("bundleSid")).toString(), sandbox::SandboxState::kApprovedBundleDe);
        QCOMPARE(bought.value(QLatin1String("addressSid")).toString(), sandbox::SandboxState::kBerlinAddress);
    }

    // A queued approval carries the bundle and address it was queued with to the worker that sets it up: here a
    // bundle still in review, so the worker's run fails with Twilio's 21649 — the country's default (the approved
    // bundle) would have succeeded.
    void aQueuedApprovalCarriesItsBundleToTheWorker()
    {
        const Run queued = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"), QStringLiteral("DE"),
                                   QStringLiteral("--area-code"), QStringLiteral("+4930"), QStringLiteral("--bundle"),
                                   sandbox::SandboxState::kPendingBundleDe, QStringLiteral("--address"), sandbox::SandboxState::kBerlinAddress,
                                   QStringLiteral("--queue"), QStringLiteral("--json")}, environment());
        QVERIFY2(queued.code == 0, (queued.err + queued.out).constData());
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        auto runs = store.value()->runs().forOrganization(m_orgId);
        QVERIFY(runs.ok());
        QCOMPARE(runs->size(), 1);
        const QString runId = runs->first().id;
        QCOMPARE(runs->first().status, RunStatus::Queued);
        QCOMPARE(runs->first().params.value(QLatin1String("bundleSid")).toString(), sandbox::SandboxState::kPendingBundleDe);

        QProcess worker;
        worker.setProcessEnvironment(environment());
        worker.start(QStringLiteral(ORGCTL), {QStringLiteral("worker"), QStringLiteral("--concurrency"), QStringLiteral("1")});
        QVERIFY(worker.waitForStarted());
        const auto ended = [&] {
            auto run = store.value()->runs().find(runId);
            return run.ok() && run->status != RunStatus::Queued && run->status != RunStatus::Running && run->status != RunStatus::Compensating;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ended(), 30000);
        QSignalSpy finished(&worker, &QProcess::finished);
        ::kill(pid_t(worker.processId()), SIGTERM);
        QVERIFY(finished.wait(20000)); // the event loop turns: the sandbox in this process answers the worker
        QCOMPARE(worker.exitCode(), 0);
        const auto run = store.value()->runs().find(runId);
        QVERIFY2(run->error.contains(QLatin1String("21649")) || run->error.contains(sandbox::SandboxState::kPendingBundleDe),
                 qPrintable(run->error));
        QCOMPARE(ledgerCount("numbers"), 0);
        QVERIFY(!store.value()->aiConfigs().findByOrganization(m_orgId).ok() || !store.value()->aiConfigs().findByOrganization(m_orgId)->setupCompleted);
    }

    void approveRefusesAMalformedBundleSidBeforeAnything()
    {
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"), QStringLiteral("DE"),
                              QStringLiteral("--bundle"), QStringLiteral("BU-nope")}, environment());
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("is not a bundle sid"), r.err.constData());
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.regulations")).calls, 0);
        QCOMPARE(ledgerCount("numbers"), 0);
    }

    void approvePrintsTheSeedShapeAndStatusAgrees()
    {
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--country"), QStringLiteral("US"),
                              QStringLiteral("--area-code"), QStringLiteral("415")}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
        const QJsonObject data = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
                                     .value(QStringLiteral("data")).toObject();
        const QString number = data.value(QStringLiteral("phoneNumber")).toString();
        QVERIFY(number.startsWith(QLatin1String("+1415")));
        QCOMPARE(data.value(QStringLiteral("emailSent")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        QCOMPARE(m_sandbox->messages().size(), 1);
        QCOMPARE(m_sandbox->messages().first().rcptTo, QStringList{QStringLiteral("owner@summit.example")});

        const Run status = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
        QCOMPARE(status.code, 0);
        const QJsonObject s = QJsonDocument::fromJson(status.out).object();
        QCOMPARE(s.value(QStringLiteral("organization")).toObject().value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        const QJsonObject ai = s.value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("hasSetup")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("setupCompleted")).toBool(), true);
        QCOMPARE(ai.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(ai.value(QStringLiteral("phoneNumber")).toString(), number);
        QCOMPARE(ai.value(QStringLiteral("lastRun")).toObject().value(QStringLiteral("steps")).toArray().size(), 7);

        const Run runs = orgctl({QStringLiteral("runs"), QString::number(m_orgId)}, environment());
        QCOMPARE(runs.code, 0);
        QCOMPARE(QJsonDocument::fromJson(runs.out).object().value(QStringLiteral("runs")).toArray().size(), 1);
    }

    void progressStreamsOneJsonLinePerStepEvent()
    {
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510"),
                              QStringLiteral("--progress")}, environment());
        QCOMPARE(r.code, 0);
        QSet<QString> succeeded;
        for (const QByteArray &line : r.err.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonObject e = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QVERIFY(!e.value(QStringLiteral("at")).toString().isEmpty());
            if (e.value(QStringLiteral("state")).toString() == QLatin1String("succeeded"))
                succeeded.insert(e.value(QStringLiteral("step")).toString());
        }
        QCOMPARE(succeeded.size(), 9); // the seven steps of the seed, and the two duplicate checks after the pivot
    }

    void missingCredentialsFailWithTheSeedsMessageAndBuyNothing()
    {
        QProcessEnvironment env = environment();
        env.remove(QStringLiteral("VAPI_API_KEY"));
        const Run r = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")}, env);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, QByteArray("orgctl: VAPI_API_KEY environment variable is required\n"));
        env = environment();
        env.remove(QStringLiteral("TWILIO_AUTH_TOKEN"));
        const Run t = orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, env);
        QCOMPARE(t.err, QByteArray("orgctl: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN environment variables are required\n"));
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.search")).calls, 0);
    }

    void cleanupRemovesEverythingAndReportsTheFiveResults()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("message")).toString(), QStringLiteral("AI setup cleanup completed successfully"));
        const QJsonObject results = o.value(QStringLiteral("data")).toObject().value(QStringLiteral("cleanup")).toObject()
                                        .value(QStringLiteral("results")).toObject();
        for (const char *key : {"phoneNumberReleased", "inboundAssistantDeleted", "outboundAssistantDeleted",
                                "vapiPhoneNumberDeleted", "configDeleted"})
            QVERIFY2(results.value(QLatin1String(key)).toBool(), key);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        const Run status = orgctl({QStringLiteral("status"), QString::number(m_orgId)}, environment());
        QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("aiSetup")).toObject()
                     .value(QStringLiteral("hasSetup")).toBool(true), false);
        // And a second approve sets it up again from scratch.
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    void cleanupThatCannotReleaseKeepsTheRecordOfTheNumber()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.release=400:20003")).ok());
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QCOMPARE(r.code, 1);
        const QJsonObject results = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                        .value(QStringLiteral("cleanup")).toObject().value(QStringLiteral("results")).toObject();
        QCOMPARE(results.value(QStringLiteral("phoneNumberReleased")).toBool(true), false);
        QCOMPARE(results.value(QStringLiteral("inboundAssistantDeleted")).toBool(), true);
        QCOMPARE(results.value(QStringLiteral("configDeleted")).toBool(true), false);
        QCOMPARE(ledgerCount("numbers"), 1);
        auto store = Store::open(m_db->url());
        auto config = store.value()->aiConfigs().findByOrganization(m_orgId);
        QVERIFY(config.ok());
        QCOMPARE(config->status, AiConfigStatus::Inactive);
        QVERIFY(config->phoneNumberSid.startsWith(QLatin1String("PN")));
    }

    void retryAfterAFailureSetsUpAgainWithANewAreaCode()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("999")},
                        environment()).code, 1);
        const Run r = orgctl({QStringLiteral("retry"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("415")},
                             environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject data = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                     .value(QStringLiteral("aiSetup")).toObject().value(QStringLiteral("data")).toObject();
        QVERIFY(data.value(QStringLiteral("phoneNumber")).toString().startsWith(QLatin1String("+1415")));
        const Run runs = orgctl({QStringLiteral("runs"), QString::number(m_orgId)}, environment());
        const QJsonArray list = QJsonDocument::fromJson(runs.out).object().value(QStringLiteral("runs")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("retry"));
        // A complete setup is not retried.
        const Run again = orgctl({QStringLiteral("retry"), QString::number(m_orgId)}, environment());
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains("already set up"), again.err.constData());
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    // The engine v2 issue's second race, as processes: a run needs attention with its number left; `orgctl retry`
    // takes the number over while `orgctl orphans --release --yes` (another console) runs, started at several
    // moments of the retry. The retry holds the organization's one live run from before it looks, and the
    // release holds it before it deletes: whichever comes first goes on, the other leaves the number alone.
    // Either way the configuration and the vendors agree: nothing saved points at a released resource, nothing
    // live is left unreferenced.
    void anOrphanReleaseDuringARetryNeverReleasesWhatTheRetryTakesOver_data()
    {
        // When the release starts: a moment of the retry, recognized by what has reached the sandbox or the store.
        QTest::addColumn<QString>("releaseWhen");
        for (const char *when : {"as the retry starts", "once the retry holds its run", "once the retry has looked the number up",
                                 "once the assistants are being created", "once the registration is sent",
                                 "before the retry, holding the organization"})
            QTest::newRow(when) << QString::fromLatin1(when);
    }

    void anOrphanReleaseDuringARetryNeverReleasesWhatTheRetryTakesOver()
    {
        QFETCH(QString, releaseWhen);
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                        environment()).code, 1);
        QCOMPARE(ledgerCount("numbers"), 1);
        m_sandbox->clearFaults();
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create=delay:800")).ok()); // the retry is mid-run a while

        QProcess retry, release;
        retry.setProcessEnvironment(environment());
        release.setProcessEnvironment(environment());
        const auto startRetry = [&] { retry.start(QStringLiteral(ORGCTL), {QStringLiteral("retry"), QString::number(m_orgId)}); };
        const auto startRelease = [&] {
            release.start(QStringLiteral(ORGCTL), {QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")});
        };
        if (!releaseWhen.startsWith(QLatin1String("before"))) {
            const auto calls = [&](const char *endpoint) { return m_sandbox->state().counter(QLatin1String(endpoint)).calls; };
            const int lookups = calls("twilio.lookup"), creates = calls("vapi.assistant.create"), registrations = calls("vapi.phone.create");
            auto watch = Store::open(m_db->url());
            QVERIFY(watch.ok());
            startRetry();
            QVERIFY(retry.waitForStarted());
            // Each condition is waited for while this process serves the sandbox.
            if (releaseWhen.contains(QLatin1String("holds its run")))
                QTRY_VERIFY_WITH_TIMEOUT(watch.value()->runs().withStatus({RunStatus::Running})->size() == 1, 20000);
            else if (releaseWhen.contains(QLatin1String("looked")))
                QTRY_VERIFY_WITH_TIMEOUT(calls("twilio.lookup") > lookups, 20000);
            else if (releaseWhen.contains(QLatin1String("assistants")))
                QTRY_VERIFY_WITH_TIMEOUT(calls("vapi.assistant.create") > creates, 20000);
            else if (releaseWhen.contains(QLatin1String("registration")))
                QTRY_VERIFY_WITH_TIMEOUT(calls("vapi.phone.create") > registrations, 20000);
            startRelease();
            QVERIFY(release.waitForStarted());
        } else {
            // The release's delete answers late; the retry starts while the release holds the organization.
            QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.release=delay:1500")).ok());
            startRelease();
            QVERIFY(release.waitForStarted());
            auto watch = Store::open(m_db->url());
            QVERIFY(watch.ok());
            QTRY_VERIFY_WITH_TIMEOUT(watch.value()->runs().withStatus({RunStatus::Running})->size() == 1, 20000);
            startRetry();
            QVERIFY(retry.waitForStarted());
        }
        QTRY_VERIFY_WITH_TIMEOUT(retry.state() == QProcess::NotRunning && release.state() == QProcess::NotRunning, 60000);
        const QByteArray said = retry.readAllStandardOutput() + retry.readAllStandardError();
        QVERIFY2(release.exitCode() == 0 || release.exitCode() == 1, release.readAllStandardError().constData());
        QTRY_COMPARE(m_sandbox->inFlight(), 0);
        m_sandbox->clearFaults();

        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        QCOMPARE(store.value()->runs().withStatus({RunStatus::Running, RunStatus::Compensating})->size(), 0);
        auto config = store.value()->aiConfigs().findByOrganization(m_orgId);
        if (retry.exitCode() == 0) {
            // The retry won: everything the configuration names exists, and nothing else does.
            qInfo("the retry held the organization first");
            QVERIFY2(config.ok(), said.constData());
            const QJsonObject ledger = m_sandbox->ledger();
            QCOMPARE(ledgerCount("numbers"), 1);
            QCOMPARE(ledger.value(QStringLiteral("numbers")).toArray().at(0).toObject().value(QStringLiteral("sid")).toString(),
                     config->phoneNumberSid);
            QCOMPARE(ledgerCount("assistants"), 2);
            QCOMPARE(ledgerCount("phoneNumbers"), 1);
            QCOMPARE(ledger.value(QStringLiteral("phoneNumbers")).toArray().at(0).toObject().value(QStringLiteral("id")).toString(),
                     config->vapiPhoneNumberId);
        } else {
            // The release held the organization first: the retry was refused, bought nothing, and says to try again.
            qInfo("the release held the organization first");
            QVERIFY2(said.contains("already in progress") || said.contains("being released"), said.constData());
            QCOMPARE(config.error().kind, Error::Kind::NotFound);
            QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
        }
    }

    void retryResumesWithTheNumberAFailedRollbackLeft()
    {
        // The registration fails and so does the release of the number: the run needs attention, the number is
        // still ours. Retried with the same country and area code, the new run takes the number over (checked by
        // lookup) and resumes: no second purchase.
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        const Run failed = orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                                  environment());
        QCOMPARE(failed.code, 1);
        QCOMPARE(ledgerCount("numbers"), 1); // the release kept failing: left, and the run says so
        const QString leftover = m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject()
                                     .value(QStringLiteral("sid")).toString();
        m_sandbox->clearFaults();
        const Run r = orgctl({QStringLiteral("retry"), QString::number(m_orgId), QStringLiteral("--progress")}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.search")).calls, 1);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject().value(QStringLiteral("sid")).toString(),
                 leftover);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        const QJsonObject ai = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                   .value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("resumed")).toObject().value(QStringLiteral("reused")).toArray(),
                 (QJsonArray{QStringLiteral("search_number"), QStringLiteral("buy_number")}));
        QVERIFY2(r.err.contains("done in an earlier run"), r.err.constData());
        auto store = Store::open(m_db->url());
        auto config = store.value()->aiConfigs().findByOrganization(m_orgId);
        QVERIFY(config.ok());
        QCOMPARE(config->phoneNumberSid, leftover);
        // The new run's journal says where the number came from.
        auto runs = store.value()->runs().forOrganization(m_orgId);
        QCOMPARE(runs->size(), 2);
        QCOMPARE(runs->constLast().kind, QStringLiteral("retry"));
        for (const RunStep &step : store.value()->runs().steps(runs->constLast().id).value()) {
            if (step.step == QLatin1String("buy_number")) {
                QCOMPARE(step.status, StepStatus::Done);
                QCOMPARE(step.externalId, leftover);
            }
        }
        // And cleanup removes it all, the adopted number included.
        const Run cleaned = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QVERIFY2(cleaned.code == 0, cleaned.err.constData());
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void cleanupFindsANumberAFailedResumeTookOver()
    {
        // The retry takes the number over, then fails the same way: the number (still tagged with the first run)
        // is the second run's leftover now — cleanup finds it through that run's journal, not only its tags.
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 1);
        const Run again = orgctl({QStringLiteral("retry"), QString::number(m_orgId)}, environment());
        QCOMPARE(again.code, 1);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
        QCOMPARE(ledgerCount("numbers"), 1);
        m_sandbox->clearFaults();
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, (r.err + r.out).constData());
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void retryTakesOverAnInterruptedRunAndResumesIt()
    {
        // Killed with the number bought and both assistants made, just before the registration is sent.
        QProcessEnvironment crashing = environment();
        crashing.insert(QStringLiteral("ORGCONSOLE_CRASH_AT"), QStringLiteral("register_number:intent"));
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                        crashing).code, -1);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        const Run r = orgctl({QStringLiteral("retry"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, (r.err + r.out).constData());
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.create")).calls, 2);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
                     .value(QStringLiteral("resumed")).toObject().value(QStringLiteral("reused")).toArray().size(), 4);
        auto store = Store::open(m_db->url());
        auto runs = store.value()->runs().forOrganization(m_orgId);
        QCOMPARE(runs->size(), 2);
        // The interrupted run was taken over (needs attention), and once the retry had taken over or removed
        // what it left, it is resolved: nothing of it is left to clean up, so a later approve is not refused.
        QCOMPARE(runs->constFirst().status, RunStatus::RolledBack);
        QVERIFY(runs->constFirst().error.contains(QLatin1String("interrupted")));
        QVERIFY(runs->constFirst().error.contains(QLatin1String("taken over by a retry")));
        QCOMPARE(runs->constLast().status, RunStatus::Succeeded);
    }

    void retryElsewhereRemovesWhatAFailedRollbackLeftThenBuysAgain()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                        environment()).code, 1);
        const QString leftover = m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject()
                                     .value(QStringLiteral("sid")).toString();
        m_sandbox->clearFaults();
        // Another area code: the 510 number does not fit, so it is released and a 415 one bought.
        const Run r = orgctl({QStringLiteral("retry"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("415")},
                             environment());
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(ledgerCount("numbers"), 1);
        const QJsonObject number = m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject();
        QVERIFY(number.value(QStringLiteral("sid")).toString() != leftover);
        QVERIFY(number.value(QStringLiteral("phoneNumber")).toString().startsWith(QLatin1String("+1415")));
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 2);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        QVERIFY(!QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup"))
                     .toObject().contains(QStringLiteral("resumed")));
    }

    // Cleanup believes a 404 only under the account that bought the resources: a VAPI key of another VAPI
    // organization (here: the configuration says its assistants were made elsewhere) gets 404 for all of them,
    // so cleanup refuses and deletes nothing — neither at the vendors nor the configuration.
    void cleanupUnderAnotherVapiOrganizationRefusesAndDeletesNothing()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                        environment()).code, 0);
        {
            auto store = Store::open(m_db->url());
            auto config = store.value()->aiConfigs().findByOrganization(m_orgId);
            QVERIFY(config.ok());
            QVERIFY(!config->vapiOrgId.isEmpty()); // recorded from VAPI's answer
            AiConfig elsewhere = config.value();
            elsewhere.vapiOrgId = QStringLiteral("0b6f4a52-0000-4000-8000-another-org");
            QVERIFY(store.value()->aiConfigs().update(elsewhere).ok());
        }
        const Run refused = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.out.contains("nothing was deleted") || refused.err.contains("nothing was deleted"), (refused.out + refused.err).constData());
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.delete")).calls, 0);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.release")).calls, 0);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        auto store = Store::open(m_db->url());
        QVERIFY(store.value()->aiConfigs().findByOrganization(m_orgId).ok());
    }

    void cleanupAfterAFailedUndoRemovesWhatWasLeft()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 1);
        QCOMPARE(ledgerCount("numbers"), 1);
        m_sandbox->clearFaults();
        const Run r = orgctl({QStringLiteral("cleanup"), QString::number(m_orgId)}, environment());
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject results = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject()
                                        .value(QStringLiteral("cleanup")).toObject().value(QStringLiteral("results")).toObject();
        QCOMPARE(results.value(QStringLiteral("phoneNumberReleased")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void checkConfigVerifiesEveryEndpointReadOnly()
    {
        const Run ok = orgctl({QStringLiteral("check-config")}, environment());
        QVERIFY2(ok.code == 0, ok.err.constData());
        const QJsonObject checks = QJsonDocument::fromJson(ok.out).object().value(QStringLiteral("checks")).toObject();
        for (const char *name : {"database", "twilio", "vapi", "smtp"})
            QVERIFY2(checks.value(QLatin1String(name)).toObject().value(QStringLiteral("ok")).toBool(), name);
        QProcessEnvironment wrong = environment();
        wrong.insert(QStringLiteral("VAPI_API_KEY"), QStringLiteral("not-the-key"));
        const Run bad = orgctl({QStringLiteral("check-config")}, wrong);
        QCOMPARE(bad.code, 1);
        const QJsonObject badChecks = QJsonDocument::fromJson(bad.out).object().value(QStringLiteral("checks")).toObject();
        QCOMPARE(badChecks.value(QStringLiteral("vapi")).toObject().value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(badChecks.value(QStringLiteral("twilio")).toObject().value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(ledgerCount("numbers"), 0); // read-only
    }

    void orphansAreListedWithCostAndReleasedOnlyWhenConfirmed()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId)}, environment()).code, 0);
        {
            // The configuration is lost (say, restored from an old backup): everything it owned is now orphaned.
            auto store = Store::open(m_db->url());
            QVERIFY(store.value()->aiConfigs().removeForOrganization(m_orgId).ok());
        }
        const Run list = orgctl({QStringLiteral("orphans")}, environment());
        QVERIFY2(list.code == 0, list.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(list.out).object();
        const QJsonArray orphans = o.value(QStringLiteral("orphans")).toArray();
        QCOMPARE(orphans.size(), 4);
        QCOMPARE(orphans.first().toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("vapi_phone_number"));
        QCOMPARE(o.value(QStringLiteral("monthlyCostUsd")).toDouble(), 1.15);

        const Run unconfirmed = orgctl({QStringLiteral("orphans"), QStringLiteral("--release")}, environment());
        QCOMPARE(unconfirmed.code, 2);
        QVERIFY(unconfirmed.err.contains("--yes"));
        QCOMPARE(ledgerCount("numbers"), 1);

        const Run released = orgctl({QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")}, environment());
        QVERIFY2(released.code == 0, released.err.constData());
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        auto store = Store::open(m_db->url());
        AuditQuery q;
        q.action = QStringLiteral("orphan.release");
        QCOMPARE(store.value()->audit().list(q)->size(), 4);
    }

    void ctrlCDuringTheParallelPhaseUndoesEverythingEvenWhatLandsLate()
    {
        const QProcessEnvironment env = slowVendors(1500, 2500);
        const Run r = interrupted({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                                  env, {QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant"),
                                        QStringLiteral("create_outbound_assistant")},
                                  {{"twilio.buy", 1}, {"vapi.assistant.create", 2}});
        verifyCanceledAndNothingLeft(r);
        // The undo said why it waited.
        QVERIFY2(r.err.contains("for a create that may still land"), r.err.constData());
    }

    void interruptedTwiceLeavesTheUndoToRecoverWhichWaitsForLateCreates()
    {
        // The second Ctrl+C stops orgctl in the middle of its undo, which has already overwritten a create's
        // journal line with "compensating": recover must still treat that create as open and look again late.
        const QProcessEnvironment env = slowVendors(1500, 2500);
        const Run r = interrupted({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                                  env, {QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant"),
                                        QStringLiteral("create_outbound_assistant")},
                                  {{"twilio.buy", 1}, {"vapi.assistant.create", 2}}, SIGINT, true);
        QVERIFY2(r.code == 130, (r.err + r.out).constData());
        QVERIFY2(r.err.contains("run orgctl recover to finish it"), r.err.constData());
        const Run recovered = orgctl({QStringLiteral("recover")}, env);
        QVERIFY2(recovered.code == 0, (recovered.err + recovered.out).constData());
        const QJsonArray runs = QJsonDocument::fromJson(recovered.out).object().value(QStringLiteral("recovered")).toArray();
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.at(0).toObject().value(QStringLiteral("outcome")).toString(), QStringLiteral("rolled_back"));
        waitUntilEveryCreateHasLanded();
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void sigtermCancelsARetryTheSameWay()
    {
        QCOMPARE(orgctl({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("999")},
                        environment()).code, 1); // no numbers there: a failed run to retry
        const QProcessEnvironment env = slowVendors(1000, 2000);
        const Run r = interrupted({QStringLiteral("retry"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("415")},
                                  env, {QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant")},
                                  {{"twilio.buy", 1}, {"vapi.assistant.create", 2}}, SIGTERM);
        QVERIFY2(r.code == 143, (r.err + r.out).constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup"))
                     .toObject().value(QStringLiteral("status")).toString(), QStringLiteral("canceled"));
        waitUntilEveryCreateHasLanded();
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void withoutTheGraceALateCreateIsLeftToTheOrphanSweep()
    {
        // The control: no grace, and the creates that land after the undo looked are left behind — tagged, so
        // orgctl orphans finds and releases them. This is what the grace prevents.
        const QProcessEnvironment env = slowVendors(1500, 0);
        const Run r = interrupted({QStringLiteral("approve"), QString::number(m_orgId), QStringLiteral("--area-code"), QStringLiteral("510")},
                                  env, {QStringLiteral("buy_number"), QStringLiteral("create_inbound_assistant"),
                                        QStringLiteral("create_outbound_assistant")},
                                  {{"twilio.buy", 1}, {"vapi.assistant.create", 2}});
        QCOMPARE(r.code, 130);
        // They land after orgctl has gone.
        waitUntilEveryCreateHasLanded();
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("numbers"), 1);
        m_sandbox->clearFaults();
        const Run swept = orgctl({QStringLiteral("orphans"), QStringLiteral("--release"), QStringLiteral("--yes")}, environment());
        QVERIFY2(swept.code == 0, swept.err.constData());
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
    }

    void badInputFailsClearly_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown org") << QStringList{QStringLiteral("approve"), QStringLiteral("999999")} << QStringLiteral("no organization with id 999999");
        QTest::newRow("bad country") << QStringList{QStringLiteral("approve"), QStringLiteral("1"), QStringLiteral("--country"), QStringLiteral("USA")}
                                     << QStringLiteral("is not a country code");
        QTest::newRow("bad area code") << QStringList{QStringLiteral("approve"), QStringLiteral("1"), QStringLiteral("--area-code"), QStringLiteral("5a0")}
                                       << QStringLiteral("is not an area code");
        QTest::newRow("cleanup without setup") << QStringList{QStringLiteral("cleanup"), QStringLiteral("1")}
                                               << QStringLiteral("has no AI setup to clean up");
        QTest::newRow("status of unknown org") << QStringList{QStringLiteral("status"), QStringLiteral("424242")}
                                               << QStringLiteral("no organization with id 424242");
    }

    void badInputFailsClearly()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = orgctl(args, environment());
        QVERIFY(r.code != 0);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QCOMPARE(ledgerCount("numbers"), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrgctlProvisioning)
#include "tst_orgctlprovisioning.moc"
