#include "vapiemulator.h"

#include "sandbox/formdata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

#include <algorithm>

namespace oc::sandbox {

namespace {

const QRegularExpression &pathPattern()
{
    static const QRegularExpression re(QStringLiteral(R"(^/(assistant|phone-number|call)(?:/([^/]+))?/?$)"));
    return re;
}

HttpReply json(int status, const QJsonValue &body)
{
    const QJsonDocument doc = body.isArray() ? QJsonDocument(body.toArray()) : QJsonDocument(body.toObject());
    return HttpReply(status, doc.toJson(QJsonDocument::Compact));
}

QString reasonFor(int status)
{
    switch (status) {
    case 400: return QStringLiteral("Bad Request");
    case 401: return QStringLiteral("Unauthorized");
    case 404: return QStringLiteral("Not Found");
    case 409: return QStringLiteral("Conflict");
    case 429: return QStringLiteral("Too Many Requests");
    default: return status >= 500 ? QStringLiteral("Internal Server Error") : QStringLiteral("Error");
    }
}

} // namespace

VapiEmulator::VapiEmulator(SandboxState &state, const SandboxConfig &config)
    : m_state(state), m_config(config),
      m_orgId(QUuid::createUuidV5(QUuid(), config.credentials.vapiApiKey).toString(QUuid::WithoutBraces))
{
}

bool VapiEmulator::ownsPath(const QString &path)
{
    return pathPattern().match(path).hasMatch();
}

QString VapiEmulator::route(const HttpCall &call) const
{
    const auto m = pathPattern().match(call.path);
    if (!m.hasMatch())
        return {};
    const bool item = !m.captured(2).isEmpty();
    if (m.captured(1) == QLatin1String("call"))
        return !item && call.method == "GET" ? QStringLiteral("vapi.call.list") : QString();
    if (m.captured(1) == QLatin1String("assistant")) {
        if (item) {
            if (call.method == "GET") return QStringLiteral("vapi.assistant.get");
            if (call.method == "PATCH") return QStringLiteral("vapi.assistant.update");
            if (call.method == "DELETE") return QStringLiteral("vapi.assistant.delete");
            return {};
        }
        if (call.method == "POST") return QStringLiteral("vapi.assistant.create");
        return call.method == "GET" ? QStringLiteral("vapi.assistant.list") : QString();
    }
    if (item)
        return call.method == "DELETE" ? QStringLiteral("vapi.phone.delete") : QString();
    if (call.method == "POST") return QStringLiteral("vapi.phone.create");
    return call.method == "GET" ? QStringLiteral("vapi.phone.list") : QString();
}

std::optional<HttpReply> VapiEmulator::authenticate(const HttpCall &call) const
{
    if (call.header("Authorization") != "Bearer " + m_config.credentials.vapiApiKey.toUtf8())
        return error(401, QStringLiteral("Invalid Key. Hot tip, make sure you're using the private key."));
    return std::nullopt;
}

HttpReply VapiEmulator::error(int status, const QJsonValue &message)
{
    return json(status, QJsonObject{{QStringLiteral("statusCode"), status},
                                    {QStringLiteral("error"), reasonFor(status)},
                                    {QStringLiteral("message"), message}});
}

HttpReply VapiEmulator::echoError(const QString &endpoint, const HttpCall &call)
{
    QString key = QString::fromUtf8(call.header("Authorization"));
    if (key.startsWith(QLatin1String("Bearer ")))
        key = key.mid(7);
    QStringList messages{QStringLiteral("key %1 rejected").arg(key)};
    QJsonArray received{key};
    if (endpoint == QLatin1String("vapi.phone.create")) {
        const QString token = QJsonDocument::fromJson(call.body).object().value(QLatin1String("twilioAuthToken")).toString();
        messages << QStringLiteral("twilioAuthToken %1 rejected").arg(token);
        received.append(token);
    }
    return json(400, QJsonObject{{QStringLiteral("message"), QJsonArray::fromStringList(messages)},
                                 {QStringLiteral("error"), reasonFor(400)},
                                 {QStringLiteral("statusCode"), 400},
                                 {QStringLiteral("detail"), key},
                                 {QStringLiteral("received"), received}});
}

QString VapiEmulator::now() const
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

HttpReply VapiEmulator::handle(const QString &endpoint, const HttpCall &call)
{
    const QString id = pathPattern().match(call.path).captured(2);
    QJsonObject body;
    if (call.method == "POST" || call.method == "PATCH") {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(call.body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return error(400, QStringLiteral("Unexpected token in JSON at position %1").arg(parseError.offset));
        body = doc.object();
    }
    if (endpoint == QLatin1String("vapi.assistant.create"))
        return createAssistant(body);
    if (endpoint == QLatin1String("vapi.assistant.list"))
        return listAssistants(call);
    if (endpoint == QLatin1String("vapi.call.list"))
        return listCalls(call);
    if (endpoint == QLatin1String("vapi.assistant.get")) {
        const int i = SandboxState::indexOfId(m_state.assistants(), id);
        return i < 0 ? error(404, QStringLiteral("Couldn't Get Assistant. `assistant` Not Found."))
                     : json(200, m_state.assistants().at(i));
    }
    if (endpoint == QLatin1String("vapi.assistant.update"))
        return updateAssistant(id, body);
    if (endpoint == QLatin1String("vapi.assistant.delete"))
        return deleteAssistant(id);
    if (endpoint == QLatin1String("vapi.phone.create"))
        return createPhone(body);
    if (endpoint == QLatin1String("vapi.phone.delete"))
        return deletePhone(id);
    return listPhones(call);
}

QStringList VapiEmulator::validateName(const QJsonObject &body, const QString &field)
{
    QStringList problems;
    if (!body.contains(field))
        return problems;
    if (!body.value(field).isString())
        problems << QStringLiteral("%1 must be a string").arg(field);
    else if (body.value(field).toString().size() > 40)
        problems << QStringLiteral("%1 must be shorter than or equal to 40 characters").arg(field);
    return problems;
}

HttpReply VapiEmulator::createAssistant(const QJsonObject &body)
{
    if (const QStringList problems = validateName(body, QStringLiteral("name")); !problems.isEmpty())
        return error(400, QJsonArray::fromStringList(problems));
    QJsonObject assistant = body;
    const QString stamp = now();
    assistant.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    assistant.insert(QStringLiteral("orgId"), m_orgId);
    assistant.insert(QStringLiteral("createdAt"), stamp);
    assistant.insert(QStringLiteral("updatedAt"), stamp);
    m_state.assistants().append(assistant);
    if (m_config.demoCalls) {
        // A few calls over the last hours, priced like short VAPI calls; deterministic per assistant name.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const uint h = qHash(assistant.value(QLatin1String("name")).toString());
        const int n = 2 + int(h % 4);
        for (int i = 0; i < n; ++i) {
            const double cost = 0.05 + double((h >> (i * 3)) % 40) / 100.0;
            m_state.addCall(QJsonObject{{QStringLiteral("assistantId"), assistant.value(QLatin1String("id"))},
                                        {QStringLiteral("cost"), cost},
                                        {QStringLiteral("createdAt"), now.addSecs(-60 * (i + 1)).toString(Qt::ISODateWithMs)}});
        }
    }
    return json(201, assistant);
}

HttpReply VapiEmulator::updateAssistant(const QString &id, const QJsonObject &body)
{
    const int i = SandboxState::indexOfId(m_state.assistants(), id);
    if (i < 0)
        return error(404, QStringLiteral("Couldn't Find Assistant. `assistant` Not Found."));
    if (const QStringList problems = validateName(body, QStringLiteral("name")); !problems.isEmpty())
        return error(400, QJsonArray::fromStringList(problems));
    QJsonObject &assistant = m_state.assistants()[i];
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() != QLatin1String("id") && it.key() != QLatin1String("orgId") && it.key() != QLatin1String("createdAt"))
            assistant.insert(it.key(), it.value());
    }
    assistant.insert(QStringLiteral("updatedAt"), now());
    return json(200, assistant);
}

