// create_inbound_assistant, create_outbound_assistant and remove_duplicate_assistants alone, against the fake
// network and a real journal under a real lease: what each sends, what it journals and how it fails.
#include "provisioning/assistantsteps.h"
#include "provisioning/stepnames.h"
#include "stepharness.h"

#include <QJsonArray>
#include <QTest>

using namespace oc;
using oc::test::StepHarness;
using Response = oc::test::FakeNetworkAccessManager::Response;
using pipeline::StepOutcome;

Q_DECLARE_METATYPE(oc::AssistantRole)

class tst_AssistantSteps : public QObject
{
    Q_OBJECT

private:
    StepHarness h;

    QByteArray tagged(const QString &id, const char *role) const
    {
        return StepHarness::assistantJson(id, h.runId(), QString::fromLatin1(role));
    }

private Q_SLOTS:
    void init() { h.setUp(); }
    void cleanup() { h.tearDown(); }

    void createSendsTheTemplateTaggedWithRunAndRoleAfterItsIntent_data()
    {
        QTest::addColumn<AssistantRole>("role");
        QTest::addColumn<QString>("step");
        QTest::newRow("inbound") << AssistantRole::Inbound << steps::kCreateInbound;
        QTest::newRow("outbound") << AssistantRole::Outbound << steps::kCreateOutbound;
    }

