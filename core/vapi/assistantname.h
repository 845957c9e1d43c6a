#pragma once

#include <QString>

namespace oc {

enum class AssistantRole { Inbound, Outbound };

// "inbound" / "outbound": the metadata role and the name suffix.
QString assistantRoleName(AssistantRole role);

// VAPI limits assistant (and phone-number) names to 40 characters, counted as its validator (JavaScript's
// String length) does: in UTF-16 code units, so an emoji outside the BMP counts two.
inline constexpr int MaxVapiNameLength = 40;

// "{org} inbound" / "{org} outbound" within MaxVapiNameLength: only the org part is shortened, at a
// grapheme boundary (never inside a surrogate pair or an emoji sequence), with trailing spaces trimmed.
// Whitespace runs (newlines included) in the org name become single spaces.
QString assistantName(const QString &orgName, AssistantRole role);

// Shortens `text` to at most `maxUnits` UTF-16 code units at a grapheme boundary (never inside a surrogate
// pair or an emoji sequence).
QString truncateAtGrapheme(const QString &text, int maxUnits);

} // namespace oc
