#pragma once

#include "store/store.h"
#include "util/result.h"

#include <QJsonObject>

namespace oc {

// status (DESIGN §2.4) in the seed service's shape — {organization, aiSetup} — plus the last run's journal.
Result<QJsonObject> statusReport(Store &store, qint64 organizationId);
// Every run of an organization with its steps, oldest first (orgctl runs).
Result<QJsonObject> runsReport(Store &store, qint64 organizationId);
QJsonObject runJson(const ProvisioningRun &run, const QList<RunStep> &steps);

} // namespace oc
