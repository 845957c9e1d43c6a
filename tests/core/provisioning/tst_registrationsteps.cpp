// register_number and remove_duplicate_registrations alone, against the fake network and a real journal under a
// real lease: what each sends, what it journals and how it fails.
#include "provisioning/registrationsteps.h"
#include "provisioning/stepnames.h"
#include "stepharness.h"

#include <QJsonDocument>
#include <QTest>

using namespace oc;
using oc::test::StepHarness;
using Response = oc::test::FakeNetworkAccessManager::Response;
using pipeline::StepOutcome;

namespace {

QByteArray vapiNumber(const QString &id, const QString &number, const QString &assistantId)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("number"), number},
                                     {QStringLiteral("assistantId"), assistantId},
                                     {QStringLiteral("provider"), QStringLiteral("twilio")},
                                     {QStringLiteral("createdAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}})
        .toJson(QJsonDocument::Compact);
}

QByteArray listOf(const QList<QByteArray> &items)
{
    return '[' + items.join(',') + ']';
}

} // namespace

class tst_RegistrationSteps : public QObject
{
    Q_OBJECT

private:
    StepHarness h;

    // What register_number needs from the steps before it.
    void boughtAndCreated()
    {
        h.numberBought();
        h.assistantMade(AssistantRole::Inbound, QStringLiteral("a-1"));
    }

private Q_SLOTS:
    void init() { h.setUp(); }
    void cleanup() { h.tearDown(); }

    void registerSendsTheNumberWithTwilioCredentialsOnTheInboundAssistantAfterItsIntent()
    {
        boughtAndCreated();
        h.nam().addRoute("POST", QStringLiteral("/phone-number"), Response::json(201, vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1"))));
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), QStringList{QStringLiteral("POST /phone-number")});
        const QJsonObject body = StepHarness::json(h.requests().first());
        QCOMPARE(body.value(QLatin1String("provider")).toString(), QStringLiteral("twilio"));
        QCOMPARE(body.value(QLatin1String("number")).toString(), StepHarness::kPhone);
        QCOMPARE(body.value(QLatin1String("twilioAccountSid")).toString(), StepHarness::kAccount);
        QCOMPARE(body.value(QLatin1String("twilioAuthToken")).toString(), QStringLiteral("tok"));
        QCOMPARE(body.value(QLatin1String("assistantId")).toString(), QStringLiteral("a-1"));
        QCOMPARE(body.value(QLatin1String("name")).toString(), QStringLiteral("Acme"));
        const RunStep before = h.lineWhenSent(0, steps::kRegisterNumber);
        QCOMPARE(before.status, StepStatus::Intent);
        QCOMPARE(before.lookupTag, StepHarness::kPhone);
        const RunStep after = h.journaled(steps::kRegisterNumber);
        QCOMPARE(after.status, StepStatus::Done);
        QCOMPARE(after.externalId, QStringLiteral("p-1"));
        QVERIFY(h.ctx().vapiNumber);
        QCOMPARE(h.ctx().vapiNumber->id, QStringLiteral("p-1"));
    }

