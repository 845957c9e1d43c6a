#pragma once

#include <QJsonObject>
#include <QString>

namespace oc {

// One entry of 2010-04-01 Accounts/{sid}/Addresses.json: an address the account registered, sent as
// AddressSid with a purchase whose number requires one.
struct TwilioAddress {
    QString sid;          // AD…
    QString friendlyName;
    QString customerName;
    QString street;
    QString city;
    QString region;
    QString postalCode;
    QString isoCountry;

    // Whether this address satisfies a search result's `address_requirements` (none, any, local, foreign) for a
    // number of `numberCountry`. An unknown requirement is not assumed to be met.
    bool meets(const QString &requirement, const QString &numberCountry) const;

    static TwilioAddress fromJson(const QJsonObject &json);
};

} // namespace oc