HttpReply VapiEmulator::deleteAssistant(const QString &id)
{
    const int i = SandboxState::indexOfId(m_state.assistants(), id);
    if (i < 0)
        return error(404, QStringLiteral("Couldn't Find Assistant. `assistant` Not Found."));
    if (m_state.isPinned(id)) {
        return json(409, QJsonObject{{QStringLiteral("statusCode"), 409},
                                     {QStringLiteral("error"), QStringLiteral("assistant_pinned")},
                                     {QStringLiteral("message"), QStringLiteral("Assistant is pinned and cannot be deleted.")}});
    }
    const QJsonObject gone = m_state.assistants().takeAt(i);
    m_state.setPinned(id, false);
    return json(200, gone);
}

HttpReply VapiEmulator::listAssistants(const HttpCall &call) const
{
    return listPage(m_state.assistants(), call);
}

HttpReply VapiEmulator::listCalls(const HttpCall &call) const
{
    const FormData query = FormData::parse(call.rawQuery);
    const QString assistantId = query.value(QStringLiteral("assistantId"));
    QList<QJsonObject> of;
    for (QJsonObject c : m_state.calls()) {
        if (!assistantId.isEmpty() && c.value(QLatin1String("assistantId")).toString() != assistantId)
            continue;
        if (!c.contains(QLatin1String("orgId"))) // a call belongs to the key's org, as every object here does
            c.insert(QStringLiteral("orgId"), m_orgId);
        of.append(c);
    }
    return listPage(of, call);
}