    void createSendsTheTemplateTaggedWithRunAndRoleAfterItsIntent()
    {
        QFETCH(AssistantRole, role);
        QFETCH(QString, step);
        const QString roleName = assistantRoleName(role);
        h.nam().addRoute("POST", QStringLiteral("/assistant"), Response::json(201, StepHarness::assistantJson(QStringLiteral("a-1"), h.runId(), roleName)));
        const StepOutcome o = h.run(new CreateAssistantStep(h.ctx(), role));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), QStringList{QStringLiteral("POST /assistant")});
        const auto &post = h.requests().first();
        QCOMPARE(post.header("Authorization"), QByteArray("Bearer key"));
        const QJsonObject body = StepHarness::json(post);
        QCOMPARE(body.value(QLatin1String("name")).toString(), assistantName(QStringLiteral("Acme"), role));
        QCOMPARE(body.value(QLatin1String("metadata")).toObject().value(QLatin1String("orgConsoleRunId")).toString(), h.runId());
        QCOMPARE(body.value(QLatin1String("metadata")).toObject().value(QLatin1String("role")).toString(), roleName);
        QVERIFY(!body.value(QLatin1String("model")).toObject().value(QLatin1String("messages")).toArray().isEmpty());
        const RunStep before = h.lineWhenSent(0, step);
        QCOMPARE(before.status, StepStatus::Intent);
        QCOMPARE(before.lookupTag, QStringLiteral("role=") + roleName);
        const RunStep after = h.journaled(step);
        QCOMPARE(after.status, StepStatus::Done);
        QCOMPARE(after.externalId, QStringLiteral("a-1"));
        const auto &slot = role == AssistantRole::Inbound ? h.ctx().inbound : h.ctx().outbound;
        const auto &other = role == AssistantRole::Inbound ? h.ctx().outbound : h.ctx().inbound;
        QVERIFY(slot);
        QCOMPARE(slot->id, QStringLiteral("a-1"));
        QVERIFY(!other);
    }

    void createRefusedDefinitelyFailsWithoutEffectOrLookup()
    {
        h.nam().addRoute("POST", QStringLiteral("/assistant"), Response::json(400, R"({"message":["voice.voiceId must be a string"],"error":"Bad Request","statusCode":400})"));
        const StepOutcome o = h.run(new CreateAssistantStep(h.ctx(), AssistantRole::Inbound));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(!o.mayHaveTakenEffect);
        QCOMPARE(h.sent(), QStringList{QStringLiteral("POST /assistant")});
        const RunStep line = h.journaled(steps::kCreateInbound);
        QCOMPARE(line.status, StepStatus::Failed);
        QVERIFY(!line.error.isEmpty());
        QVERIFY(!h.ctx().inbound);
    }

    // No definite answer: never re-sent; VAPI is listed for our tags, and finding none leaves the step "may have
    // taken effect" with its journal line unknown — the undo deletes by tag.
    void createWithoutADefiniteAnswerIsListedAndMayHaveTakenEffect_data()
    {
        QTest::addColumn<Response>("response");
        QTest::newRow("502") << Response::json(502, R"({"message":"Bad gateway"})");
        QTest::newRow("timeout") << Response::hang();
        QTest::newRow("reset after send") << Response::resetAfterSend();
    }

    void createWithoutADefiniteAnswerIsListedAndMayHaveTakenEffect()
    {
        QFETCH(Response, response);
        h.nam().addRoute("POST", QStringLiteral("/assistant"), response);
        h.nam().addRoute("GET", QStringLiteral("/assistant"), Response::json(200, '[' + StepHarness::assistantJson(QStringLiteral("x-9"), QStringLiteral("other-run"), QStringLiteral("inbound")) + ']'));
        const StepOutcome o = h.run(new CreateAssistantStep(h.ctx(), AssistantRole::Inbound));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST /assistant"), QStringLiteral("GET /assistant")}));
        // Listed from before the run started (clock skew), not from the beginning of time.
        QVERIFY(QUrlQuery(h.requests().at(1).url).hasQueryItem(QStringLiteral("createdAtGe")));
        QCOMPARE(h.journaled(steps::kCreateInbound).status, StepStatus::Unknown);
        QVERIFY(!h.ctx().inbound); // someone else's assistant is never taken for ours
    }

    // A re-sent create made two: one is kept and recorded, the other deleted.
    void createWithoutAnAnswerKeepsOneTaggedAssistantAndDeletesTheOther()
    {
        h.nam().addRoute("POST", QStringLiteral("/assistant"), Response::hang());
        h.nam().addRoute("GET", QStringLiteral("/assistant"),
                         Response::json(200, '[' + tagged(QStringLiteral("a-1"), "inbound") + ',' + tagged(QStringLiteral("a-2"), "inbound") + ','
                                                 + tagged(QStringLiteral("b-1"), "outbound") + ']'));
        h.nam().addRoute("DELETE", QStringLiteral("/assistant/.+"), Response::json(200, "{}"));
        const StepOutcome o = h.run(new CreateAssistantStep(h.ctx(), AssistantRole::Inbound));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("POST /assistant"), QStringLiteral("GET /assistant"), QStringLiteral("DELETE /assistant/a-2")}));
        const RunStep line = h.journaled(steps::kCreateInbound);
        QCOMPARE(line.status, StepStatus::Done);
        QCOMPARE(line.externalId, QStringLiteral("a-1"));
        QCOMPARE(h.ctx().inbound->id, QStringLiteral("a-1"));
    }

    // 201 without an id: it happened, but what? Reconciled like an ambiguous answer, and says so if not found.
    void createConfirmedWithoutAnIdIsListedAndSaysSo()
    {
        h.nam().addRoute("POST", QStringLiteral("/assistant"), Response::json(201, R"({"name":"Acme inbound"})"));
        h.nam().addRoute("GET", QStringLiteral("/assistant"), Response::json(200, "[]"));
        const StepOutcome o = h.run(new CreateAssistantStep(h.ctx(), AssistantRole::Outbound));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("has no id")), qPrintable(o.error));
        QCOMPARE(h.journaled(steps::kCreateOutbound).status, StepStatus::Unknown);
    }

    void createWhoseListIsMalformedToo()
    {
        h.nam().addRoute("POST", QStringLiteral("/assistant"), Response::hang());
        h.nam().addRoute("GET", QStringLiteral("/assistant"), Response::json(200, R"({"items":[]})"));
        const StepOutcome o = h.run(new CreateAssistantStep(h.ctx(), AssistantRole::Inbound));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY(o.mayHaveTakenEffect);
        QVERIFY2(o.error.contains(QLatin1String("the lookup failed too")) && o.error.contains(QLatin1String("not a JSON array")), qPrintable(o.error));
    }

    // After the pivot: every assistant tagged with this run that the configuration does not use is deleted.
    void removeDuplicatesDeletesOnlyOurUnusedAssistants()
    {
        h.assistantMade(AssistantRole::Inbound, QStringLiteral("a-1"));
        h.assistantMade(AssistantRole::Outbound, QStringLiteral("b-1"));
        h.nam().addRoute("GET", QStringLiteral("/assistant"),
                         Response::json(200, '[' + tagged(QStringLiteral("a-1"), "inbound") + ',' + tagged(QStringLiteral("a-2"), "inbound") + ','
                                                 + tagged(QStringLiteral("b-1"), "outbound") + ','
                                                 + StepHarness::assistantJson(QStringLiteral("x-9"), QStringLiteral("other-run"), QStringLiteral("inbound")) + ']'));
        h.nam().addRoute("DELETE", QStringLiteral("/assistant/.+"), Response::json(200, "{}"));
        const StepOutcome o = h.run(new RemoveDuplicateAssistantsStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Success);
        QCOMPARE(o.detail, QStringLiteral("removed 1 duplicate(s)"));
        QCOMPARE(h.sent(), (QStringList{QStringLiteral("GET /assistant"), QStringLiteral("DELETE /assistant/a-2")}));
    }

    void removeDuplicatesThatCannotListFailsAsAWarning()
    {
        h.assistantMade(AssistantRole::Inbound, QStringLiteral("a-1"));
        h.nam().addRoute("GET", QStringLiteral("/assistant"), Response::json(401, R"({"message":"Invalid Key"})"));
        const StepOutcome o = h.run(new RemoveDuplicateAssistantsStep(h.ctx()));
        QCOMPARE(o.kind, StepOutcome::Kind::Failure);
        QVERIFY2(o.error.startsWith(QLatin1String("could not check for duplicate assistants")), qPrintable(o.error));
        for (const QString &request : h.sent())
            QVERIFY2(!request.startsWith(QLatin1String("DELETE")), qPrintable(request));
    }

    void stepsWithoutTheLeaseSendAndJournalNothing()
    {
        h.assistantMade(AssistantRole::Outbound, QStringLiteral("b-1"));
        h.loseTheLease();
        QCOMPARE(h.run(new CreateAssistantStep(h.ctx(), AssistantRole::Inbound)).kind, StepOutcome::Kind::Fenced);
        QCOMPARE(h.run(new RemoveDuplicateAssistantsStep(h.ctx())).kind, StepOutcome::Kind::Fenced);
        QVERIFY(h.requests().isEmpty());
        QCOMPARE(h.journaled(steps::kCreateInbound).status, StepStatus::Pending);
    }
};

QTEST_GUILESS_MAIN(tst_AssistantSteps)
#include "tst_assistantsteps.moc"
