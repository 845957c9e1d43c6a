#include "net/apierror.h"

#include "util/redactor.h"

namespace oc {

QString ApiError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Network: return QStringLiteral("network error");
    case Kind::Timeout: return QStringLiteral("timeout");
    case Kind::Http: return QStringLiteral("HTTP error");
    case Kind::Api: return QStringLiteral("API error");
    case Kind::Parse: return QStringLiteral("unreadable response");
    case Kind::Canceled: return QStringLiteral("canceled");
    }
    return QStringLiteral("error");
}

QString ApiError::describe() const
{
    QString out = kindName(kind);
    if (!vendorCode.isEmpty())
        out += QLatin1Char(' ') + vendorCode;
    if (httpStatus > 0)
        out += QStringLiteral(" (HTTP %1)").arg(httpStatus);
    if (!message.isEmpty())
        out += QStringLiteral(": ") + message;
    if (ambiguous)
        out += QStringLiteral(" — the server may have applied the request; check before retrying");
    return Redactor::text(out); // a vendor may echo a credential it was given, in any form

}

} // namespace oc
