#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace oc {

enum class AiConfigStatus { Active, Inactive, Suspended };

QString statusName(AiConfigStatus status);
std::optional<AiConfigStatus> aiConfigStatusFromString(const QString &text);

// The seed's AI Config model: every external id an organization's voice-AI setup owns.
struct AiConfig {
    qint64 id = 0;
    QString clientId;          // the organization's owner
    qint64 organizationId = 0;
    QString runId;             // the provisioning run that created it
    QString outboundAssistantId;
    QString inboundAssistantId;
    QString number;            // E.164, e.g. +15105551234
    QString phoneNumberSid;    // Twilio PN…
    QString vapiPhoneNumberId;
    QString twilioAccountSid;  // the Twilio account that bought the number: cleanup under another refuses
    QString vapiOrgId;         // the VAPI org that owns the assistants (from the API's answers), when known
    qint64 assistantVersion = 0; // the assistant template version its assistants have; 0: from before versions
    AiConfigStatus status = AiConfigStatus::Active;
    bool setupCompleted = false;
    QDateTime setupDate;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace oc