    void registerWithoutANumberOrAnAssistantSendsNothing()
    {
        h.numberBought(); // no inbound assistant
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(!o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("without a number or an inbound assistant")), qPrintable(o.error));
        QVERIFY(h.requests().isEmpty());
        QCOMPARE(h.journaled(steps::kRegisterNumber).status, StepStatus::Pending);
    }

    // A definite refusal is still checked against VAPI's list (a 409 may mean it is there already); not ours
    // there: failed, without effect.
    void registerRefusedDefinitelyFailsWithoutEffectAfterTheListSaysSo()
    {
        boughtAndCreated();
        h.nam().addRoute("POST", QStringLiteral("/phone-number"), Response::json(400, R"({"message":"number must be a valid phone number","statusCode":400})"));
        // The number on someone else's assistant is not our registration.
        h.nam().addRoute("GET", QStringLiteral("/phone-number"), Response::json(200, listOf({vapiNumber(QStringLiteral("p-9"), StepHarness::kPhone, QStringLiteral("x-9"))})));
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(!o.mayHaveTakenEffect);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST /phone-number"), QStringLiteral("GET /phone-number")}));
        const RunStep line = h.journaled(steps::kRegisterNumber);
        QCOMPARE(line.status, StepStatus::Failed);
        QVERIFY2(line.error.contains(QLatin1String("400")), qPrintable(line.error));
        QVERIFY(!h.ctx().vapiNumber);
    }

    void registerRefusedButListedAsOursIsDone()
    {
        boughtAndCreated();
        h.nam().addRoute("POST", QStringLiteral("/phone-number"), Response::json(409, R"({"message":"Number already exists","statusCode":409})"));
        h.nam().addRoute("GET", QStringLiteral("/phone-number"), Response::json(200, listOf({vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1"))})));
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.journaled(steps::kRegisterNumber).externalId, QStringLiteral("p-1"));
    }

    void registerWithoutADefiniteAnswerIsListedAndMayHaveTakenEffect_data()
    {
        QTest::addColumn<Response>("response");
        QTest::newRow("500") << Response::json(500, R"({"message":"Internal server error"})");
        QTest::newRow("timeout") << Response::hang();
        QTest::newRow("reset after send") << Response::resetAfterSend();
    }

    void registerWithoutADefiniteAnswerIsListedAndMayHaveTakenEffect()
    {
        QFETCH(Response, response);
        boughtAndCreated();
        h.nam().addRoute("POST", QStringLiteral("/phone-number"), response);
        h.nam().addRoute("GET", QStringLiteral("/phone-number"), Response::json(200, "[]"));
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST /phone-number"), QStringLiteral("GET /phone-number")}));
        QCOMPARE(h.journaled(steps::kRegisterNumber).status, StepStatus::Unknown);
    }

    // 201 without an id, then found on VAPI's list: done with the listed id.
    void registerConfirmedWithoutAnIdIsFoundOnTheList()
    {
        boughtAndCreated();
        h.nam().addRoute("POST", QStringLiteral("/phone-number"), Response::json(201, R"({"number":"+15105550100"})"));
        h.nam().addRoute("GET", QStringLiteral("/phone-number"), Response::json(200, listOf({vapiNumber(QStringLiteral("p-7"), StepHarness::kPhone, QStringLiteral("a-1"))})));
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        const RunStep line = h.journaled(steps::kRegisterNumber);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.externalId, QStringLiteral("p-7"));
    }

    void registerConfirmedWithoutAnIdAndNotListedSaysSo()
    {
        boughtAndCreated();
        h.nam().addRoute("POST", QStringLiteral("/phone-number"), Response::json(201, R"({"number":"+15105550100"})"));
        h.nam().addRoute("GET", QStringLiteral("/phone-number"), Response::json(200, "[]"));
        const StepOutcome o = h.run(new RegisterNumberStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("has no id")), qPrintable(o.error));
    }

    void removeDuplicateRegistrationsDeletesOnlyOtherRegistrationsOfOurNumber()
    {
        boughtAndCreated();
        h.ctx().vapiNumber = VapiPhoneNumber::fromJson(QJsonDocument::fromJson(vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1"))).object());
        h.nam().addRoute("GET", QStringLiteral("/phone-number"),
                         Response::json(200, listOf({vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1")),
                                                     vapiNumber(QStringLiteral("p-2"), StepHarness::kPhone, QStringLiteral("a-1")),
                                                     vapiNumber(QStringLiteral("p-3"), QStringLiteral("+15105550199"), QStringLiteral("x-9"))})));
        h.nam().addRoute("DELETE", QStringLiteral("/phone-number/.+"), Response::json(200, "{}"));
        const StepOutcome o = h.run(new RemoveDuplicateRegistrationsStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(o.detail, QStringLiteral("removed 1 duplicate registration(s)"));
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("GET /phone-number"), QStringLiteral("DELETE /phone-number/p-2")}));
    }

    void removeDuplicateRegistrationsWithADeleteRefusedFailsAsAWarning()
    {
        boughtAndCreated();
        h.ctx().vapiNumber = VapiPhoneNumber::fromJson(QJsonDocument::fromJson(vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1"))).object());
        h.nam().addRoute("GET", QStringLiteral("/phone-number"),
                         Response::json(200, listOf({vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1")),
                                                     vapiNumber(QStringLiteral("p-2"), StepHarness::kPhone, QStringLiteral("a-1"))})));
        h.nam().addRoute("DELETE", QStringLiteral("/phone-number/.+"), Response::json(403, R"({"message":"Forbidden"})"));
        const StepOutcome o = h.run(new RemoveDuplicateRegistrationsStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY2(o.error.startsWith(QLatin1String("could not delete duplicate VAPI registration p-2")), qPrintable(o.error));
    }

    void stepsWithoutTheLeaseSendAndJournalNothing()
    {
        boughtAndCreated();
        h.ctx().vapiNumber = VapiPhoneNumber::fromJson(QJsonDocument::fromJson(vapiNumber(QStringLiteral("p-1"), StepHarness::kPhone, QStringLiteral("a-1"))).object());
        h.loseTheLease();
        QCOMPARE(h.run(new RegisterNumberStep(h.ctx())).kind, StepOutcome::Kind::Fenced);
        QCOMPARE(h.run(new RemoveDuplicateRegistrationsStep(h.ctx())).kind, StepOutcome::Kind::Fenced);
        QVERIFY(h.requests().isEmpty());
        QCOMPARE(h.journaled(steps::kRegisterNumber).status, StepStatus::Pending);
    }
};

QTEST_GUILESS_MAIN(tst_RegistrationSteps)
#include "tst_registrationsteps.moc"
