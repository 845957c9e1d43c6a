#include "mail/mailer.h"
#include "provisioning/approveoperation.h"
#include "provisioning/retryoperation.h"
#include "sandbox/sandbox.h"
#include "store/store.h"
#include "sandboxenvironment.h"
#include "testdatabase.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::sandbox::Sandbox;

// approve end to end: the real engine, clients, store and mailer against the sandbox over HTTP; the sandbox
// ledger and the store must agree — nothing leaked, nothing lost.
class TestProvisioning : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<VapiClient> m_vapi;
    std::unique_ptr<Mailer> m_mailer;
    std::unique_ptr<ProvisioningServices> m_services;
    qint64 m_orgId = 0;


    int ledgerCount(const char *what) const { return int(m_sandbox->ledger().value(QLatin1String(what)).toArray().size()); }

    std::unique_ptr<ApproveOperation> approve(const QString &areaCode = QStringLiteral("510"))
    {
        auto op = std::make_unique<ApproveOperation>(*m_services, m_orgId, QStringLiteral("US"), areaCode, QStringLiteral("tester"));
        QSignalSpy done(op.get(), &ApproveOperation::finished);
        op->start();
        [&] { QVERIFY(done.wait(30000)); }();
        return op;
    }

    std::unique_ptr<RetryOperation> retry()
    {
        auto op = std::make_unique<RetryOperation>(*m_services, m_orgId, QString(), QString(), QStringLiteral("tester"));
        QSignalSpy done(op.get(), &RetryOperation::finished);
        op->start();
        [&] { QVERIFY(done.wait(30000)); }();
        return op;
    }

    QStringList ledgerIds(const char *what, const char *key = "id") const
    {
        QStringList ids;
        for (const auto &v : m_sandbox->ledger().value(QLatin1String(what)).toArray())
            ids << v.toObject().value(QLatin1String(key)).toString();
        ids.sort();
        return ids;
    }

    void expectNothingLeft()
    {
        QCOMPARE(ledgerCount("numbers"), 0);
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
        QCOMPARE(m_store->aiConfigs().findByOrganization(m_orgId).error().kind, Error::Kind::NotFound);
    }

