#pragma once

#include <QString>

namespace oc {

enum class AssistantRole { Inbound, Outbound };

// "inbound" / "outbound": the metadata role and the name suffix.
QString assistantRoleName(AssistantRole role);

// VAPI limits assistant (and phone-number) names to 40 characters, counted in code points as its
// validator does.
inline constexpr int MaxVapiNameLength = 40;

// "{org} inbound" / "{org} outbound" within MaxVapiNameLength: only the org part is shortened, at a
// grapheme boundary (never inside a surrogate pair or an emoji sequence), with trailing spaces trimmed.
// Whitespace runs (newlines included) in the org name become single spaces.
QString assistantName(const QString &orgName, AssistantRole role);

// Shortens `text` to at most `maxCodePoints` code points at a grapheme boundary.
QString truncateAtGrapheme(const QString &text, int maxCodePoints);

} // namespace oc
