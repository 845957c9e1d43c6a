#include "twilio/incomingnumber.h"

#include "net/jsonfields.h"


namespace oc {

IncomingNumber IncomingNumber::fromJson(const QJsonObject &json)
{
    IncomingNumber n;
    n.sid = JsonFields::text(json.value(QLatin1String("sid")));
    n.phoneNumber = JsonFields::text(json.value(QLatin1String("phone_number")));
    n.friendlyName = JsonFields::text(json.value(QLatin1String("friendly_name")));
    // Twilio dates are RFC 2822 ("Thu, 30 Jul 2015 20:00:00 +0000").
    const QString date = JsonFields::text(json.value(QLatin1String("date_created")));
    n.dateCreated = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!n.dateCreated.isValid())
        n.dateCreated = QDateTime::fromString(date, Qt::ISODate);
    return n;
}

} // namespace oc
