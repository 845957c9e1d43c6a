#pragma once

#include "domain/provisioningrun.h"
#include "util/result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace oc {

class Store;

// The state of an organization's AI setup, as staff see it. The one definition, in precedence order:
//   Provisioning   a live run (running/compensating) exists;
//   Active         else its ai_configs row has setup_completed and status 'active';
//   NeedsAttention else its latest run (by started_at, then id) ended needs_attention;
//   Failed         else that latest run was rolled back or canceled;
//   None           otherwise (never set up, or cleaned up).
// StatsRepository counts the same states in SQL; tests/integration/tst_stats holds the two together.
enum class SetupState { None, Provisioning, Active, Failed, NeedsAttention };

inline constexpr SetupState kAllSetupStates[] = {SetupState::None, SetupState::Provisioning, SetupState::Active,
                                                 SetupState::Failed, SetupState::NeedsAttention};

// none | provisioning | active | failed | needs_attention
QString statusName(SetupState state);
std::optional<SetupState> setupStateFromString(const QString &text);

// The rule above over the facts it reads.
SetupState setupStateOf(bool liveRun, bool activeConfig, std::optional<RunStatus> latestRun);

struct SetupSummary {
    SetupState state = SetupState::None;
    QString number;            // E.164 of its configuration, empty when it has none
    qint64 assistantVersion = 0; // the assistant template version of its configuration; 0: none (or from before versions)
};

// One entry per requested id (None for ids without config or runs), in two indexed queries whatever the count:
// the organizations table calls it for each page of rows it loads.
Result<QHash<qint64, SetupSummary>> setupSummaries(Store &store, const QList<qint64> &organizationIds);

} // namespace oc
