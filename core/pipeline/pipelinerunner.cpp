#include "pipelinerunner.h"

#include "pipeline/calllimiter.h"
#include "util/logging.h"

#include <QTimer>

#include <algorithm>

namespace oc::pipeline {

namespace {
constexpr int kUndoPriority = 1 << 20;
}

PipelineRunner::PipelineRunner(QString runId, Recipe recipe, CallLimiter *limiter, QObject *parent)
    : QObject(parent), m_runId(std::move(runId)), m_limiter(limiter), m_carryOn(recipe.onFailure() == Recipe::OnFailure::CarryOn)
{
    Q_ASSERT_X(recipe.validate().isEmpty(), "PipelineRunner", qPrintable(recipe.validate()));
    for (const StepDefinition &def : recipe.steps())
        m_steps.push_back(Step{def, StepState::Pending, 0, -1, false, false, false, nullptr});
}

PipelineRunner::~PipelineRunner()
{
    if (m_limiter)
        m_limiter->forget(this);
    for (Step &s : m_steps) {
        takeTask(s).reset(); // cancels
        releaseSlot(s);
    }
}

void PipelineRunner::markAlreadyDone(const QString &step)
{
    Q_ASSERT(!m_started);
    for (Step &s : m_steps) {
        if (s.def.name == step) {
            s.state = StepState::Succeeded;
            s.completionOrder = m_completions++;
        }
    }
}

StepState PipelineRunner::state(const QString &step) const
{
    for (const Step &s : m_steps) {
        if (s.def.name == step)
            return s.state;
    }
    return StepState::Pending;
}

int PipelineRunner::stepsDone() const
{
    return int(std::count_if(m_steps.begin(), m_steps.end(), [](const Step &s) { return isFinal(s.state); }));
}

void PipelineRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    m_clock.start();
    for (int i = 0; i < int(m_steps.size()); ++i) {
        if (m_steps[i].state == StepState::Succeeded) {
            setState(i, StepState::Succeeded, QStringLiteral("done in an earlier run"));
            if (m_steps[i].def.phase == StepDefinition::Phase::Pivot)
                m_pivotDone = true;
        }
    }
    // Asynchronous, so observers connected after start() still see every event.
    QTimer::singleShot(0, this, [this] {
        schedule();
        finishIfDone();
    });
}

void PipelineRunner::cancel()
{
    if (!m_started || m_finished || m_aborting)
        return;
    if (m_pivotDone || m_carryOn) {
        // Past the commit point (or in a recipe that undoes nothing) nothing is undone: stop the best-effort steps and end as succeeded.
        for (int i = 0; i < int(m_steps.size()); ++i) {
            if (m_steps[i].state == StepState::Running || m_steps[i].state == StepState::Pending) {
                takeTask(m_steps[i]).reset();
                releaseSlot(m_steps[i]);
                setState(i, StepState::Canceled);
            }
        }
        if (m_carryOn) {
            m_canceled = true;
            return finish(RunResult::Canceled);
        }
        finishIfDone();
        return;
    }
    m_canceled = true;
    abort(StepState::Canceled, QString(), QStringLiteral("canceled"));
}

void PipelineRunner::halt(const QString &why)
{
    if (m_finished)
        return;
    if (m_limiter)
        m_limiter->forget(this);
    m_compensationQueue.clear();
    m_aborting = true;
    if (m_error.isEmpty())
        m_error = why;
    for (int i = 0; i < int(m_steps.size()); ++i) {
        Step &s = m_steps[i];
        s.waitingForSlot = false;
        if (s.task) {
            takeTask(s).reset();
            releaseSlot(s);
        }
        if (!isFinal(s.state))
            setState(i, StepState::Canceled, QString(), why);
    }
    m_started = true;
    finish(RunResult::Fenced);
}

bool PipelineRunner::needsMet(const Step &step) const
{
    for (const QString &need : step.def.needs) {
        auto it = std::find_if(m_steps.begin(), m_steps.end(), [&](const Step &s) { return s.def.name == need; });
        if (it == m_steps.end() || it->state != StepState::Succeeded)
            return false;
    }
    return true;
}

bool PipelineRunner::needsFailed(const Step &step) const
{
    for (const QString &need : step.def.needs) {
        auto it = std::find_if(m_steps.begin(), m_steps.end(), [&](const Step &s) { return s.def.name == need; });
        if (it != m_steps.end() && isFinal(it->state) && it->state != StepState::Succeeded)
            return true;
    }
    return false;
}

