#include "twilio/regulation.h"

#include "net/jsonfields.h"

#include <QJsonArray>

namespace oc {

namespace {

// The requirements are a deep tree ({end_user: […], supporting_document: [[{accepted_documents: […]}]]}) whose
// shape Twilio varies by country: look for an accepted document of type address anywhere in it.
bool mentionsAddressDocument(const QJsonValue &value, int depth = 0)
{
    if (depth > 8)
        return false;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray()) {
            if (mentionsAddressDocument(v, depth + 1))
                return true;
        }
        return false;
    }
    if (!value.isObject())
        return false;
    const QJsonObject o = value.toObject();
    if (o.value(QLatin1String("type")).toString() == QLatin1String("address"))
        return true;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (mentionsAddressDocument(it.value(), depth + 1))
            return true;
    }
    return false;
}

} // namespace

Regulation Regulation::fromJson(const QJsonObject &json)
{
    Regulation r;
    r.sid = JsonFields::text(json.value(QLatin1String("sid")));
    r.friendlyName = JsonFields::text(json.value(QLatin1String("friendly_name")));
    r.isoCountry = JsonFields::text(json.value(QLatin1String("iso_country")));
    r.numberType = JsonFields::text(json.value(QLatin1String("number_type")));
    r.endUserType = JsonFields::text(json.value(QLatin1String("end_user_type")));
    r.requiresAddress = mentionsAddressDocument(json.value(QLatin1String("requirements")));
    return r;
}

} // namespace oc
