#include "cancelrequests.h"

#include "pipeline/leaseowner.h"
#include "store/runrepository.h"
#include "util/logging.h"

namespace oc {

CancelRequests::CancelRequests(RunRepository &runs, QObject *parent)
    : QObject(parent), m_runs(runs), m_owner(pipeline::LeaseOwner::current().toString())
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CancelRequests::poll);
}

void CancelRequests::watch(const QString &runId)
{
    m_watched.insert(runId);
    if (!m_timer.isActive())
        m_timer.start();
}

void CancelRequests::unwatch(const QString &runId)
{
    m_watched.remove(runId);
    if (m_watched.isEmpty())
        m_timer.stop();
}

void CancelRequests::poll()
{
    if (m_watched.isEmpty() || m_runs.inTransaction())
        return;
    auto ids = m_runs.cancelRequestsFor(m_owner);
    if (!ids) {
        qCWarning(lcPipeline) << "could not look for cancel requests:" << ids.error().message;
        return;
    }
    for (const QString &id : ids.value()) {
        if (!m_watched.remove(id))
            continue;
        qCInfo(lcPipeline) << "run" << id << "cancel requested through the database";
        Q_EMIT requested(id);
    }
    if (m_watched.isEmpty())
        m_timer.stop();
}

} // namespace oc
