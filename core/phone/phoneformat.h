#pragma once

#include <QString>

namespace oc::phone {

// Phone numbers as people read them in e-mails and on screen.
//
// A North American (+1) number is shown in national form, "(510) 555-1234": our customers dial it locally.
// Every other number is shown in international form, "+44 20 7946 0958", because the owner may share it
// with callers abroad and the country code is then part of what they dial. Anything libphonenumber cannot
// parse comes back unchanged: a raw number beats an empty field.
QString formatForHumans(const QString &e164);

// The ISO country (region) an E.164 number belongs to ("+15105551234" -> "US", "+4930…" -> "DE"); for a number
// libphonenumber cannot place exactly, the main country of its country code; empty when it cannot be parsed.
QString countryOf(const QString &e164);

} // namespace oc::phone
