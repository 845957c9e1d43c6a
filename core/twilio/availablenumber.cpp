#include "twilio/availablenumber.h"

#include "net/jsonfields.h"

namespace oc {

AvailableNumber AvailableNumber::fromJson(const QJsonObject &json)
{
    AvailableNumber n;
    n.phoneNumber = JsonFields::text(json.value(QLatin1String("phone_number")));
    n.friendlyName = JsonFields::text(json.value(QLatin1String("friendly_name")));
    n.locality = JsonFields::text(json.value(QLatin1String("locality")));
    n.region = JsonFields::text(json.value(QLatin1String("region")));
    n.latitude = JsonFields::number(json.value(QLatin1String("latitude")));
    n.longitude = JsonFields::number(json.value(QLatin1String("longitude")));
    n.isoCountry = JsonFields::text(json.value(QLatin1String("iso_country")));
    n.addressRequirements = JsonFields::text(json.value(QLatin1String("address_requirements")));
    return n;
}

} // namespace oc
