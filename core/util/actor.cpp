#include "actor.h"

#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace oc {

QString currentActor()
{
    QString user;
    if (const passwd *pw = ::getpwuid(::geteuid()))
        user = QString::fromLocal8Bit(pw->pw_name);
    if (user.isEmpty())
        user = qEnvironmentVariable("USER", QStringLiteral("unknown"));
    return user + QLatin1Char('@') + QSysInfo::machineHostName();
}

} // namespace oc
