#pragma once

#include <QStringList>

namespace oc::cli {

// `orgctl db roles --print`: the SQL of the team roles (DatabaseRoles) for an admin to run by hand.
// `orgctl db role [--json]`: the connected database role and what it may do.
int runDb(const QStringList &args);

} // namespace oc::cli
