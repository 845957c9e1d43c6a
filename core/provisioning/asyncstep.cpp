#include "asyncstep.h"

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

bool AsyncStep::journaled(const Result<void> &written)
{
    if (written.ok())
        return true;
    fail(QStringLiteral("could not write the journal: %1").arg(written.error().message));
    return false;
}

} // namespace oc