HttpReply VapiEmulator::listPage(const QList<QJsonObject> &all, const HttpCall &call)
{
    const FormData query = FormData::parse(call.rawQuery);
    QStringList problems;
    int limit = 100; // VAPI's default; 0 (allowed by the spec, its meaning unpublished) gets it too
    if (query.contains(QStringLiteral("limit"))) {
        bool ok = false;
        const double value = query.value(QStringLiteral("limit")).toDouble(&ok);
        if (!ok)
            problems << QStringLiteral("limit must be a number conforming to the specified constraints");
        else if (value < 0)
            problems << QStringLiteral("limit must not be less than 0");
        else if (value > MaxListLimit)
            problems << QStringLiteral("limit must not be greater than %1").arg(MaxListLimit);
        else if (value >= 1)
            limit = int(value);
    }
    // Bounds as stored stamps: every createdAt is written as UTC yyyy-MM-ddTHH:mm:ss.zzzZ, so comparing the
    // text is comparing the time (thousands of items must not cost a date parse each).
    QString bounds[4];
    const char *names[4] = {"createdAtGe", "createdAtGt", "createdAtLe", "createdAtLt"};
    for (int i = 0; i < 4; ++i) {
        const QString key = QString::fromLatin1(names[i]);
        if (!query.contains(key))
            continue;
        const QDateTime t = QDateTime::fromString(query.value(key), Qt::ISODateWithMs);
        if (!t.isValid())
            problems << QStringLiteral("%1 must be a valid ISO 8601 date string").arg(key);
        else
            bounds[i] = t.toUTC().toString(Qt::ISODateWithMs);
    }
    if (!problems.isEmpty())
        return error(400, QJsonArray::fromStringList(problems));
    const auto &[ge, gt, le, lt] = bounds;
    QList<qsizetype> matching;
    for (qsizetype i = all.size() - 1; i >= 0; --i) { // newest insertion first: ties keep that order
        const QString created = all.at(i).value(QLatin1String("createdAt")).toString();
        if ((!ge.isEmpty() && created < ge) || (!gt.isEmpty() && created <= gt) || (!le.isEmpty() && created > le)
            || (!lt.isEmpty() && created >= lt))
            continue;
        matching.append(i);
    }
    // The page holds the newest `limit` items of the window (createdAt descending, as VAPI sorts by default),
    // listed newest first here; VAPI promises no order within the page and the client relies on none.
    const auto createdOf = [&all](qsizetype i) { return all.at(i).value(QLatin1String("createdAt")).toString(); };
    std::stable_sort(matching.begin(), matching.end(), [&](qsizetype a, qsizetype b) { return createdOf(a) > createdOf(b); });
    QJsonArray out;
    for (qsizetype k = 0; k < matching.size() && k < limit; ++k)
        out.append(all.at(matching.at(k)));
    return json(200, out);
}

HttpReply VapiEmulator::createPhone(const QJsonObject &body)
{
    QStringList problems = validateName(body, QStringLiteral("name"));
    if (body.value(QLatin1String("provider")).toString() != QLatin1String("twilio"))
        problems << QStringLiteral("provider must be one of the following values: twilio");
    for (const char *field : {"number", "twilioAccountSid"}) {
        if (!body.value(QLatin1String(field)).isString())
            problems << QStringLiteral("%1 must be a string").arg(QLatin1String(field));
    }
    if (!problems.isEmpty())
        return error(400, QJsonArray::fromStringList(problems));
    const QString number = body.value(QLatin1String("number")).toString();
    if (body.value(QLatin1String("twilioAccountSid")).toString() != m_config.credentials.twilioAccountSid
        || body.value(QLatin1String("twilioAuthToken")).toString() != m_config.credentials.twilioAuthToken)
        return error(400, QStringLiteral("Twilio Error: Authentication Error - invalid username"));
    if (!m_state.numberByPhone(number))
        return error(400, QStringLiteral("Number Not Found on Twilio."));
    const QString assistantId = body.value(QLatin1String("assistantId")).toString();
    if (body.contains(QLatin1String("assistantId")) && SandboxState::indexOfId(m_state.assistants(), assistantId) < 0)
        return error(400, QStringLiteral("Couldn't Find Assistant. `assistantId` Not Found."));
    const bool duplicatesAllowed = m_state.takeAcceptDuplicate(QStringLiteral("vapi.phone.create"));
    for (const QJsonObject &p : m_state.vapiPhoneNumbers()) {
        if (!duplicatesAllowed && p.value(QLatin1String("number")).toString() == number)
            return error(400, QStringLiteral("Existing Phone Number %1 Has The Same Number.").arg(number));
    }
    QJsonObject phone = body;
    const QString stamp = now();
    phone.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    phone.insert(QStringLiteral("orgId"), m_orgId);
    phone.insert(QStringLiteral("status"), QStringLiteral("active"));
    phone.insert(QStringLiteral("createdAt"), stamp);
    phone.insert(QStringLiteral("updatedAt"), stamp);
    m_state.vapiPhoneNumbers().append(phone);
    return json(201, phone);
}

HttpReply VapiEmulator::deletePhone(const QString &id)
{
    const int i = SandboxState::indexOfId(m_state.vapiPhoneNumbers(), id);
    if (i < 0)
        return error(404, QStringLiteral("Couldn't Find Phone Number. `phoneNumber` Not Found."));
    return json(200, m_state.vapiPhoneNumbers().takeAt(i));
}

HttpReply VapiEmulator::listPhones(const HttpCall &call) const
{
    return listPage(m_state.vapiPhoneNumbers(), call);
}

} // namespace oc::sandbox
