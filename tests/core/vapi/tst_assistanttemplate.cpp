#include "vapi/assistanttemplate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace oc;

// What a rollout sends (issue 13): the template's fields only, everything else of the assistant as VAPI has it.
class TestAssistantTemplate : public QObject
{
    Q_OBJECT

private:
    // An assistant as GET /assistant/{id} answers: set up from the default template, then changed by hand in
    // VAPI's dashboard (a temperature, a tool message, a voice speed, a note in metadata).
    static QJsonObject liveAssistant()
    {
        QJsonObject a = AssistantTemplate{}.createBody(QStringLiteral("Acme {role} Dental"), AssistantRole::Inbound, QStringLiteral("run-1"), 1);
        QJsonObject model = a.value(QStringLiteral("model")).toObject();
        model.insert(QStringLiteral("temperature"), 0.3);
        QJsonArray messages = model.value(QStringLiteral("messages")).toArray();
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QStringLiteral("kept")}});
        model.insert(QStringLiteral("messages"), messages);
        a.insert(QStringLiteral("model"), model);
        QJsonObject voice = a.value(QStringLiteral("voice")).toObject();
        voice.insert(QStringLiteral("speed"), 1.2);
        a.insert(QStringLiteral("voice"), voice);
        QJsonObject metadata = a.value(QStringLiteral("metadata")).toObject();
        metadata.insert(QStringLiteral("note"), QStringLiteral("by hand"));
        a.insert(QStringLiteral("metadata"), metadata);
        a.insert(QStringLiteral("id"), QStringLiteral("3f2a0c1e-0000-4000-8000-000000000001"));
        a.insert(QStringLiteral("serverUrl"), QStringLiteral("https://hooks.example/vapi"));
        return a;
    }

private Q_SLOTS:
    void ownedFieldsAreTheFourObjectsARolloutReplaces()
    {
        const QJsonObject owned = AssistantTemplate::ownedFields(liveAssistant());
        QStringList keys = owned.keys();
        QCOMPARE(keys, (QStringList{QStringLiteral("firstMessage"), QStringLiteral("metadata"), QStringLiteral("model"), QStringLiteral("voice")}));
        QCOMPARE(owned.value(QStringLiteral("model")), liveAssistant().value(QStringLiteral("model"))); // whole, to put back exactly
    }

    void patchChangesOnlyWhatTheTemplateOwns()
    {
        AssistantTemplate v2;
        v2.systemPrompt = QStringLiteral("New prompt for {orgName} ({role}).");
        v2.model = QStringLiteral("gpt-4o-mini");
        v2.voiceId = QStringLiteral("Kylie");
        v2.firstMessage = QStringLiteral("Hi from {orgName}");
        const QString org = QStringLiteral("Acme {role} Dental"); // a placeholder in the name stays literal
        const QJsonObject owned = AssistantTemplate::ownedFields(liveAssistant());
        const QJsonObject patch = v2.patchFor(owned, org, AssistantRole::Outbound, 2);
        QCOMPARE(patch.keys(), owned.keys());
        const QJsonObject model = patch.value(QStringLiteral("model")).toObject();
        QCOMPARE(model.value(QStringLiteral("model")).toString(), QStringLiteral("gpt-4o-mini"));
        QCOMPARE(model.value(QStringLiteral("temperature")).toDouble(), 0.3); // kept
        const QJsonArray messages = model.value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("New prompt for Acme {role} Dental (outbound)."));
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("kept"));
        const QJsonObject voice = patch.value(QStringLiteral("voice")).toObject();
        QCOMPARE(voice.value(QStringLiteral("voiceId")).toString(), QStringLiteral("Kylie"));
        QCOMPARE(voice.value(QStringLiteral("speed")).toDouble(), 1.2);
        QCOMPARE(patch.value(QStringLiteral("firstMessage")).toString(), QStringLiteral("Hi from Acme {role} Dental"));
        const QJsonObject metadata = patch.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("templateVersion")).toInteger(), 2);
        QCOMPARE(metadata.value(QStringLiteral("note")).toString(), QStringLiteral("by hand"));
        QCOMPARE(metadata.value(QStringLiteral("orgConsoleRunId")).toString(), QStringLiteral("run-1"));
        QVERIFY(!patch.contains(QStringLiteral("name")));
        QVERIFY(!patch.contains(QStringLiteral("serverUrl")));
        QCOMPARE(AssistantTemplate::changedKeys(owned, patch),
                 (QStringList{QStringLiteral("firstMessage"), QStringLiteral("metadata"), QStringLiteral("model"), QStringLiteral("voice")}));
    }

    void samePatchAgainChangesNothing()
    {
        AssistantTemplate v2;
        v2.firstMessage = QStringLiteral("Hi");
        QJsonObject live = liveAssistant();
        const QJsonObject patch = v2.patchFor(AssistantTemplate::ownedFields(live), QStringLiteral("Acme"), AssistantRole::Inbound, 2);
        for (auto it = patch.begin(); it != patch.end(); ++it)
            live.insert(it.key(), it.value()); // VAPI applied it
        const QJsonObject again = v2.patchFor(AssistantTemplate::ownedFields(live), QStringLiteral("Acme"), AssistantRole::Inbound, 2);
        QVERIFY(AssistantTemplate::changedKeys(AssistantTemplate::ownedFields(live), again).isEmpty());
        QCOMPARE(AssistantTemplate::versionOf(live), 2);
        QCOMPARE(AssistantTemplate::versionOf(QJsonObject{}), 0);
    }

    void aSystemPromptIsAddedWhenThereWasNoneAndDuplicatesGo()
    {
        QJsonObject owned{{QStringLiteral("model"), QJsonObject{{QStringLiteral("messages"), QJsonArray{
            QJsonObject{{QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), QStringLiteral("one")}},
            QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("u")}},
            QJsonObject{{QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), QStringLiteral("two")}}}}}}};
        const QJsonArray messages = AssistantTemplate{}.patchFor(owned, QStringLiteral("X"), AssistantRole::Inbound, 3)
                                        .value(QStringLiteral("model")).toObject().value(QStringLiteral("messages")).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).toObject().value(QStringLiteral("content")).toString(), QStringLiteral("u"));
        const QJsonArray fresh = AssistantTemplate{}.patchFor({}, QStringLiteral("X"), AssistantRole::Inbound, 3)
                                     .value(QStringLiteral("model")).toObject().value(QStringLiteral("messages")).toArray();
        QCOMPARE(fresh.size(), 1);
        QCOMPARE(fresh.at(0).toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    }

    void createBodyRecordsTheVersion()
    {
        const QJsonObject body = AssistantTemplate{}.createBody(QStringLiteral("Acme"), AssistantRole::Inbound, QStringLiteral("r"), 4);
        QCOMPARE(AssistantTemplate::versionOf(body), 4);
        QVERIFY(!AssistantTemplate{}.createBody(QStringLiteral("Acme"), AssistantRole::Inbound, QStringLiteral("r")).value(QStringLiteral("metadata"))
                     .toObject().contains(QStringLiteral("templateVersion")));
    }
};

QTEST_GUILESS_MAIN(TestAssistantTemplate)
#include "tst_assistanttemplate.moc"
