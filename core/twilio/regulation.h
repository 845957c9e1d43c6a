#pragma once

#include <QJsonObject>
#include <QString>

namespace oc {

// One entry of numbers v2 RegulatoryCompliance/Regulations: what Twilio requires before it sells a number
// type in a country to an end-user type ("Germany: Local - Business").
struct Regulation {
    QString sid;          // RN…
    QString friendlyName;
    QString isoCountry;
    QString numberType;   // local, mobile, national, toll-free
    QString endUserType;  // business, individual
    // Among the requirements is a document of type "address" (a proof of address: AddressSid on the purchase).
    bool requiresAddress = false;

    static Regulation fromJson(const QJsonObject &json);
};

} // namespace oc
