#include "asyncstep.h"

#include "pipeline/runlease.h"

#include <algorithm>

namespace oc {

AsyncStep::AsyncStep(ProvisioningContext &context) : m_ctx(context)
{
    QTimer::singleShot(0, this, [this] { run(); });
}

void AsyncStep::succeed(const QString &detail)
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT finished(pipeline::StepOutcome::success(detail));
}

void AsyncStep::fail(const QString &error, bool mayHaveTakenEffect)
{
    if (m_ended)
        return;
    m_ended = true;
    Q_EMIT finished(pipeline::StepOutcome::failure(error, mayHaveTakenEffect));
}

bool AsyncStep::checkWritten(const Result<void> &written, bool afterCall)
{
    if (written.ok())
        return true;
    if (written.error().kind == Error::Kind::Fenced)
        fenced(written.error().message);
    else if (afterCall)
        fail(QStringLiteral("could not write the journal after the call: %1").arg(written.error().message), true);
    else
        fail(QStringLiteral("could not write the journal: %1").arg(written.error().message));
    return false;
}

bool AsyncStep::mayActQuietly()
{
    pipeline::RunLease *lease = m_ctx.journal.lease();
    return lease && lease->mayAct();
}

bool AsyncStep::mayAct()
{
    if (mayActQuietly())
        return true;
    pipeline::RunLease *lease = m_ctx.journal.lease();
    fenced(lease ? lease->stoppedMessage() : QStringLiteral("run %1: no lease is held").arg(m_ctx.runId));
    return false;
}

void AsyncStep::fenced(const QString &why)
{
    if (m_ended)
        return;
    m_ended = true;
    if (pipeline::RunLease *lease = m_ctx.journal.lease())
        lease->markLost(why);
    Q_EMIT finished(pipeline::StepOutcome::fenced(why));
}

bool AsyncStep::createOutcomeOpen(const QString &createStep)
{
    const auto step = m_ctx.journal.step(createStep);
    if (!step)
        return false;
    if (step->status == StepStatus::Intent || step->status == StepStatus::Unknown)
        return true;
    // An undo that began (and stopped: a process interrupted twice, a failed undo) overwrote the create's own
    // line; without the id a confirmed create records, its outcome is still open.
    return (step->status == StepStatus::Compensating || step->status == StepStatus::CompensationFailed) && step->externalId.isEmpty();
}

void AsyncStep::markSent(const QString &createStep)
{
    m_ctx.sentAt.insert(createStep, QDateTime::currentDateTimeUtc());
}

void AsyncStep::afterLateCreateGrace(const QString &createStep, std::function<void()> then)
{
    QDateTime sent = m_ctx.sentAt.value(createStep);
    if (!sent.isValid()) { // another process sent it (recovery): the journal's intent is the best we know
        if (const auto step = m_ctx.journal.step(createStep))
            sent = step->updatedAt.isValid() ? step->updatedAt : step->startedAt;
    }
    const qint64 grace = m_ctx.services.lateCreateGrace.count();
    const qint64 wait = sent.isValid() ? std::clamp<qint64>(grace - sent.msecsTo(QDateTime::currentDateTimeUtc()), 0, grace) : grace;
    if (wait > 0)
        Q_EMIT progress(QStringLiteral("waiting %1 s for a create that may still land, then looking again").arg(double(wait) / 1000.0, 0, 'f', 1), 1);
    QTimer::singleShot(std::chrono::milliseconds(wait), this, std::move(then));
}

} // namespace oc
