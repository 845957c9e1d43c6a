#pragma once

#include "sandbox/faultplan.h"

#include <QSet>
#include <QString>

namespace oc::sandbox {

// Credentials the emulated vendors accept. Defaults are well-formed but obviously fake.
struct SandboxCredentials {
    QString twilioAccountSid = QStringLiteral("AC5a4db0c5a4db0c5a4db0c5a4db0c5a4d");
    QString twilioAuthToken = QStringLiteral("sandbox-twilio-auth-token");
    QString vapiApiKey = QStringLiteral("sandbox-vapi-private-key");
    QString smtpUser = QStringLiteral("sandbox");
    QString smtpPassword = QStringLiteral("sandbox-smtp-password");
};

enum class LatencyProfile { Fast, Seed };

struct SandboxConfig {
    LatencyProfile profile = LatencyProfile::Fast;
    double scale = 1.0;              // multiplies every profile delay (0.01 turns 7.5 s into 75 ms)
    QList<FaultRule> faults;         // see FaultPlan::parse for the text form
    int concurrencyLimit = 0;        // requests in flight before 429; 0 = unlimited
    SandboxCredentials credentials;
    QSet<QString> exhaustedAreaCodes{QStringLiteral("999")}; // searches there find nothing
    bool seedCompliance = true;      // SandboxState::seedCompliance: an approved DE bundle, a Berlin address, a pending bundle
    bool demoCalls = false;          // each assistant created gets a few priced VAPI calls (the demo's Costs view)
    quint16 httpPort = 0;            // 0 = any free port
    quint16 smtpPort = 0;
    QString caFilePath;              // where the CA PEM goes; empty = a file in a temporary directory
};

} // namespace oc::sandbox
