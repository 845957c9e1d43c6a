#pragma once

#include "util/result.h"
#include "vapi/assistantname.h"

#include <QJsonObject>
#include <QString>

namespace oc {

// How the console's assistants are configured: one template for both roles. Texts may use the
// placeholders {orgName} and {role}; they are replaced in one pass, so an org name that itself contains
// "{role}" stays literal. Bodies are built as QJsonObject: no org name can break the JSON.
struct AssistantTemplate {
    QString modelProvider = QStringLiteral("openai");
    QString model = QStringLiteral("gpt-4o");
    QString systemPrompt = QStringLiteral(
        "You are the {role} voice assistant for {orgName}. Be friendly, concise and professional, like a "
        "good receptionist: greet callers, find out what they need, answer questions about {orgName} and "
        "take a message when you cannot help.");
    QString voiceProvider = QStringLiteral("vapi");
    QString voiceId = QStringLiteral("Elliot");
    QString firstMessage = QStringLiteral("Hello, thank you for calling {orgName}. How can I help you today?");

    // Missing keys keep their defaults; wrong types are an error. Keys as in toJson().
    static Result<AssistantTemplate> fromJson(const QByteArray &json);
    static Result<AssistantTemplate> load(const QString &path);
    QJsonObject toJson() const;

    static QString render(const QString &text, const QString &orgName, AssistantRole role);

    // POST /assistant body: name (truncated, see assistantName), model{provider, model, messages[system]},
    // voice{provider, voiceId}, firstMessage, metadata{orgConsoleRunId, role, templateVersion (when > 0)}.
    QJsonObject createBody(const QString &orgName, AssistantRole role, const QString &runId, qint64 version = 0) const;

    // What a template owns of an assistant, as VAPI has it now: the top-level objects a rollout replaces —
    // model, voice, firstMessage, metadata — whole, so the exact previous configuration can be put back.
    static QJsonObject ownedFields(const QJsonObject &assistant);
    // PATCH /assistant/{id} body bringing `owned` (ownedFields()) to this template at `version`: inside model and
    // voice only the keys the template owns change (model.provider, model.model, the system message — in place,
    // other messages kept —, voice.provider, voice.voiceId); every other key of them is kept as it is; firstMessage
    // is replaced; metadata gets templateVersion, the rest kept.
    QJsonObject patchFor(const QJsonObject &owned, const QString &orgName, AssistantRole role, qint64 version) const;
    // The top-level keys of `patch` that would change `owned`: empty when the assistant already is so.
    static QStringList changedKeys(const QJsonObject &owned, const QJsonObject &patch);
    // The template version an assistant says it has (metadata.templateVersion), 0 when it says none.
    static qint64 versionOf(const QJsonObject &assistant);
};

} // namespace oc
