#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace oc::pipeline {

// Tags that make every paid resource findable again (DESIGN §2.2): the Twilio number's FriendlyName
// carries "[oc:<runId>]", VAPI assistants carry metadata {orgConsoleRunId, role}.
namespace ResourceTags {

inline constexpr int kMaxFriendlyName = 64; // Twilio's limit

// A fresh run id: 16 lowercase hex digits from the system's CSPRNG (short enough to leave room for the
// organization's name in a 64-character FriendlyName).
QString newRunId();

// "{orgName} [oc:<runId>]", the org part shortened on a character boundary so the whole stays ≤ 64.
QString friendlyName(const QString &orgName, const QString &runId);
// The run id in a FriendlyName made by friendlyName(), if any.
std::optional<QString> runIdFromFriendlyName(const QString &friendlyName);

QJsonObject assistantMetadata(const QString &runId, const QString &role);
std::optional<QString> runIdFromMetadata(const QJsonObject &metadata);

// Cuts `text` to at most `maxUnits` UTF-16 units without splitting a surrogate pair, trimming the end.
QString truncateOnCharacterBoundary(const QString &text, qsizetype maxUnits);

} // namespace ResourceTags

} // namespace oc::pipeline
