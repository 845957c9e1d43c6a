#include "sandbox/sandbox.h"
#include "provisioning/setupstate.h"
#include "store/store.h"
#include "vapi/assistanttemplate.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace oc;

// Issue 13's proof of the assistant rollout, as a support person would run it: 50 organizations set up by orgctl
// approve, version 2 of the template saved and rolled out with one organization's PATCH failing and orgctl
// SIGKILLed half-way; orgctl recover finishes it: every assistant at version 2 but the failed organization's, whose
// assistants are exactly as they were. Then a rollback puts every assistant back exactly as it was (the JSON
// compared, all of it but updatedAt).
class TestRollout : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOrganizations = 50;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QTemporaryDir m_home;
    QList<qint64> m_orgIds;

    QProcessEnvironment environment() const { return test::orgctlEnvironment(*m_sandbox, m_db->urlText(), m_home.path()); }

    test::OrgctlRun orgctl(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 120000)
    {
        return test::runOrgctl(QStringLiteral(ORGCTL), args, env, timeoutMs);
    }

    // The sandbox's assistants by id, as GET /assistant/{id} answers them, without updatedAt.
    QHash<QString, QJsonObject> assistants() const
    {
        QHash<QString, QJsonObject> out;
        for (QJsonObject a : m_sandbox->state().assistants()) {
            a.remove(QStringLiteral("updatedAt"));
            out.insert(a.value(QStringLiteral("id")).toString(), a);
        }
        return out;
    }

    static QString systemPrompt(const QJsonObject &assistant)
    {
        const QJsonArray messages = assistant.value(QStringLiteral("model")).toObject().value(QStringLiteral("messages")).toArray();
        return messages.isEmpty() ? QString() : messages.first().toObject().value(QStringLiteral("content")).toString();
    }

    static AssistantTemplate versionTwo()
    {
        AssistantTemplate t;
        t.systemPrompt = QStringLiteral("Version two: you answer the {role} line of {orgName}, briefly and kindly.");
        t.firstMessage = QStringLiteral("Hi, {orgName} here — version two. How can I help?");
        t.voiceId = QStringLiteral("Kylie");
        return t;
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }

    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        m_orgIds.clear();
        for (int i = 0; i < kOrganizations; ++i) {
            auto id = store.value()->organizations().add({QStringLiteral("Rollout Dental %1").arg(i), QStringLiteral("owner%1@rollout.example").arg(i),
                                                          QStringLiteral("Owner %1").arg(i), {}, OrgStatus::Pending, {}});
            QVERIFY(id.ok());
            m_orgIds << id.value();
        }
        // The sandbox has 40 numbers per area code: two area codes.
        for (int half = 0; half < 2; ++half) {
            QStringList args{QStringLiteral("approve")};
            for (int i = half * kOrganizations / 2; i < (half + 1) * kOrganizations / 2; ++i)
                args << QString::number(m_orgIds.at(i));
            args << QStringLiteral("--area-code") << (half ? QStringLiteral("415") : QStringLiteral("510"));
            const test::OrgctlRun approved = orgctl(args, environment());
            QVERIFY2(approved.code == 0, approved.err.constData());
        }
        QCOMPARE(m_sandbox->state().assistants().size(), 2 * kOrganizations);
    }

    void cleanup()
    {
        m_sandbox.reset();
        m_db.reset();
    }

    void rolloutKilledHalfWayIsFinishedByRecoverAndRolledBackExactly()
    {
        const QHash<QString, QJsonObject> before = assistants();
        auto store = Store::open(m_db->url());
        QVERIFY(store.ok());
        for (const QJsonObject &a : before)
            QCOMPARE(AssistantTemplate::versionOf(a), 1); // set up with version 1, made from the configured template

        // Version 2, saved from a file as a support person would.
        const QString file = m_home.filePath(QStringLiteral("v2.json"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(versionTwo().toJson()).toJson());
        }
        const test::OrgctlRun saved = orgctl({QStringLiteral("assistants"), QStringLiteral("save"), file, QStringLiteral("--note"),
                                              QStringLiteral("shorter prompt"), QStringLiteral("--json")}, environment());
        QVERIFY2(saved.code == 0, saved.err.constData());
        QCOMPARE(QJsonDocument::fromJson(saved.out).object().value(QStringLiteral("version")).toInteger(), 2);

        // One organization's outbound assistant refuses every update (a definite 400): its inbound one, updated
        // first or not, must end as it was.
        const qint64 failedOrg = m_orgIds.at(7);
        const auto failedConfig = store.value()->aiConfigs().findByOrganization(failedOrg);
        QVERIFY(failedConfig.ok());
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.update@%1=400").arg(failedConfig->outboundAssistantId)).ok());

        // SIGKILLed right after the 25th organization's version is recorded: half-way.
        QProcessEnvironment crashing = environment();
        crashing.insert(QStringLiteral("ORGCONSOLE_CRASH_AT"), QStringLiteral("record_template_version:done#25"));
        QCOMPARE(orgctl({QStringLiteral("assistants"), QStringLiteral("rollout"), QStringLiteral("--version"), QStringLiteral("2")}, crashing).code, -1);
        QTRY_COMPARE(m_sandbox->inFlight(), 0);
        int atTwo = 0;
        for (qint64 id : std::as_const(m_orgIds))
            atTwo += store.value()->aiConfigs().findByOrganization(id)->assistantVersion == 2 ? 1 : 0;
        QVERIFY2(atTwo >= 25 && atTwo < kOrganizations - 1, qPrintable(QStringLiteral("%1 at version 2 when killed").arg(atTwo)));

        const test::OrgctlRun recovered = orgctl({QStringLiteral("recover")}, environment());
        QVERIFY2(recovered.code == 0 || recovered.code == 1, recovered.err.constData());
        const QJsonArray recoveredRuns = QJsonDocument::fromJson(recovered.out).object().value(QStringLiteral("recovered")).toArray();
        QCOMPARE(recoveredRuns.size(), kOrganizations - atTwo); // every rollout run not yet past its pivot
        QCOMPARE(store.value()->runs().withStatus({RunStatus::Running, RunStatus::Compensating, RunStatus::Queued})->size(), 0);

        // Every assistant at version 2 but the failed organization's; that one is listed as rolled back.
        const QHash<QString, QJsonObject> after = assistants();
        const AssistantTemplate v2 = versionTwo();
        for (int i = 0; i < kOrganizations; ++i) {
            const qint64 id = m_orgIds.at(i);
            const auto config = store.value()->aiConfigs().findByOrganization(id);
            QVERIFY(config.ok());
            const QString company = QStringLiteral("Rollout Dental %1").arg(i);
            for (const auto &[role, assistantId] : {std::pair{AssistantRole::Inbound, config->inboundAssistantId},
                                                    std::pair{AssistantRole::Outbound, config->outboundAssistantId}}) {
                const QJsonObject now = after.value(assistantId);
                const QJsonObject was = before.value(assistantId);
                if (id == failedOrg) {
                    QCOMPARE(now, was);
                    continue;
                }
                QCOMPARE(AssistantTemplate::versionOf(now), 2);
                QCOMPARE(systemPrompt(now), AssistantTemplate::render(v2.systemPrompt, company, role));
                QCOMPARE(now.value(QStringLiteral("firstMessage")).toString(), AssistantTemplate::render(v2.firstMessage, company, role));
                QCOMPARE(now.value(QStringLiteral("voice")).toObject().value(QStringLiteral("voiceId")).toString(), v2.voiceId);
                // What the template does not own is kept.
                for (const QString &key : {QStringLiteral("name"), QStringLiteral("id"), QStringLiteral("createdAt"), QStringLiteral("orgId")})
                    QCOMPARE(now.value(key), was.value(key));
            }
            QCOMPARE(config->assistantVersion, id == failedOrg ? 1 : 2);
        }
        const auto failedRuns = store.value()->runs().forOrganization(failedOrg);
        QVERIFY(failedRuns.ok());
        bool listed = false;
        for (const ProvisioningRun &r : failedRuns.value())
            listed = listed || (r.kind == QLatin1String("rollout") && r.status == RunStatus::RolledBack && !r.error.isEmpty());
        QVERIFY2(listed, "the failed organization's rollout run is rolled back, with its error");

        // The dashboard counts the one organization behind; a rollout is maintenance, not a setup: the setup
        // figures count the 50 approvals only.
        const auto stats = store.value()->stats().dashboard();
        QVERIFY(stats.ok());
        QCOMPARE(stats->currentAssistantVersion, 2);
        QCOMPARE(stats->assistantsBehind, 1);
        QCOMPARE(stats->succeededRuns, qint64(kOrganizations));
        QCOMPARE(stats->rolledBackRuns, 0);
        QCOMPARE(stats->organizationsIn(SetupState::Active), qint64(kOrganizations));
        // Status says which version each organization's assistants have.
        for (const auto &[id, version] : {std::pair{failedOrg, 1}, std::pair{m_orgIds.at(8), 2}}) {
            const test::OrgctlRun status = orgctl({QStringLiteral("status"), QString::number(id)}, environment());
            QVERIFY2(status.code == 0, status.err.constData());
            QCOMPARE(QJsonDocument::fromJson(status.out).object().value(QStringLiteral("aiSetup")).toObject()
                         .value(QStringLiteral("assistantVersion")).toInt(), version);
        }

        // The list the support person reads: a rollout again updates only the failed one (still refused).
        const test::OrgctlRun again = orgctl({QStringLiteral("assistants"), QStringLiteral("rollout"), QStringLiteral("--version"),
                                              QStringLiteral("2"), QStringLiteral("--json")}, environment());
        QCOMPARE(again.code, 1);
        const QJsonObject againAnswer = QJsonDocument::fromJson(again.out).object();
        QCOMPARE(againAnswer.value(QStringLiteral("unchanged")).toInt(), kOrganizations - 1);
        QCOMPARE(againAnswer.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(assistants(), after);

        // Rollback: back to version 1, every assistant exactly as before the rollout.
        m_sandbox->clearFaults();
        const test::OrgctlRun rolledBack = orgctl({QStringLiteral("assistants"), QStringLiteral("rollback"), QStringLiteral("--json")}, environment());
        QVERIFY2(rolledBack.code == 0, rolledBack.out.constData());
        const QJsonObject rollbackAnswer = QJsonDocument::fromJson(rolledBack.out).object();
        QCOMPARE(rollbackAnswer.value(QStringLiteral("version")).toInteger(), 1);
        QCOMPARE(rollbackAnswer.value(QStringLiteral("succeeded")).toInt(), kOrganizations - 1);
        QCOMPARE(rollbackAnswer.value(QStringLiteral("unchanged")).toInt(), 1);
        const QHash<QString, QJsonObject> restored = assistants();
        QCOMPARE(restored.size(), before.size());
        for (auto it = before.begin(); it != before.end(); ++it)
            QCOMPARE(restored.value(it.key()), it.value());
        for (qint64 id : std::as_const(m_orgIds))
            QCOMPARE(store.value()->aiConfigs().findByOrganization(id)->assistantVersion, 1);
        // New setups use the version made current last: the rollback made version 1 current again.
        const auto current = store.value()->assistantTemplates().current(AssistantTemplate{}, QStringLiteral("test"));
        QVERIFY(current.ok());
        QCOMPARE(current->version, 1);
    }
};

QTEST_GUILESS_MAIN(TestRollout)
#include "tst_rollout.moc"