void PipelineRunner::schedule()
{
    if (m_aborting || m_finished)
        return;
    for (int i = 0; i < int(m_steps.size()); ++i) {
        Step &s = m_steps[i];
        if (s.state == StepState::Pending && !s.waitingForSlot && needsFailed(s)) {
            // Only in a recipe that carries on: what needs a failed step is not run (and what needs it in turn).
            setState(i, StepState::Skipped, QString(), QStringLiteral("not run: a step it needs failed"));
            i = -1; // rescan: a skip may cascade to steps listed before it
            continue;
        }
        if (s.state != StepState::Pending || s.waitingForSlot || !needsMet(s))
            continue;
        if (s.def.usesVendor && m_limiter) {
            s.waitingForSlot = true;
            // A run further along goes first: runs finish one by one, and no run waits for all others' starts.
            m_limiter->acquire(this, [this, i] {
                m_steps[i].waitingForSlot = false;
                m_steps[i].holdsSlot = true;
                launch(i);
            }, m_completions);
        } else {
            launch(i);
        }
    }
}

void PipelineRunner::launch(int index)
{
    Step &s = m_steps[index];
    if (m_aborting || m_finished) {
        releaseSlot(s);
        return;
    }
    ++s.attempt;
    setState(index, StepState::Running, s.def.title);
    s.task = s.def.run();
    connect(s.task.get(), &StepTask::progress, this, [this, index](const QString &detail, int attempt) {
        m_steps[index].attempt = std::max(m_steps[index].attempt, attempt);
        setState(index, m_steps[index].state, detail);
    });
    connect(s.task.get(), &StepTask::finished, this, [this, index](const StepOutcome &outcome) {
        onStepFinished(index, outcome);
    });
}

std::unique_ptr<StepTask> PipelineRunner::takeTask(Step &step)
{
    std::unique_ptr<StepTask> task = std::move(step.task);
    if (task)
        task->disconnect(this);
    return task;
}

void PipelineRunner::releaseSlot(Step &step)
{
    if (step.holdsSlot && m_limiter)
        m_limiter->release();
    step.holdsSlot = false;
}

void PipelineRunner::onStepFinished(int index, const StepOutcome &outcome)
{
    Step &s = m_steps[index];
    // Never delete a QObject inside its own signal: hand it to the event loop.
    takeTask(s).release()->deleteLater();
    if (outcome.kind == StepOutcome::Kind::Fenced) {
        releaseSlot(s);
        return halt(outcome.error);
    }
    if (outcome.kind == StepOutcome::Kind::Success) {
        s.completionOrder = m_completions++;
        setState(index, StepState::Succeeded, outcome.detail);
        if (s.def.phase == StepDefinition::Phase::Pivot) {
            m_pivotDone = true;
            m_setupTimeMs = m_clock.elapsed();
        }
        // Queue what this made ready (at the run's new priority) before the slot goes back, so it can get it.
        schedule();
        releaseSlot(s);
        finishIfDone();
        return;
    }
    releaseSlot(s);
    s.mayHaveTakenEffect = outcome.mayHaveTakenEffect;
    const StepState failedState = outcome.kind == StepOutcome::Kind::Canceled ? StepState::Canceled : StepState::Failed;
    if (s.def.phase == StepDefinition::Phase::AfterPivot) {
        setState(index, failedState, QString(), outcome.error);
        m_warnings << QStringLiteral("%1: %2").arg(s.def.name, outcome.error);
        schedule();
        finishIfDone();
        return;
    }
    if (m_carryOn)
        return carryOn(index, failedState, outcome.error);
    if (s.mayHaveTakenEffect)
        s.completionOrder = m_completions++;
    setState(index, failedState, QString(), outcome.error);
    abort(StepState::Canceled, s.def.name, outcome.error);
}

void PipelineRunner::carryOn(int index, StepState failedState, const QString &error)
{
    Step &s = m_steps[index];
    setState(index, failedState, QString(), error);
    m_failures << QStringLiteral("%1: %2").arg(s.def.name, error);
    if (m_failedStep.isEmpty()) {
        m_failedStep = s.def.name;
        m_error = error;
    }
    schedule();
    finishIfDone();
}

