#include "vapi/vapiphonenumber.h"

namespace oc {

VapiPhoneNumber VapiPhoneNumber::fromJson(const QJsonObject &json)
{
    VapiPhoneNumber n;
    n.id = json.value(QLatin1String("id")).toString();
    n.number = json.value(QLatin1String("number")).toString();
    n.name = json.value(QLatin1String("name")).toString();
    n.assistantId = json.value(QLatin1String("assistantId")).toString();
    n.twilioAccountSid = json.value(QLatin1String("twilioAccountSid")).toString();
    n.createdAt = QDateTime::fromString(json.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    return n;
}

} // namespace oc
