#include "vapi/vapiassistant.h"

namespace oc {

VapiAssistant VapiAssistant::fromJson(const QJsonObject &json)
{
    VapiAssistant a;
    a.id = json.value(QLatin1String("id")).toString();
    a.name = json.value(QLatin1String("name")).toString();
    a.createdAt = QDateTime::fromString(json.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    a.orgId = json.value(QLatin1String("orgId")).toString();
    a.metadata = json.value(QLatin1String("metadata")).toObject();
    a.raw = json;
    return a;
}

} // namespace oc
