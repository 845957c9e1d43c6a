#pragma once

#include "pipeline/recipe.h"
#include "pipeline/stepevent.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

namespace oc::pipeline {

class CallLimiter;

// Runs one recipe: each step starts the moment its needs have succeeded; a failure (or cancel) before the
// pivot stops what is running and undoes what was done, in reverse order of completion, continuing past a
// failed undo. A recipe that carries on (Recipe::OnFailure::CarryOn) instead skips what needs a failed step,
// runs everything else and ends NeedsAttention with failures(); cancel stops it (Canceled), undoing nothing.
// Observed through stepEvent(); ends exactly once with finished().
class PipelineRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelineRunner)

public:
    PipelineRunner(QString runId, Recipe recipe, CallLimiter *limiter = nullptr, QObject *parent = nullptr);
    ~PipelineRunner() override;

    // Before start(): a step whose output is still valid from an earlier run (resume) — it is not run again,
    // but it is undone like the others if this run fails.
    void markAlreadyDone(const QString &step);
    void start();
    void cancel();
    // The run's lease was lost: stops every task at once and ends Fenced — nothing is undone or written,
    // since the run is someone else's now.
    void halt(const QString &why);

    const QString &runId() const { return m_runId; }
    StepState state(const QString &step) const;
    bool isFinished() const { return m_finished; }
    RunResult result() const { return m_result; }
    QString failedStep() const { return m_failedStep; }
    QString error() const { return m_error; }
    // Steps whose undo failed: what is still out there after a failed rollback.
    QStringList leftovers() const { return m_leftovers; }
    // Failed steps after the pivot (the e-mail): warnings on a completed run.
    QStringList warnings() const { return m_warnings; }
    // A recipe that carries on: "step: error" of every step that failed.
    QStringList failures() const { return m_failures; }
    // Milliseconds from start() to the pivot's success.
    std::optional<qint64> setupTimeMs() const { return m_setupTimeMs; }
    int stepsDone() const;
    int stepCount() const { return int(m_steps.size()); }

Q_SIGNALS:
    void stepEvent(const oc::pipeline::StepEvent &event);
    void progressChanged(int done, int total);
    void finished(oc::pipeline::RunResult result);
    // A failure or cancel before the pivot: the run starts rolling back (emitted once, before any undo runs),
    // so its owner can record that a recoverer must roll it back too, never finish it.
    void rollingBack();

private:
    struct Step {
        StepDefinition def;
        StepState state = StepState::Pending;
        int attempt = 0;
        int completionOrder = -1;
        bool waitingForSlot = false;
        bool holdsSlot = false;
        bool mayHaveTakenEffect = false;
        std::unique_ptr<StepTask> task;
    };

    void schedule();
    void launch(int index);
    void onStepFinished(int index, const StepOutcome &outcome);
    void abort(StepState runningBecomes, const QString &failedStep, const QString &error);
    void compensateNext();
    void onUndoFinished(int index, const StepOutcome &outcome);
    void finishIfDone();
    void finish(RunResult result);
    void setState(int index, StepState state, const QString &detail = {}, const QString &error = {});
    void releaseSlot(Step &step);
    std::unique_ptr<StepTask> takeTask(Step &step);
    bool needsMet(const Step &step) const;
    bool needsFailed(const Step &step) const;
    void carryOn(int index, StepState failedState, const QString &error);

    QString m_runId;
    std::vector<Step> m_steps;
    QPointer<CallLimiter> m_limiter;
    QElapsedTimer m_clock;
    bool m_started = false;
    bool m_aborting = false;
    bool m_canceled = false;
    bool m_finished = false;
    bool m_pivotDone = false;
    int m_completions = 0;
    std::vector<int> m_compensationQueue;
    RunResult m_result = RunResult::Succeeded;
    QString m_failedStep;
    QString m_error;
    QStringList m_leftovers;
    QStringList m_warnings;
    QStringList m_failures;
    bool m_carryOn = false;
    std::optional<qint64> m_setupTimeMs;
};

} // namespace oc::pipeline
