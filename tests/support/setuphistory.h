#pragma once

#include "util/result.h"

#include <QtGlobal>

namespace oc {
class Store;
}

namespace oc::test {

// A believable month of AI setups for screenshots and view tests: demo organizations, most approved and set up
// (a few after a retry), some rolled back, canceled or needing attention, a handful provisioning right now, some
// cleaned up; setup times around 2–3 s with a slow tail; failures mostly at buying and registering the number;
// and the audit records those operations write. Deterministic for a given seed.
struct SetupHistoryOptions {
    int organizations = 2000;
    quint64 seed = 7;
    bool audit = true;
};

Result<void> seedSetupHistory(Store &store, const SetupHistoryOptions &options = {});

} // namespace oc::test
