#include "provisioningrun.h"

#include <array>
#include <utility>

namespace oc {

namespace {

constexpr std::array kRunStatusNames{
    std::pair{RunStatus::Running, "running"},
    std::pair{RunStatus::Compensating, "compensating"},
    std::pair{RunStatus::Succeeded, "succeeded"},
    std::pair{RunStatus::RolledBack, "rolled_back"},
    std::pair{RunStatus::NeedsAttention, "needs_attention"},
    std::pair{RunStatus::Canceled, "canceled"},
    std::pair{RunStatus::Queued, "queued"},
};

constexpr std::array kStepStatusNames{
    std::pair{StepStatus::Pending, "pending"},
    std::pair{StepStatus::Intent, "intent"},
    std::pair{StepStatus::Running, "running"},
    std::pair{StepStatus::Done, "done"},
    std::pair{StepStatus::Failed, "failed"},
    std::pair{StepStatus::Unknown, "unknown"},
    std::pair{StepStatus::Skipped, "skipped"},
    std::pair{StepStatus::Canceled, "canceled"},
    std::pair{StepStatus::Compensating, "compensating"},
    std::pair{StepStatus::Compensated, "compensated"},
    std::pair{StepStatus::CompensationFailed, "compensation_failed"},
};

template<class Enum, class Table>
QString nameOf(const Table &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<class Enum, class Table>
std::optional<Enum> valueOf(const Table &table, const QString &text)
{
    for (const auto &[v, name] : table) {
        if (text == QLatin1String(name))
            return v;
    }
    return std::nullopt;
}

} // namespace

QString statusName(RunStatus status) { return nameOf(kRunStatusNames, status); }
std::optional<RunStatus> runStatusFromString(const QString &text) { return valueOf<RunStatus>(kRunStatusNames, text); }
bool isLive(RunStatus status)
{
    return status == RunStatus::Running || status == RunStatus::Compensating || status == RunStatus::Queued;
}

QString statusName(StepStatus status) { return nameOf(kStepStatusNames, status); }
std::optional<StepStatus> stepStatusFromString(const QString &text) { return valueOf<StepStatus>(kStepStatusNames, text); }

} // namespace oc