private Q_SLOTS:
    void initTestCase_data() { test::TestDatabase::addEngineRows(); }
    void init()
    {
        OC_FRESH_DATABASE(db);
        m_db = std::move(db);
        m_store = Store::open(m_db->url()).value();
        m_orgId = m_store->organizations().add({QStringLiteral("Bayview Dental <Group> 🦷"), QStringLiteral("ann@bayview.example"),
                                                QStringLiteral("Ann Lee"), QStringLiteral("usr_1"), OrgStatus::Pending, {}}).value();
        m_sandbox = std::make_unique<Sandbox>();
        QVERIFY(m_sandbox->start().ok());
        m_nam = std::make_unique<QNetworkAccessManager>();
        const auto &cred = m_sandbox->credentials();
        m_twilio = std::make_unique<TwilioClient>(*m_nam, TwilioConfig{m_sandbox->twilioBaseUrl(), cred.twilioAccountSid,
                                                                      cred.twilioAuthToken, test::fastRetryPolicy(3000)});
        m_vapi = std::make_unique<VapiClient>(*m_nam, VapiConfig{m_sandbox->vapiBaseUrl(), cred.vapiApiKey, test::fastRetryPolicy(3000)});
        m_mailer = std::make_unique<Mailer>(SmtpConfig{m_sandbox->smtpUrl(), cred.smtpUser, cred.smtpPassword, m_sandbox->caFile()});
        m_services.reset(new ProvisioningServices{*m_store, *m_twilio, *m_vapi, m_mailer.get(), AssistantTemplate{},
                                                  EmailBranding{QStringLiteral("Acme Voice"), QStringLiteral("support@acme.example"), {}},
                                                  QStringLiteral("noreply@acme.example"), cred.twilioAccountSid, cred.twilioAuthToken});
        m_services->lateCreateGrace = std::chrono::milliseconds(300); // nothing lands late in the sandbox unless a test delays it
    }
    void cleanup()
    {
        m_services.reset();
        m_mailer.reset();
        m_twilio.reset();
        m_vapi.reset();
        m_nam.reset();
        m_sandbox.reset();
        m_store.reset();
        m_db.reset();
    }

    void approveProvisionsEverythingAndAnswersInTheSeedShape()
    {
        auto op = approve();
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        const QJsonObject r = op->result();
        QCOMPARE(r.value(QStringLiteral("success")).toBool(), true);
        QCOMPARE(r.value(QStringLiteral("message")).toString(), QStringLiteral("Organization verified and AI setup completed successfully"));
        const QJsonObject org = r.value(QStringLiteral("data")).toObject().value(QStringLiteral("organization")).toObject();
        QCOMPARE(org.value(QStringLiteral("status")).toString(), QStringLiteral("verified"));
        QCOMPARE(org.value(QStringLiteral("isVerified")).toBool(), true);
        const QJsonObject ai = r.value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject();
        QVERIFY(ai.value(QStringLiteral("setupTime")).toString().endsWith(QLatin1String("ms")));
        const QJsonObject data = ai.value(QStringLiteral("data")).toObject();
        QVERIFY(data.value(QStringLiteral("phoneNumber")).toString().startsWith(QLatin1String("+1510")));
        QCOMPARE(data.value(QStringLiteral("emailSent")).toBool(), true);
        QCOMPARE(data.value(QStringLiteral("assistants")).toObject().value(QStringLiteral("inbound")).toObject()
                     .value(QStringLiteral("name")).toString(), QStringLiteral("Bayview Dental <Group> 🦷 inbound"));

        // The ledger and the store agree.
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        auto config = m_store->aiConfigs().findByOrganization(m_orgId);
        QVERIFY(config.ok());
        const QJsonObject ledger = m_sandbox->ledger();
        QCOMPARE(config->phoneNumberSid, ledger.value(QStringLiteral("numbers")).toArray().at(0).toObject().value(QStringLiteral("sid")).toString());
        QCOMPARE(config->number, data.value(QStringLiteral("phoneNumber")).toString());
        QVERIFY(config->setupCompleted);
        QCOMPARE(config->runId, op->runId());
        // The journal has every step done, the run succeeded, the audit knows the external ids.
        for (const RunStep &s : m_store->runs().steps(op->runId()).value())
            QVERIFY2(s.status == StepStatus::Done, qPrintable(s.step + QStringLiteral(" is ") + statusName(s.status)));
        QCOMPARE(m_store->runs().find(op->runId())->status, RunStatus::Succeeded);
        QVERIFY(m_store->runs().find(op->runId())->setupTimeMs.has_value());
        auto audit = m_store->audit().list({});
        QCOMPARE(audit->first().action, QStringLiteral("org.approve"));
        QVERIFY(audit->first().externalIds.contains(config->phoneNumberSid));
        QTRY_COMPARE(m_sandbox->messages().size(), 1);
    }

    void approvingTwiceReturnsTheExistingSetupAndBuysNothing()
    {
        auto first = approve();
        QVERIFY(first->ok());
        auto second = approve();
        QVERIFY(second->ok());
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("assistants"), 2);
        QCOMPARE(m_store->runs().forOrganization(m_orgId)->size(), 1);
    }

    void assistantFailureRollsEverythingBackAndMailsTheOwner()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create#2=400")).ok());
        auto op = approve();
        QVERIFY(!op->ok());
        const QJsonObject ai = op->result().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("status")).toString(), QStringLiteral("rolled_back"));
        QVERIFY(ai.value(QStringLiteral("failedStep")).toString().startsWith(QLatin1String("create_")));
        QCOMPARE(ai.value(QStringLiteral("failureEmailSent")).toBool(), true);
        expectNothingLeft();
        QCOMPARE(m_store->runs().find(op->runId())->status, RunStatus::RolledBack);
        QTRY_COMPARE(m_sandbox->messages().size(), 1);
    }

    void noNumbersInTheAreaCodeSaysSoAndLeavesNothing()
    {
        auto op = approve(QStringLiteral("999"));
        QVERIFY(!op->ok());
        QVERIFY2(op->errorMessage().contains(QLatin1String("No available phone numbers in area code 999")), qPrintable(op->errorMessage()));
        QVERIFY(op->errorMessage().contains(QLatin1String("Try another area code or country")));
        expectNothingLeft();
    }

    void purchaseWhoseAnswerIsLostIsReconciledNotRepeated()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy#1=reset")).ok());
        auto op = approve();
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(m_store->aiConfigs().findByOrganization(m_orgId)->phoneNumberSid,
                 m_sandbox->ledger().value(QStringLiteral("numbers")).toArray().at(0).toObject().value(QStringLiteral("sid")).toString());
    }

    void assistantCreatedTwiceByAResendLeavesExactlyOne()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create#1=reset")).ok());
        auto op = approve();
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        QCOMPARE(ledgerCount("assistants"), 2);
    }

    void failedUndoEndsNeedingAttentionWithTheLeftovers()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,twilio.release=500")).ok());
        auto op = approve();
        QVERIFY(!op->ok());
        const QJsonObject ai = op->result().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject();
        QCOMPARE(ai.value(QStringLiteral("status")).toString(), QStringLiteral("needs_attention"));
        QCOMPARE(ai.value(QStringLiteral("failedStep")).toString(), QStringLiteral("register_number"));
        QVERIFY(ai.value(QStringLiteral("leftovers")).toArray().first().toString().startsWith(QLatin1String("buy_number")));
        QCOMPARE(ledgerCount("numbers"), 1);   // still out there, and the run says exactly that
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(m_store->runs().find(op->runId())->status, RunStatus::NeedsAttention);
        auto journal = m_store->runs().steps(op->runId()).value();
        const auto buy = std::find_if(journal.begin(), journal.end(), [](const RunStep &s) { return s.step == QLatin1String("buy_number"); });
        QCOMPARE(buy->status, StepStatus::CompensationFailed);
        QVERIFY(buy->externalId.startsWith(QLatin1String("PN")));
    }

    void retryResumesWithTheAssistantsAFailedRollbackLeft()
    {
        // The registration fails, the number is released, but deleting the assistants keeps failing.
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,vapi.assistant.delete=500")).ok());
        auto failed = approve();
        QVERIFY(!failed->ok());
        QCOMPARE(m_store->runs().find(failed->runId())->status, RunStatus::NeedsAttention);
        QCOMPARE(ledgerCount("numbers"), 0);
        const QStringList assistants = ledgerIds("assistants");
        QCOMPARE(assistants.size(), 2);
        m_sandbox->clearFaults();

        auto op = retry();
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        // Both assistants taken over (no new create); the number bought again after search.
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.create")).calls, 2);
        QCOMPARE(ledgerIds("assistants"), assistants);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 2);
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        auto config = m_store->aiConfigs().findByOrganization(m_orgId);
        QVERIFY(config.ok());
        QVERIFY(assistants.contains(config->inboundAssistantId));
        QVERIFY(assistants.contains(config->outboundAssistantId));
        const QJsonObject resumed = op->result().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
                                        .value(QStringLiteral("resumed")).toObject();
        QCOMPARE(resumed.value(QStringLiteral("fromRun")).toString(), failed->runId());
        QCOMPARE(resumed.value(QStringLiteral("reused")).toArray(),
                 (QJsonArray{QStringLiteral("create_inbound_assistant"), QStringLiteral("create_outbound_assistant")}));
        // The new run's journal records the adoption; the duplicate check after the pivot left the adopted ones alone.
        const QString newRun = m_store->runs().forOrganization(m_orgId)->constLast().id;
        for (const RunStep &step : m_store->runs().steps(newRun).value()) {
            if (step.step.startsWith(QLatin1String("create_")))
                QVERIFY2(step.status == StepStatus::Done && assistants.contains(step.externalId), qPrintable(step.step));
        }
    }

    void retryBuildsAgainWhatNoLongerExists()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create=400,vapi.assistant.delete=500")).ok());
        QVERIFY(!approve()->ok());
        const QStringList assistants = ledgerIds("assistants");
        QCOMPARE(assistants.size(), 2);
        m_sandbox->clearFaults();
        // Someone deletes one of them meanwhile, in the VAPI dashboard say.
        auto gone = m_vapi->deleteAssistant(assistants.first());
        QSignalSpy deleted(gone.get(), &ApiCall::finished);
        QVERIFY(deleted.wait(5000));
        QVERIFY(gone->ok());

        auto op = retry();
        QVERIFY2(op->ok(), qPrintable(op->errorMessage()));
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.create")).calls, 3); // only the missing one again
        const QStringList now = ledgerIds("assistants");
        QCOMPARE(now.size(), 2);
        QVERIFY(now.contains(assistants.last()));
        QVERIFY(!now.contains(assistants.first()));
        QCOMPARE(ledgerCount("numbers"), 1);
        QCOMPARE(ledgerCount("phoneNumbers"), 1);
        QCOMPARE(op->result().value(QStringLiteral("data")).toObject().value(QStringLiteral("aiSetup")).toObject()
                     .value(QStringLiteral("resumed")).toObject().value(QStringLiteral("reused")).toArray().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestProvisioning)
#include "tst_provisioning.moc"
