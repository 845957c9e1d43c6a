#include "stepevent.h"

namespace oc::pipeline {

QString stateName(StepState state)
{
    switch (state) {
    case StepState::Pending: return QStringLiteral("pending");
    case StepState::Running: return QStringLiteral("running");
    case StepState::Succeeded: return QStringLiteral("succeeded");
    case StepState::Failed: return QStringLiteral("failed");
    case StepState::Skipped: return QStringLiteral("skipped");
    case StepState::Canceled: return QStringLiteral("canceled");
    case StepState::Compensating: return QStringLiteral("compensating");
    case StepState::Compensated: return QStringLiteral("compensated");
    case StepState::CompensationFailed: return QStringLiteral("compensation_failed");
    }
    return {};
}

bool isFinal(StepState state)
{
    return state != StepState::Pending && state != StepState::Running && state != StepState::Compensating;
}

QString resultName(RunResult result)
{
    switch (result) {
    case RunResult::Succeeded: return QStringLiteral("succeeded");
    case RunResult::RolledBack: return QStringLiteral("rolled_back");
    case RunResult::Canceled: return QStringLiteral("canceled");
    case RunResult::NeedsAttention: return QStringLiteral("needs_attention");
    case RunResult::Fenced: return QStringLiteral("fenced");
    }
    return {};
}

} // namespace oc::pipeline
