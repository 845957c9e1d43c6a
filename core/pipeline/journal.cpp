#include "journal.h"

#include "pipeline/runlease.h"

#include <atomic>
#include <csignal>
#include <unistd.h>

namespace oc::pipeline {

Journal::Journal(RunRepository &runs, QString runId) : m_runs(runs), m_runId(std::move(runId)) {}

void Journal::crashPoint(const QString &step, StepStatus status)
{
    // "step:status" kills at the first such line, "step:status#N" at the Nth in this process (runs side by side).
    static const QString spec = qEnvironmentVariable("ORGCONSOLE_CRASH_AT");
    static const QString point = spec.section(QLatin1Char('#'), 0, 0);
    static const int nth = qMax(1, spec.section(QLatin1Char('#'), 1, 1).toInt());
    static std::atomic<int> seen{0};
    if (!point.isEmpty() && point == step + QLatin1Char(':') + statusName(status) && ++seen >= nth)
        ::kill(::getpid(), SIGKILL);
}

Result<void> Journal::load()
{
    auto steps = m_runs.steps(m_runId);
    if (!steps)
        return steps.error();
    m_steps.clear();
    for (const RunStep &s : steps.value())
        m_steps.insert(s.step, s);
    m_loaded = true;
    return {};
}

std::optional<RunStep> Journal::step(const QString &name)
{
    if (!m_loaded && !load())
        return std::nullopt;
    auto it = m_steps.constFind(name);
    if (it == m_steps.constEnd())
        return std::nullopt;
    return *it;
}

Result<void> Journal::save(const QString &name, StepStatus status, const std::function<void(RunStep &)> &change)
{
    if (!m_loaded) {
        if (auto r = load(); !r)
            return r;
    }
    RunStep s = m_steps.value(name);
    s.runId = m_runId;
    s.step = name;
    s.status = status;
    change(s);
    if (!m_lease || m_lease->isLost())
        return Error::fenced(QStringLiteral("run %1: this process no longer holds its lease").arg(m_runId));
    auto saved = m_runs.saveStep(s, m_lease->fence());
    if (!saved) {
        if (saved.error().kind == Error::Kind::Fenced)
            m_lease->markLost(saved.error().message);
        return saved;
    }
    m_steps.insert(name, s);
    // Inside a transaction the line is not committed yet: the caller fires the hook after COMMIT.
    if (!m_runs.inTransaction())
        crashPoint(name, status);
    return {};
}

Result<void> Journal::intent(const QString &step, const QString &lookupTag, int attempt)
{
    return save(step, StepStatus::Intent, [&](RunStep &s) {
        s.lookupTag = lookupTag;
        s.attempt = attempt;
        s.error.clear();
        if (!s.startedAt.isValid())
            s.startedAt = QDateTime::currentDateTimeUtc();
    });
}

Result<void> Journal::done(const QString &step, const QString &externalId, const QString &detail)
{
    return save(step, StepStatus::Done, [&](RunStep &s) {
        s.externalId = externalId;
        s.detail = detail;
        s.error.clear();
        s.finishedAt = QDateTime::currentDateTimeUtc();
    });
}

Result<void> Journal::failed(const QString &step, const QString &error)
{
    return save(step, StepStatus::Failed, [&](RunStep &s) {
        s.error = error;
        s.finishedAt = QDateTime::currentDateTimeUtc();
    });
}

Result<void> Journal::unknown(const QString &step, const QString &error)
{
    return save(step, StepStatus::Unknown, [&](RunStep &s) { s.error = error; });
}

Result<void> Journal::skipped(const QString &step)
{
    return save(step, StepStatus::Skipped, [](RunStep &) {});
}

Result<void> Journal::compensating(const QString &step)
{
    return save(step, StepStatus::Compensating, [](RunStep &) {});
}

Result<void> Journal::compensated(const QString &step, const QString &detail)
{
    return save(step, StepStatus::Compensated, [&](RunStep &s) {
        s.detail = detail;
        s.finishedAt = QDateTime::currentDateTimeUtc();
    });
}

Result<void> Journal::compensationFailed(const QString &step, const QString &error)
{
    return save(step, StepStatus::CompensationFailed, [&](RunStep &s) {
        s.error = error;
        s.finishedAt = QDateTime::currentDateTimeUtc();
    });
}

} // namespace oc::pipeline
