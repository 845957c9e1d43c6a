#pragma once

#include <QString>

namespace oc {

// Who is acting, for the audit log: the OS user at this host ("alice@support-3").
QString currentActor();

} // namespace oc
