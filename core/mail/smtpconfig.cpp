#include "smtpconfig.h"

namespace oc {

namespace {
bool hasControl(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}
} // namespace

QString SmtpConfig::problem() const
{
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("smtps") && scheme != QLatin1String("smtp"))
        return QStringLiteral("the SMTP URL must start with smtps:// (port 465) or smtp:// (port 587, STARTTLS)");
    if (url.host().isEmpty())
        return QStringLiteral("the SMTP URL has no host");
    if (user.isEmpty())
        return QStringLiteral("no SMTP user is configured (SMTP_USER)");
    if (password.isEmpty())
        return QStringLiteral("no SMTP password is available (store it in the keychain or set SMTP_PASSWORD)");
    // SASL exchanges are base64, but a line break in the user could still end an AUTH command early.
    if (hasControl(user) || hasControl(password))
        return QStringLiteral("the SMTP user or password contains a line break or control character");
    if (timeout.count() <= 0)
        return QStringLiteral("the SMTP timeout must be positive");
    return {};
}

} // namespace oc
