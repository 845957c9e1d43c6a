#pragma once

#include "store/database.h"
#include "util/result.h"

#include <QDateTime>
#include <QList>

namespace oc {

// The processes that drain the queue (workers, consoles, services) and their heartbeats (team mode).
struct WorkerInfo {
    QString id;        // the lease owner it claims runs as
    QString kind;      // worker | console | serve
    QString host;
    QString actor;
    int concurrency = 0;
    int running = 0;
    QDateTime startedAt;
    qint64 heartbeatAgeMs = 0; // by the database's clock
};

class WorkerRepository
{
public:
    explicit WorkerRepository(Database &db) : m_db(db) {}

    // Inserts or refreshes this process's row, its heartbeat by the database's clock.
    Result<void> beat(const WorkerInfo &self);
    Result<void> remove(const QString &id);
    // The workers whose last heartbeat is younger than `withinMs`, oldest first.
    Result<QList<WorkerInfo>> alive(qint64 withinMs);

private:
    Database &m_db;
};

} // namespace oc
