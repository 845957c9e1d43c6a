#include "sandbox/sandbox.h"
#include "sandboxenvironment.h"
#include "twilio/twilioclient.h"
#include "vapi/assistanttemplate.h"
#include "vapi/vapiclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace oc;
using oc::sandbox::Sandbox;
using oc::sandbox::SandboxConfig;

// Each client against the sandbox over real HTTP: the happy paths, the vendors' errors, and every injected
// fault kind, with what the client must conclude from each (retry, definite failure, or "ambiguous:
// reconcile by lookup"), and the ledger proving what really happened.
class TestClientSandbox : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<TwilioClient> m_twilio;
    std::unique_ptr<VapiClient> m_vapi;
    const QString m_runId = QStringLiteral("00112233445566ff");

    // Enough attempts to wait out the concurrency limit's 429s.
    static RetryPolicy fastRetries(int attemptTimeoutMs = 2000) { return test::fastRetryPolicy(attemptTimeoutMs, 8); }

    void startSandbox(SandboxConfig config = {}, int attemptTimeoutMs = 2000)
    {
        m_twilio.reset();
        m_vapi.reset();
        m_sandbox = std::make_unique<Sandbox>(config);
        auto started = m_sandbox->start();
        QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
        m_nam = std::make_unique<QNetworkAccessManager>();
        const auto &cred = m_sandbox->credentials();
        m_twilio = std::make_unique<TwilioClient>(*m_nam, TwilioConfig{m_sandbox->twilioBaseUrl(), cred.twilioAccountSid,
                                                                      cred.twilioAuthToken, fastRetries(attemptTimeoutMs)});
        m_vapi = std::make_unique<VapiClient>(*m_nam, VapiConfig{m_sandbox->vapiBaseUrl(), cred.vapiApiKey,
                                                                 fastRetries(attemptTimeoutMs)});
    }

    template<class T>
    static bool await(const std::unique_ptr<TypedCall<T>> &call)
    {
        if (call->isFinished())
            return true;
        QSignalSpy spy(call.get(), &ApiCall::finished);
        return spy.wait(20000);
    }

    int ledgerCount(const char *what) const
    {
        return int(m_sandbox->ledger().value(QLatin1String(what)).toArray().size());
    }

    QString firstAvailable(const QString &areaCode = QStringLiteral("510"))
    {
        auto search = m_twilio->searchLocalNumbers(QStringLiteral("US"), areaCode);
        if (!await(search) || !search->ok() || search->value().isEmpty())
            return {};
        return search->value().first().phoneNumber;
    }

    QJsonObject assistantBody(AssistantRole role)
    {
        return AssistantTemplate{}.createBody(QStringLiteral("Bayview Dental"), role, m_runId);
    }

