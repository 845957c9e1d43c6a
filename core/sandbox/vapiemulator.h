#pragma once

#include "sandbox/httpexchange.h"
#include "sandbox/sandboxconfig.h"
#include "sandbox/sandboxstate.h"

#include <QJsonObject>

#include <optional>

namespace oc::sandbox {

// VAPI's /assistant and /phone-number (Twilio provider) with Bearer auth and NestJS-style error bodies
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

private:
    HttpReply createAssistant(const QJsonObject &body);
    HttpReply updateAssistant(const QString &id, const QJsonObject &body);
    HttpReply deleteAssistant(const QString &id);
    HttpReply listAssistants(const HttpCall &call) const;
    HttpReply createPhone(const QJsonObject &body);
    HttpReply deletePhone(const QString &id);
    HttpReply listPhones() const;
    static QStringList validateName(const QJsonObject &body, const QString &field);
    QString now() const;

    SandboxState &m_state;
    const SandboxConfig &m_config;
    QString m_orgId;
};

} // namespace oc::sandbox
