#include "twilionumberpool.h"

#include <QHash>

namespace oc::sandbox {

namespace {

constexpr int kNumbersPerAreaCode = 100; // the whole 555-0100…0199 block

struct Country {
    QString dialCode;
    QString defaultArea;
    int areaDigits;
    bool regulated = false; // an approved bundle and a local address (Twilio's regulation since 2020)
};

const QHash<QString, Country> &countries()
{
    static const QHash<QString, Country> table{
        {QStringLiteral("US"), {QStringLiteral("1"), QStringLiteral("510"), 3}},
        {QStringLiteral("CA"), {QStringLiteral("1"), QStringLiteral("604"), 3}},
        {QStringLiteral("GB"), {QStringLiteral("44"), QStringLiteral("20"), 2, true}},
        {QStringLiteral("DE"), {QStringLiteral("49"), QStringLiteral("30"), 2, true}},
        {QStringLiteral("AU"), {QStringLiteral("61"), QStringLiteral("2"), 1, true}},
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

// Outside NANP: the cities of the areas the pool sells ("DE:30" -> Berlin).
const QHash<QString, QString> &cities()
{
    static const QHash<QString, QString> table{
        {QStringLiteral("DE:30"), QStringLiteral("Berlin")},   {QStringLiteral("DE:40"), QStringLiteral("Hamburg")},
        {QStringLiteral("DE:89"), QStringLiteral("Munich")},   {QStringLiteral("GB:20"), QStringLiteral("London")},
        {QStringLiteral("GB:29"), QStringLiteral("Cardiff")},  {QStringLiteral("GB:28"), QStringLiteral("Belfast")},
        {QStringLiteral("AU:2"), QStringLiteral("Sydney")},    {QStringLiteral("AU:3"), QStringLiteral("Melbourne")},
        {QStringLiteral("AU:7"), QStringLiteral("Brisbane")},  {QStringLiteral("AU:8"), QStringLiteral("Perth")},
    };
    return table;
}

} // namespace

TwilioNumberPool::TwilioNumberPool(QSet<QString> exhaustedAreaCodes) : m_exhausted(std::move(exhaustedAreaCodes)) {}

bool TwilioNumberPool::knowsCountry(const QString &isoCountry) const
{
    return countries().contains(isoCountry);
}

bool TwilioNumberPool::isRegulated(const QString &isoCountry) const
{
    return countries().value(isoCountry).regulated;
}

bool TwilioNumberPool::searchesByAreaCode(const QString &isoCountry) const
{
    return countries().value(isoCountry).dialCode == QLatin1String("1");
}

QString TwilioNumberPool::areaFor(const QString &isoCountry, const QString &contains, const QString &inLocality) const
{
    const auto it = countries().constFind(isoCountry);
    if (it == countries().cend())
        return {};
    if (!inLocality.isEmpty()) {
        for (auto c = cities().cbegin(); c != cities().cend(); ++c) {
            if (c.key().startsWith(isoCountry + QLatin1Char(':')) && c.value().compare(inLocality.trimmed(), Qt::CaseInsensitive) == 0)
                return c.key().section(QLatin1Char(':'), 1);
        }
        return {};
    }
    if (contains.isEmpty())
        return it->defaultArea;
    const QString prefix = QLatin1Char('+') + it->dialCode;
    if (!contains.startsWith(prefix))
        return {};
    const QString area = contains.mid(prefix.size(), it->areaDigits);
    return area.size() == it->areaDigits ? area : QString();
}

QString TwilioNumberPool::localityOf(const QString &phoneNumber, const QString &isoCountry) const
{
    const Country c = countries().value(isoCountry);
    const QString area = phoneNumber.mid(1 + c.dialCode.size(), c.areaDigits);
    if (c.dialCode == QLatin1String("1"))
        return QString::fromLatin1(placeFor(area).locality);
    return cities().value(isoCountry + QLatin1Char(':') + area);
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
    const QString locality = localityOf(phoneNumber, isoCountry);
    return QJsonObject{
        {QStringLiteral("friendly_name"), formatFriendly(phoneNumber)},
        {QStringLiteral("phone_number"), phoneNumber},
        {QStringLiteral("lata"), northAmerica ? QJsonValue(QStringLiteral("722")) : QJsonValue()},
        {QStringLiteral("locality"), locality.isEmpty() ? QJsonValue() : QJsonValue(locality)},
        {QStringLiteral("rate_center"), locality.isEmpty() ? QJsonValue() : QJsonValue(locality.toUpper().left(8))},
        {QStringLiteral("latitude"), northAmerica ? QJsonValue(place.latitude) : QJsonValue()},
        {QStringLiteral("longitude"), northAmerica ? QJsonValue(place.longitude) : QJsonValue()},
        {QStringLiteral("region"), northAmerica ? QJsonValue(QString::fromLatin1(place.region)) : QJsonValue()},
        {QStringLiteral("postal_code"), northAmerica ? QJsonValue(QString::fromLatin1(place.postal)) : QJsonValue()},
        {QStringLiteral("iso_country"), isoCountry},
        {QStringLiteral("address_requirements"), c.regulated ? QStringLiteral("local") : QStringLiteral("none")},
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