private Q_SLOTS:
    void init() { startSandbox(); }
    void cleanup()
    {
        m_twilio.reset();
        m_vapi.reset();
        m_nam.reset();
        m_sandbox.reset();
    }

    void twilioNumberLifecycle()
    {
        const QString number = firstAvailable();
        QVERIFY(number.startsWith(QLatin1String("+1510")));
        auto buy = m_twilio->buyNumber(number, QStringLiteral("Bayview Dental [oc:%1]").arg(m_runId));
        QVERIFY(await(buy));
        QVERIFY2(buy->ok(), qPrintable(buy->error().describe()));
        QVERIFY(buy->value().sid.startsWith(QLatin1String("PN")));
        QCOMPARE(buy->value().phoneNumber, number); // the '+' survived the form encoding
        auto found = m_twilio->findOwnedNumber(number);
        QVERIFY(await(found) && found->ok());
        QCOMPARE(found->value()->sid, buy->value().sid);
        auto list = m_twilio->listOwnedNumbers();
        QVERIFY(await(list) && list->ok());
        QCOMPARE(list->value().size(), 1);
        auto release = m_twilio->releaseNumber(buy->value().sid);
        QVERIFY(await(release) && release->ok());
        auto again = m_twilio->releaseNumber(buy->value().sid); // 404/20404: already gone = success
        QVERIFY(await(again) && again->ok());
        QCOMPARE(ledgerCount("numbers"), 0);
    }

    void twilioVendorErrorsAreDefinite()
    {
        const QString number = firstAvailable();
        auto first = m_twilio->buyNumber(number, QStringLiteral("A"));
        QVERIFY(await(first) && first->ok());
        auto second = m_twilio->buyNumber(number, QStringLiteral("B"));
        QVERIFY(await(second));
        QVERIFY(!second->ok());
        QCOMPARE(second->error().vendorCode, QStringLiteral("21422"));
        QVERIFY(!second->error().ambiguous);
        auto empty = m_twilio->searchLocalNumbers(QStringLiteral("US"), QStringLiteral("999"));
        QVERIFY(await(empty) && empty->ok());
        QVERIFY(empty->value().isEmpty());

        TwilioClient wrongToken(*m_nam, TwilioConfig{m_sandbox->twilioBaseUrl(), m_sandbox->credentials().twilioAccountSid,
                                                     QStringLiteral("wrong"), fastRetries()});
        auto denied = wrongToken.searchLocalNumbers(QStringLiteral("US"), QStringLiteral("510"));
        QVERIFY(await(denied));
        QCOMPARE(denied->error().httpStatus, 401);
        QCOMPARE(denied->error().vendorCode, QStringLiteral("20003"));
    }

    void vapiAssistantAndPhoneNumberLifecycle()
    {
        auto inbound = m_vapi->createAssistant(assistantBody(AssistantRole::Inbound));
        QVERIFY(await(inbound));
        QVERIFY2(inbound->ok(), qPrintable(inbound->error().describe()));
        QCOMPARE(inbound->value().name, QStringLiteral("Bayview Dental inbound"));
        QCOMPARE(inbound->value().runId(), m_runId);
        QCOMPARE(inbound->value().role(), QStringLiteral("inbound"));
        auto got = m_vapi->getAssistant(inbound->value().id);
        QVERIFY(await(got) && got->ok());
        auto patched = m_vapi->updateAssistant(inbound->value().id, QJsonObject{{QStringLiteral("firstMessage"), QStringLiteral("Hi!")}});
        QVERIFY(await(patched) && patched->ok());
        auto listed = m_vapi->listAssistants(QDateTime::currentDateTimeUtc().addSecs(-60));
        QVERIFY(await(listed) && listed->ok());
        QCOMPARE(listed->value().size(), 1);

        const QString number = firstAvailable();
        auto bought = m_twilio->buyNumber(number, QStringLiteral("Bayview Dental [oc:%1]").arg(m_runId));
        QVERIFY(await(bought) && bought->ok());
        auto registered = m_vapi->createPhoneNumber({number, m_sandbox->credentials().twilioAccountSid,
                                                     m_sandbox->credentials().twilioAuthToken, inbound->value().id,
                                                     QStringLiteral("Bayview Dental")});
        QVERIFY(await(registered));
        QVERIFY2(registered->ok(), qPrintable(registered->error().describe()));
        QCOMPARE(registered->value().assistantId, inbound->value().id);
        auto phones = m_vapi->listPhoneNumbers();
        QVERIFY(await(phones) && phones->ok());
        QCOMPARE(phones->value().size(), 1);

        m_sandbox->pinAssistant(inbound->value().id);
        auto pinned = m_vapi->deleteAssistant(inbound->value().id);
        QVERIFY(await(pinned));
        QCOMPARE(pinned->error().httpStatus, 409);
        m_sandbox->pinAssistant(inbound->value().id, false);

        auto unregister = m_vapi->deletePhoneNumber(registered->value().id);
        QVERIFY(await(unregister) && unregister->ok());
        auto removed = m_vapi->deleteAssistant(inbound->value().id);
        QVERIFY(await(removed) && removed->ok());
        auto gone = m_vapi->deleteAssistant(inbound->value().id); // 404 = already gone
        QVERIFY(await(gone) && gone->ok());
        QCOMPARE(ledgerCount("assistants"), 0);
        QCOMPARE(ledgerCount("phoneNumbers"), 0);
    }

    void serverErrorOnAReadIsRetried()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.search#1=500:20500")).ok());
        auto search = m_twilio->searchLocalNumbers(QStringLiteral("US"), QStringLiteral("510"));
        QVERIFY(await(search));
        QVERIFY2(search->ok(), qPrintable(search->error().describe()));
        QCOMPARE(search->attempts(), 2);
    }

    void serverErrorOnACreateIsAmbiguousAndNotResent()
    {
        const QString number = firstAvailable();
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy#1=503")).ok());
        auto buy = m_twilio->buyNumber(number, QStringLiteral("X"));
        QVERIFY(await(buy));
        QVERIFY(!buy->ok());
        QVERIFY(buy->error().ambiguous);
        QCOMPARE(buy->attempts(), 1);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
        QCOMPARE(ledgerCount("numbers"), 0); // this fault applies no effect
    }

    // Over real HTTP Qt says when the request went out (requestSent): a purchase sent and then not answered in
    // time stays "may have been applied", never re-sent — the attempt's extra patience is only for requests that
    // never left this process.
    void aPurchaseSentButNotAnsweredInTimeIsAmbiguousAndNotResent()
    {
        startSandbox({}, 300);
        const QString number = firstAvailable();
        QVERIFY(!number.isEmpty());
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy#1=delay:2000")).ok());
        QElapsedTimer clock;
        clock.start();
        auto buy = m_twilio->buyNumber(number, QStringLiteral("X"));
        QVERIFY(await(buy));
        QVERIFY(!buy->ok());
        QCOMPARE(buy->error().kind, ApiError::Kind::Timeout);
        QVERIFY(buy->error().ambiguous);
        QVERIFY(!buy->error().retryable);
        QCOMPARE(buy->attempts(), 1);
        QVERIFY2(clock.elapsed() < 1000, "given up after one attempt's time from the send, not four");
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("twilio.buy")).calls, 1);
    }

    void definiteClientErrorIsNotRetried()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create#1=400")).ok());
        auto create = m_vapi->createAssistant(assistantBody(AssistantRole::Outbound));
        QVERIFY(await(create));
        QVERIFY(!create->ok());
        QCOMPARE(create->error().httpStatus, 400);
        QVERIFY(!create->error().ambiguous);
        QCOMPARE(create->attempts(), 1);
    }

    void tooManyRequestsIsRetriedEvenForACreate()
    {
        const QString number = firstAvailable();
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy#1=429:20429")).ok());
        auto buy = m_twilio->buyNumber(number, QStringLiteral("X"));
        QVERIFY(await(buy));
        QVERIFY2(buy->ok(), qPrintable(buy->error().describe()));
        QCOMPARE(buy->attempts(), 2);
        QCOMPARE(ledgerCount("numbers"), 1);
    }

    void concurrencyLimitIsAbsorbedByRetries()
    {
        SandboxConfig config;
        config.concurrencyLimit = 2;
        config.profile = oc::sandbox::LatencyProfile::Seed;
        config.scale = 0.02; // an assistant create takes 150 ms
        startSandbox(config);
        std::vector<std::unique_ptr<TypedCall<VapiAssistant>>> calls;
        for (int i = 0; i < 5; ++i)
            calls.push_back(m_vapi->createAssistant(assistantBody(i % 2 ? AssistantRole::Inbound : AssistantRole::Outbound)));
        int retried = 0;
        for (auto &c : calls) {
            QVERIFY(await(c));
            QVERIFY2(c->ok(), qPrintable(c->error().describe()));
            retried += c->attempts() > 1 ? 1 : 0;
        }
        QVERIFY(retried > 0); // the limit really answered 429 and the clients waited it out
        QCOMPARE(ledgerCount("assistants"), 5);
    }

    void delayedReadTimesOutAndIsRetried()
    {
        startSandbox({}, 300);
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.list#1=delay:1500")).ok());
        auto list = m_vapi->listAssistants();
        QVERIFY(await(list));
        QVERIFY2(list->ok(), qPrintable(list->error().describe()));
        QCOMPARE(list->attempts(), 2);
    }

    void hungCreateTimesOutAsAmbiguousAndIsNotResent()
    {
        startSandbox({}, 300);
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create=hang")).ok());
        auto create = m_vapi->createAssistant(assistantBody(AssistantRole::Inbound));
        QVERIFY(await(create));
        QVERIFY(!create->ok());
        QCOMPARE(create->error().kind, ApiError::Kind::Timeout);
        QVERIFY(create->error().ambiguous);
        QCOMPARE(m_sandbox->state().counter(QStringLiteral("vapi.assistant.create")).calls, 1);
    }

    void malformedCreateResponseIsAmbiguousAndTheEffectIsFoundByLookup()
    {
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.assistant.create#1=malformed")).ok());
        auto create = m_vapi->createAssistant(assistantBody(AssistantRole::Inbound));
        QVERIFY(await(create));
        QVERIFY(!create->ok());
        QCOMPARE(create->error().kind, ApiError::Kind::Parse);
        QVERIFY(create->error().ambiguous);
        // Reconcile by lookup: the assistant exists, tagged with our run.
        auto list = m_vapi->listAssistants(QDateTime::currentDateTimeUtc().addSecs(-60));
        QVERIFY(await(list) && list->ok());
        QCOMPARE(list->value().size(), 1);
        QCOMPARE(list->value().first().runId(), m_runId);
        QCOMPARE(list->value().first().role(), QStringLiteral("inbound"));
    }

    void resetAfterAPurchaseIsReconciledByLookup()
    {
        const QString number = firstAvailable();
        QVERIFY(m_sandbox->addFaults(QStringLiteral("twilio.buy#1=reset")).ok());
        auto buy = m_twilio->buyNumber(number, QStringLiteral("Bayview Dental [oc:%1]").arg(m_runId));
        QVERIFY(await(buy));
        // Qt 6.4's HTTP stack re-sends a request whose connection closed before any response byte, POST
        // included (newer Qt checks idempotency first). So the client sees either the reset (ambiguous) or
        // the re-sent purchase's 21422 — never a success, and in both cases the number is ours: the pipeline
        // must look it up by PhoneNumber before anything else.
        QVERIFY(!buy->ok());
        QVERIFY2(buy->error().ambiguous || buy->error().vendorCode == QLatin1String("21422"), qPrintable(buy->error().describe()));
        QCOMPARE(ledgerCount("numbers"), 1);
        auto found = m_twilio->findOwnedNumber(number);
        QVERIFY(await(found) && found->ok());
        QVERIFY(found->value().has_value());
        QCOMPARE(found->value()->friendlyName, QStringLiteral("Bayview Dental [oc:%1]").arg(m_runId));
    }

    void resetAfterARegistrationIsReconciledByLookup()
    {
        const QString number = firstAvailable();
        auto bought = m_twilio->buyNumber(number, QStringLiteral("X"));
        auto inbound = m_vapi->createAssistant(assistantBody(AssistantRole::Inbound));
        QVERIFY(await(bought) && bought->ok() && await(inbound) && inbound->ok());
        QVERIFY(m_sandbox->addFaults(QStringLiteral("vapi.phone.create#1=reset")).ok());
        auto registered = m_vapi->createPhoneNumber({number, m_sandbox->credentials().twilioAccountSid,
                                                     m_sandbox->credentials().twilioAuthToken, inbound->value().id,
                                                     QStringLiteral("X")});
        QVERIFY(await(registered));
        // Whatever the client concluded, a lookup by number finds exactly what VAPI holds.
        auto phones = m_vapi->listPhoneNumbers();
        QVERIFY(await(phones) && phones->ok());
        QVERIFY(!phones->value().isEmpty());
        for (const VapiPhoneNumber &p : phones->value())
            QCOMPARE(p.number, number);
        QCOMPARE(ledgerCount("phoneNumbers"), int(phones->value().size()));
    }
};

QTEST_GUILESS_MAIN(TestClientSandbox)
#include "tst_clientsandbox.moc"
