#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace oc {

// What a local number costs a month in one country (Twilio Pricing v1 PhoneNumbers/Countries/{CC}).
struct NumberPrice {
    QString isoCountry; // "US"
    QString country;    // "United States"
    double monthly = 0; // the `local` entry's current_price, else its base_price
    QString priceUnit;  // "USD"

    // nullopt when the answer has no `local` entry with a readable price (a country without local numbers).
    static std::optional<NumberPrice> fromJson(const QJsonObject &json);
};

} // namespace oc