void PipelineRunner::abort(StepState runningBecomes, const QString &failedStep, const QString &error)
{
    if (!m_aborting && !m_pivotDone)
        Q_EMIT rollingBack();
    m_aborting = true;
    if (m_failedStep.isEmpty()) {
        m_failedStep = failedStep;
        m_error = error;
    }
    if (m_limiter)
        m_limiter->forget(this);
    for (int i = 0; i < int(m_steps.size()); ++i) {
        Step &s = m_steps[i];
        s.waitingForSlot = false;
        if (s.state == StepState::Running) {
            takeTask(s).reset(); // cancels the call in flight
            releaseSlot(s);
            // A create interrupted in flight may still have happened: undo it too (the undo looks it up first).
            s.mayHaveTakenEffect = true;
            s.completionOrder = m_completions++;
            setState(i, runningBecomes, QString(), QStringLiteral("stopped because the run is ending"));
        } else if (s.state == StepState::Pending) {
            setState(i, StepState::Skipped);
        }
    }
    // Undo in reverse order of completion.
    std::vector<int> order;
    for (int i = 0; i < int(m_steps.size()); ++i) {
        const Step &s = m_steps[i];
        const bool done = s.state == StepState::Succeeded || s.mayHaveTakenEffect;
        if (done && s.def.undo && s.def.phase == StepDefinition::Phase::BeforePivot)
            order.push_back(i);
    }
    std::sort(order.begin(), order.end(), [this](int a, int b) {
        return m_steps[a].completionOrder > m_steps[b].completionOrder;
    });
    m_compensationQueue = order;
    QTimer::singleShot(0, this, &PipelineRunner::compensateNext);
}

void PipelineRunner::compensateNext()
{
    if (m_compensationQueue.empty()) {
        if (!m_leftovers.isEmpty())
            finish(RunResult::NeedsAttention);
        else
            finish(m_canceled ? RunResult::Canceled : RunResult::RolledBack);
        return;
    }
    const int index = m_compensationQueue.front();
    m_compensationQueue.erase(m_compensationQueue.begin());
    auto go = [this, index] {
        Step &s = m_steps[index];
        s.holdsSlot = s.def.usesVendor && m_limiter;
        setState(index, StepState::Compensating);
        s.task = s.def.undo();
        connect(s.task.get(), &StepTask::progress, this, [this, index](const QString &detail, int) {
            setState(index, m_steps[index].state, detail);
        });
        connect(s.task.get(), &StepTask::finished, this, [this, index](const StepOutcome &outcome) {
            onUndoFinished(index, outcome);
        });
    };
    if (m_steps[index].def.usesVendor && m_limiter)
        m_limiter->acquire(this, go, kUndoPriority); // undo first: it frees what a failed run holds
    else
        go();
}

void PipelineRunner::onUndoFinished(int index, const StepOutcome &outcome)
{
    Step &s = m_steps[index];
    takeTask(s).release()->deleteLater();
    releaseSlot(s);
    if (outcome.kind == StepOutcome::Kind::Fenced)
        return halt(outcome.error);
    if (outcome.kind == StepOutcome::Kind::Success) {
        setState(index, StepState::Compensated, outcome.detail);
    } else {
        setState(index, StepState::CompensationFailed, QString(), outcome.error);
        m_leftovers << QStringLiteral("%1: %2").arg(s.def.name, outcome.error);
    }
    compensateNext();
}

void PipelineRunner::finishIfDone()
{
    if (m_aborting || m_finished)
        return;
    const bool allFinal = std::all_of(m_steps.begin(), m_steps.end(), [](const Step &s) { return isFinal(s.state); });
    if (allFinal)
        finish(m_failures.isEmpty() ? RunResult::Succeeded : RunResult::NeedsAttention);
}

void PipelineRunner::finish(RunResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = result;
    qCInfo(lcPipeline) << "run" << m_runId << "ended" << resultName(result);
    Q_EMIT finished(result);
}

void PipelineRunner::setState(int index, StepState state, const QString &detail, const QString &error)
{
    Step &s = m_steps[index];
    const bool changed = s.state != state;
    s.state = state;
    Q_EMIT stepEvent(StepEvent{m_runId, s.def.name, state, s.attempt, detail, error, QDateTime::currentDateTimeUtc()});
    if (changed)
        Q_EMIT progressChanged(stepsDone(), stepCount());
}

} // namespace oc::pipeline
