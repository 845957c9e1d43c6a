#include "twilionumberpool.h"

#include <QHash>

namespace oc::sandbox {

namespace {

constexpr int kNumbersPerAreaCode = 100; // the whole 555-0100…0199 block

struct Country {
    QString dialCode;
    QString defaultArea;
    int areaDigits;
};

const QHash<QString, Country> &countries()
{
    static const QHash<QString, Country> table{
        {QStringLiteral("US"), {QStringLiteral("1"), QStringLiteral("510"), 3}},
        {QStringLiteral("CA"), {QStringLiteral("1"), QStringLiteral("604"), 3}},
        {QStringLiteral("GB"), {QStringLiteral("44"), QStringLiteral("20"), 2}},
        {QStringLiteral("DE"), {QStringLiteral("49"), QStringLiteral("30"), 2}},
        {QStringLiteral("AU"), {QStringLiteral("61"), QStringLiteral("2"), 1}},
    };
    return table;
}

struct Place {
    const char *locality;
    const char *region;
    const char *postal;
    double latitude;
    double longitude;
};

Place placeFor(const QString &areaCode)
{
    static const QHash<QString, Place> places{
        {QStringLiteral("510"), {"Oakland", "CA", "94601", 37.8044, -122.2712}},
        {QStringLiteral("415"), {"San Francisco", "CA", "94103", 37.7749, -122.4194}},
        {QStringLiteral("212"), {"New York", "NY", "10001", 40.7128, -74.006}},
        {QStringLiteral("312"), {"Chicago", "IL", "60601", 41.8781, -87.6298}},
        {QStringLiteral("604"), {"Vancouver", "BC", "V5K", 49.2827, -123.1207}},
    };
    return places.value(areaCode, Place{"Springfield", "IL", "62701", 39.7817, -89.6501});
}

} // namespace

TwilioNumberPool::TwilioNumberPool(QSet<QString> exhaustedAreaCodes) : m_exhausted(std::move(exhaustedAreaCodes)) {}

bool TwilioNumberPool::knowsCountry(const QString &isoCountry) const
{
    return countries().contains(isoCountry);
}

QString TwilioNumberPool::defaultAreaCode(const QString &isoCountry) const
{
    return countries().value(isoCountry).defaultArea;
}

QList<QString> TwilioNumberPool::candidates(const QString &isoCountry, const QString &areaCode) const
{
    const auto it = countries().constFind(isoCountry);
    const QString area = areaCode.isEmpty() ? defaultAreaCode(isoCountry) : areaCode;
    QList<QString> out;
    if (it == countries().cend() || m_exhausted.contains(area) || area.size() != it->areaDigits)
        return out;
    for (QChar c : area) {
        if (!c.isDigit())
            return out;
    }
    // 555-01xx is reserved for fiction in North America; other countries get an equally fake-looking block.
    for (int i = 0; i < kNumbersPerAreaCode; ++i)
        out.append(QLatin1Char('+') + it->dialCode + area + QStringLiteral("555")
                   + QString::number(100 + i).rightJustified(4, QLatin1Char('0')));
    return out;
}

QString TwilioNumberPool::countryOf(const QString &phoneNumber) const
{
    for (auto it = countries().cbegin(); it != countries().cend(); ++it) {
        const QString prefix = QLatin1Char('+') + it->dialCode;
        if (!phoneNumber.startsWith(prefix))
            continue;
        const QString area = phoneNumber.mid(prefix.size(), it->areaDigits);
        if (candidates(it.key(), area).contains(phoneNumber))
            return it.key();
    }
    return {};
}

QJsonObject TwilioNumberPool::describe(const QString &phoneNumber, const QString &isoCountry) const
{
    const Country c = countries().value(isoCountry);
    const Place place = placeFor(phoneNumber.mid(1 + c.dialCode.size(), c.areaDigits));
    const bool northAmerica = c.dialCode == QLatin1String("1");
    return QJsonObject{
        {QStringLiteral("friendly_name"), formatFriendly(phoneNumber)},
        {QStringLiteral("phone_number"), phoneNumber},
        {QStringLiteral("lata"), northAmerica ? QJsonValue(QStringLiteral("722")) : QJsonValue()},
        {QStringLiteral("locality"), QString::fromLatin1(place.locality)},
        {QStringLiteral("rate_center"), QString::fromLatin1(place.locality).toUpper().left(8)},
        {QStringLiteral("latitude"), northAmerica ? QJsonValue(place.latitude) : QJsonValue()},
        {QStringLiteral("longitude"), northAmerica ? QJsonValue(place.longitude) : QJsonValue()},
        {QStringLiteral("region"), northAmerica ? QJsonValue(QString::fromLatin1(place.region)) : QJsonValue()},
        {QStringLiteral("postal_code"), northAmerica ? QJsonValue(QString::fromLatin1(place.postal)) : QJsonValue()},
        {QStringLiteral("iso_country"), isoCountry},
        {QStringLiteral("address_requirements"), QStringLiteral("none")},
        {QStringLiteral("beta"), false},
        {QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("voice"), true}, {QStringLiteral("SMS"), true},
                                                     {QStringLiteral("MMS"), northAmerica}, {QStringLiteral("fax"), false}}},
    };
}

QString TwilioNumberPool::formatFriendly(const QString &phoneNumber)
{
    if (phoneNumber.startsWith(QLatin1String("+1")) && phoneNumber.size() == 12)
        return QStringLiteral("(%1) %2-%3").arg(phoneNumber.mid(2, 3), phoneNumber.mid(5, 3), phoneNumber.mid(8));
    return phoneNumber;
}

} // namespace oc::sandbox
