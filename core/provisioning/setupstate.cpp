#include "setupstate.h"

#include "store/store.h"

#include <array>
#include <utility>

namespace oc {

namespace {

constexpr std::array kSetupStateNames{
    std::pair{SetupState::None, "none"},
    std::pair{SetupState::Provisioning, "provisioning"},
    std::pair{SetupState::Active, "active"},
    std::pair{SetupState::Failed, "failed"},
    std::pair{SetupState::NeedsAttention, "needs_attention"},
};

} // namespace

QString statusName(SetupState state)
{
    for (const auto &[value, name] : kSetupStateNames) {
        if (value == state)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<SetupState> setupStateFromString(const QString &text)
{
    for (const auto &[value, name] : kSetupStateNames) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

SetupState setupStateOf(bool liveRun, bool activeConfig, std::optional<RunStatus> latestRun)
{
    if (liveRun)
        return SetupState::Provisioning;
    if (activeConfig)
        return SetupState::Active;
    if (latestRun == RunStatus::NeedsAttention)
        return SetupState::NeedsAttention;
    if (latestRun == RunStatus::RolledBack || latestRun == RunStatus::Canceled)
        return SetupState::Failed;
    return SetupState::None;
}

Result<QHash<qint64, SetupSummary>> setupSummaries(Store &store, const QList<qint64> &organizationIds)
{
    auto facts = store.stats().setupFacts(organizationIds);
    if (!facts)
        return facts.error();
    QHash<qint64, SetupSummary> summaries;
    summaries.reserve(organizationIds.size());
    for (qint64 id : organizationIds) {
        const SetupFacts f = facts->value(id);
        summaries.insert(id, {setupStateOf(f.liveRun, f.activeConfig, f.latestRun), f.number, f.assistantVersion});
    }
    return summaries;
}

} // namespace oc
