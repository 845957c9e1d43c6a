#include "runlease.h"

#include "store/runrepository.h"
#include "util/logging.h"

#include <ctime>

namespace oc::pipeline {

qint64 bootClockMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_BOOTTIME, &ts);
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

RunLease::RunLease(RunRepository &runs, LeaseFence fence, std::chrono::milliseconds length, QObject *parent)
    : QObject(parent), m_runs(runs), m_fence(std::move(fence)), m_length(length), m_confirmedAtMs(bootClockMs())
{
    m_timer.setInterval(std::max<qint64>(200, m_length.count() / 3));
    connect(&m_timer, &QTimer::timeout, this, [this] { renew(); });
}

std::chrono::milliseconds RunLease::defaultLength(int configuredSeconds)
{
    bool ok = false;
    const int env = qEnvironmentVariableIntValue("ORGCONSOLE_LEASE_SECONDS", &ok);
    if (ok && env > 0)
        return std::chrono::seconds(env);
    return std::chrono::seconds(configuredSeconds > 0 ? configuredSeconds : 60);
}

void RunLease::startRenewing()
{
    if (!m_lost)
        m_timer.start();
}

bool RunLease::renew()
{
    if (m_lost)
        return false;
    const qint64 asked = bootClockMs();
    auto renewed = m_runs.renewLease(m_fence, m_length.count());
    if (!renewed) {
        // The database cannot be reached: the lease may run out meanwhile; mayAct() keeps counting.
        qCWarning(lcPipeline) << "could not renew the lease of run" << m_fence.runId << renewed.error().message;
        return false;
    }
    if (!renewed.value()) {
        markLost(QStringLiteral("the lease was taken over"));
        return false;
    }
    m_confirmedAtMs = asked;
    return true;
}

bool RunLease::mayAct()
{
    if (m_lost)
        return false;
    // Act only with a comfortable part of the lease left: a quarter of it (at least 500 ms) is the margin for
    // the call about to be sent and for clock drift between us and the database.
    const qint64 margin = std::max<qint64>(500, m_length.count() / 4);
    if (bootClockMs() - m_confirmedAtMs < m_length.count() - margin)
        return true;
    return renew();
}

void RunLease::markLost(const QString &why)
{
    if (m_lost)
        return;
    m_lost = true;
    m_reason = why;
    m_timer.stop();
    qCWarning(lcPipeline).noquote() << stoppedMessage();
    Q_EMIT lost(why);
}

QString RunLease::stoppedMessage() const
{
    QString by;
    if (auto state = m_runs.leaseState(m_fence.runId); state && !state->owner.isEmpty() && state->owner != m_fence.owner)
        by = state->owner;
    else if (state && state->epoch != m_fence.epoch)
        by = QStringLiteral("another process (lease epoch %1)").arg(state->epoch);
    else
        by = QStringLiteral("another process");
    return QStringLiteral("run %1 was taken over by %2 — stopped").arg(m_fence.runId, by);
}

} // namespace oc::pipeline
