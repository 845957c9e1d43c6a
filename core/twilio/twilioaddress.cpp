#include "twilio/twilioaddress.h"

#include "net/jsonfields.h"

namespace oc {

bool TwilioAddress::meets(const QString &requirement, const QString &numberCountry) const
{
    if (requirement.isEmpty() || requirement == QLatin1String("none"))
        return true;
    if (sid.isEmpty())
        return false;
    const bool local = isoCountry.compare(numberCountry, Qt::CaseInsensitive) == 0;
    if (requirement == QLatin1String("any"))
        return true;
    if (requirement == QLatin1String("local"))
        return local;
    if (requirement == QLatin1String("foreign"))
        return !local;
    return false;
}

TwilioAddress TwilioAddress::fromJson(const QJsonObject &json)
{
    const auto field = [&json](const char *name) { return JsonFields::text(json.value(QLatin1String(name))); };
    TwilioAddress a;
    a.sid = field("sid");
    a.friendlyName = field("friendly_name");
    a.customerName = field("customer_name");
    a.street = field("street");
    a.city = field("city");
    a.region = field("region");
    a.postalCode = field("postal_code");
    a.isoCountry = field("iso_country");
    return a;
}

} // namespace oc
