#include "twilio/regulatorybundle.h"

#include "net/jsonfields.h"

namespace oc {

namespace {
// numbers v2 dates are ISO 8601 ("2019-07-30T22:29:24Z").
QDateTime isoDate(const QJsonValue &value)
{
    return QDateTime::fromString(JsonFields::text(value), Qt::ISODate);
}
} // namespace

RegulatoryBundle RegulatoryBundle::fromJson(const QJsonObject &json)
{
    RegulatoryBundle b;
    b.sid = JsonFields::text(json.value(QLatin1String("sid")));
    b.friendlyName = JsonFields::text(json.value(QLatin1String("friendly_name")));
    b.status = JsonFields::text(json.value(QLatin1String("status")));
    b.regulationSid = JsonFields::text(json.value(QLatin1String("regulation_sid")));
    b.dateCreated = isoDate(json.value(QLatin1String("date_created")));
    b.dateUpdated = isoDate(json.value(QLatin1String("date_updated")));
    b.validUntil = isoDate(json.value(QLatin1String("valid_until")));
    return b;
}

} // namespace oc
