#include "vapi/assistanttemplate.h"

#include "net/jsonfields.h"

#include <QFile>
#include <QJsonArray>

namespace oc {

namespace {
const char *const Keys[] = {"modelProvider", "model", "systemPrompt", "voiceProvider", "voiceId", "firstMessage"};

QString *field(AssistantTemplate &t, int i)
{
    QString *fields[] = {&t.modelProvider, &t.model, &t.systemPrompt, &t.voiceProvider, &t.voiceId, &t.firstMessage};
    return fields[i];
}
} // namespace

Result<AssistantTemplate> AssistantTemplate::fromJson(const QByteArray &json)
{
    const auto object = JsonFields::object(json);
    if (!object)
        return Error::invalid(QStringLiteral("The assistant template is not a JSON object."));
    AssistantTemplate t;
    for (int i = 0; i < 6; ++i) {
        const QJsonValue v = object->value(QLatin1String(Keys[i]));
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isString() || v.toString().trimmed().isEmpty())
            return Error::invalid(QStringLiteral("Assistant template: \"%1\" must be a non-empty string.")
                                      .arg(QLatin1String(Keys[i])));
        *field(t, i) = v.toString();
    }
    return t;
}

Result<AssistantTemplate> AssistantTemplate::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::notFound(QStringLiteral("Cannot read the assistant template %1: %2").arg(path, file.errorString()));
    return fromJson(file.readAll());
}

QJsonObject AssistantTemplate::toJson() const
{
    QJsonObject o;
    AssistantTemplate copy = *this;
    for (int i = 0; i < 6; ++i)
        o.insert(QLatin1String(Keys[i]), *field(copy, i));
    return o;
}

QString AssistantTemplate::render(const QString &text, const QString &orgName, AssistantRole role)
{
    static const QString orgKey = QStringLiteral("{orgName}");
    static const QString roleKey = QStringLiteral("{role}");
    QString out;
    qsizetype i = 0;
    while (i < text.size()) {
        if (QStringView(text).mid(i).startsWith(orgKey)) {
            out += orgName;
            i += orgKey.size();
        } else if (QStringView(text).mid(i).startsWith(roleKey)) {
            out += assistantRoleName(role);
            i += roleKey.size();
        } else {
            out += text.at(i++);
        }
    }
    return out;
}

QJsonObject AssistantTemplate::createBody(const QString &orgName, AssistantRole role, const QString &runId, qint64 version) const
{
    QJsonObject metadata{{QStringLiteral("orgConsoleRunId"), runId}, {QStringLiteral("role"), assistantRoleName(role)}};
    if (version > 0)
        metadata.insert(QStringLiteral("templateVersion"), version);
    const QJsonObject system{{QStringLiteral("role"), QStringLiteral("system")},
                             {QStringLiteral("content"), render(systemPrompt, orgName, role)}};
    return QJsonObject{
        {QStringLiteral("name"), assistantName(orgName, role)},
        {QStringLiteral("model"), QJsonObject{{QStringLiteral("provider"), modelProvider},
                                              {QStringLiteral("model"), model},
                                              {QStringLiteral("messages"), QJsonArray{system}}}},
        {QStringLiteral("voice"), QJsonObject{{QStringLiteral("provider"), voiceProvider},
                                              {QStringLiteral("voiceId"), voiceId}}},
        {QStringLiteral("firstMessage"), render(firstMessage, orgName, role)},
        {QStringLiteral("metadata"), metadata},
    };
}

namespace {
const QString kModel = QStringLiteral("model");
const QString kVoice = QStringLiteral("voice");
const QString kFirstMessage = QStringLiteral("firstMessage");
const QString kMetadata = QStringLiteral("metadata");
const QString kTemplateVersion = QStringLiteral("templateVersion");
}

QJsonObject AssistantTemplate::ownedFields(const QJsonObject &assistant)
{
    QJsonObject owned;
    for (const QString &key : {kModel, kVoice, kFirstMessage, kMetadata}) {
        if (assistant.contains(key))
            owned.insert(key, assistant.value(key));
    }
    return owned;
}

QJsonObject AssistantTemplate::patchFor(const QJsonObject &owned, const QString &orgName, AssistantRole role, qint64 version) const
{
    QJsonObject model = owned.value(kModel).toObject();
    model.insert(QStringLiteral("provider"), modelProvider);
    model.insert(QStringLiteral("model"), this->model);
    const QJsonObject system{{QStringLiteral("role"), QStringLiteral("system")},
                             {QStringLiteral("content"), render(systemPrompt, orgName, role)}};
    QJsonArray messages = model.value(QStringLiteral("messages")).toArray();
    bool replaced = false;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        if (messages.at(i).toObject().value(QStringLiteral("role")).toString() != QLatin1String("system"))
            continue;
        if (!replaced) {
            messages.replace(i, system);
            replaced = true;
        } else {
            messages.removeAt(i--); // one system prompt: the template's
        }
    }
    if (!replaced)
        messages.prepend(system);
    model.insert(QStringLiteral("messages"), messages);

    QJsonObject voice = owned.value(kVoice).toObject();
    voice.insert(QStringLiteral("provider"), voiceProvider);
    voice.insert(QStringLiteral("voiceId"), voiceId);

    QJsonObject metadata = owned.value(kMetadata).toObject();
    metadata.insert(kTemplateVersion, version);
    return QJsonObject{{kModel, model}, {kVoice, voice}, {kFirstMessage, render(firstMessage, orgName, role)}, {kMetadata, metadata}};
}

QStringList AssistantTemplate::changedKeys(const QJsonObject &owned, const QJsonObject &patch)
{
    QStringList changed;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (owned.value(it.key()) != it.value())
            changed << it.key();
    }
    return changed;
}

qint64 AssistantTemplate::versionOf(const QJsonObject &assistant)
{
    return assistant.value(kMetadata).toObject().value(kTemplateVersion).toInteger();
}

} // namespace oc
