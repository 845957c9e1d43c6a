#pragma once

#include <QStringList>

namespace oc::cli {

int runOrgs(const QStringList &args);
int runOrgAdd(const QStringList &args);
int runOrgShow(const QStringList &args);
int runDemoSeed(const QStringList &args);

} // namespace oc::cli
