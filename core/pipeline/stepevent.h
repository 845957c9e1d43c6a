#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace oc::pipeline {

// What the console and orgctl show per step (DESIGN §2.1).
enum class StepState {
    Pending, Running, Succeeded, Failed, Skipped, Canceled,
    Compensating, Compensated, CompensationFailed
};

QString stateName(StepState state);
bool isFinal(StepState state);

struct StepEvent {
    QString runId;
    QString step;
    StepState state = StepState::Pending;
    int attempt = 0;
    QString detail;
    QString error;
    QDateTime at;
};

// How a run ended.
enum class RunResult {
    Succeeded,       // everything up to the pivot done (an e-mail failure is a warning, not a failure)
    RolledBack,      // failed before the pivot; everything created was undone
    Canceled,        // canceled before the pivot; everything created was undone
    NeedsAttention,  // failed or canceled, and some undo failed: `leftovers` lists what is still out there
    Fenced,          // this process lost the run's lease and stopped; the new owner finishes the run
};

QString resultName(RunResult result);

} // namespace oc::pipeline

Q_DECLARE_METATYPE(oc::pipeline::StepEvent)
