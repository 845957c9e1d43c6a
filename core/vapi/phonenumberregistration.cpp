#include "vapi/phonenumberregistration.h"

#include "vapi/assistantname.h"

namespace oc {

QJsonObject PhoneNumberRegistration::toJson() const
{
    QJsonObject o{{QStringLiteral("provider"), QStringLiteral("twilio")},
                  {QStringLiteral("number"), number},
                  {QStringLiteral("twilioAccountSid"), twilioAccountSid},
                  {QStringLiteral("twilioAuthToken"), twilioAuthToken}};
    if (!assistantId.isEmpty())
        o.insert(QStringLiteral("assistantId"), assistantId);
    const QString shortName = truncateAtGrapheme(name.simplified(), MaxVapiNameLength).trimmed();
    if (!shortName.isEmpty())
        o.insert(QStringLiteral("name"), shortName);
    return o;
}

} // namespace oc
