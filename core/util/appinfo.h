#pragma once

#include <QCoreApplication>

namespace oc {

// The console and orgctl share one identity, so they share settings and the default database location
// (~/.local/share/OrgConsole/orgconsole, ~/.config/OrgConsole/orgconsole.conf).
inline void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("OrgConsole"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("orgconsole.app"));
    QCoreApplication::setApplicationName(QStringLiteral("orgconsole"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ORGCONSOLE_VERSION));
}

} // namespace oc
