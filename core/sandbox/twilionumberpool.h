#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace oc::sandbox {

// The numbers "for sale": a fixed, deterministic list per country and area code, so tests and demos see the
// same numbers every run. Exhausted area codes have none.
class TwilioNumberPool
{
public:
    explicit TwilioNumberPool(QSet<QString> exhaustedAreaCodes);

    bool knowsCountry(const QString &isoCountry) const;
    // Local numbers there need an approved bundle and a local address (DE, GB, AU).
    bool isRegulated(const QString &isoCountry) const;
    // North American Numbering Plan: AreaCode filters the search (elsewhere Twilio ignores it).
    bool searchesByAreaCode(const QString &isoCountry) const;
    // The area a search outside NANP means: from Contains ("+4930…", the digits after the dial code) or
    // InLocality ("Berlin"); the country's default area when neither is given; empty when nothing matches.
    QString areaFor(const QString &isoCountry, const QString &contains, const QString &inLocality) const;
    // Where a number is ("Berlin"), as its search result says.
    QString localityOf(const QString &phoneNumber, const QString &isoCountry) const;
    // Candidates in order (owned ones included; the caller filters).
    QList<QString> candidates(const QString &isoCountry, const QString &areaCode) const;
    // The country a number would have been offered in, or empty when it was never for sale.
    QString countryOf(const QString &phoneNumber) const;
    // One entry of available_phone_numbers, in the spec's strict form (latitude/longitude as numbers).
    QJsonObject describe(const QString &phoneNumber, const QString &isoCountry) const;

    static QString formatFriendly(const QString &phoneNumber);

private:
    QString defaultAreaCode(const QString &isoCountry) const;
    QSet<QString> m_exhausted;
};

} // namespace oc::sandbox
