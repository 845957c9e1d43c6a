#pragma once

#include <QJsonObject>
#include <QString>

namespace oc {

// POST /phone-number for a Twilio number. Holds the Twilio auth token: never log or persist it.
struct PhoneNumberRegistration {
    QString number;            // E.164
    QString twilioAccountSid;
    QString twilioAuthToken;
    QString assistantId;       // the inbound assistant
    QString name;              // ≤ 40 code points; longer names are shortened at a grapheme boundary

    QJsonObject toJson() const;
};

} // namespace oc
