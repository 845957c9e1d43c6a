#pragma once

#include "sandbox/httpexchange.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxstate.h"

#include <QJsonObject>

#include <optional>

namespace oc::sandbox {

// VAPI's /assistant, /phone-number (Twilio provider) and GET /call with Bearer auth and NestJS-style error bodies
// ({statusCode, error, message}; message is a string array for validation failures, as class-validator emits).
class VapiEmulator
{
public:
    VapiEmulator(SandboxState &state, const SandboxConfig &config);

    static bool ownsPath(const QString &path);
    QString route(const HttpCall &call) const;
    std::optional<HttpReply> authenticate(const HttpCall &call) const;
    HttpReply handle(const QString &endpoint, const HttpCall &call);

    static HttpReply error(int status, const QJsonValue &message);
    // The `echo` fault (FaultPlan): 400 repeating the Bearer key (and, for a phone-number create, the body's
    // twilioAuthToken) in `message`, bare in `detail` and in `received`.
    static HttpReply echoError(const QString &endpoint, const HttpCall &call);

    // GET /assistant and GET /phone-number: `limit` 0..1000 (default 100; above 1000 a 400, as VAPI's
    // validation answers), createdAtGt/Lt/Ge/Le, a plain array of the newest `limit` matching items.
    static constexpr int MaxListLimit = 1000;
    static HttpReply listPage(const QList<QJsonObject> &items, const HttpCall &call);

private:
    HttpReply createAssistant(const QJsonObject &body);
    HttpReply updateAssistant(const QString &id, const QJsonObject &body);
    HttpReply deleteAssistant(const QString &id);
    HttpReply listAssistants(const HttpCall &call) const;
    // GET /call: as listPage, only `assistantId`'s calls when it is given.
    HttpReply listCalls(const HttpCall &call) const;
    HttpReply createPhone(const QJsonObject &body);
    HttpReply deletePhone(const QString &id);
    HttpReply listPhones(const HttpCall &call) const;
    static QStringList validateName(const QJsonObject &body, const QString &field);
    QString now() const;

    SandboxState &m_state;
    const SandboxConfig &m_config;
    QString m_orgId;
};

} // namespace oc::sandbox
