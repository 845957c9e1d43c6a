#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace oc {

// One entry of AvailablePhoneNumbers/{CC}/Local.json.
struct AvailableNumber {
    QString phoneNumber;  // E.164
    QString friendlyName;
    QString locality;
    QString region;
    std::optional<double> latitude;  // Twilio sends "19.720000"; the spec says number: both accepted
    std::optional<double> longitude;
    QString isoCountry;
    QString addressRequirements; // none, any, local or foreign: what AddressSid the purchase must carry

    static AvailableNumber fromJson(const QJsonObject &json);
};

} // namespace oc
