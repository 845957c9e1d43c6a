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
