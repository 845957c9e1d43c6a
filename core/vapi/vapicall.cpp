#include "vapi/vapicall.h"

#include "net/jsonfields.h"

namespace oc {

VapiCall VapiCall::fromJson(const QJsonObject &json)
{
    VapiCall c;
    c.id = json.value(QLatin1String("id")).toString();
    c.assistantId = json.value(QLatin1String("assistantId")).toString();
    c.createdAt = QDateTime::fromString(json.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    c.cost = JsonFields::number(json.value(QLatin1String("cost"))).value_or(0.0);
    return c;
}

} // namespace oc
