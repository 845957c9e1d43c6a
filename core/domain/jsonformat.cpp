#include "jsonformat.h"

namespace oc {

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonObject toJson(const Organization &org)
{
    return QJsonObject{
        {QStringLiteral("id"), QString::number(org.id)},
        {QStringLiteral("companyName"), org.companyName},
        {QStringLiteral("status"), statusName(org.status)},
        {QStringLiteral("isVerified"), org.isVerified},
        {QStringLiteral("ownerId"), org.ownerId.isEmpty() ? QJsonValue() : QJsonValue(org.ownerId)},
        {QStringLiteral("ownerName"), org.ownerName},
        {QStringLiteral("ownerEmail"), org.ownerEmail},
        {QStringLiteral("createdAt"), isoTime(org.createdAt)},
        {QStringLiteral("updatedAt"), isoTime(org.updatedAt)},
    };
}

} // namespace oc
