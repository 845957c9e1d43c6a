#include "workerrepository.h"

#include "store/sqlvalues.h"

#include <QSqlQuery>

namespace oc {

Result<void> WorkerRepository::beat(const WorkerInfo &self)
{
    const QString now = m_db.nowMsSql();
    auto q = m_db.exec(QStringLiteral("INSERT INTO workers (id, kind, host, actor, concurrency, running, started_at, heartbeat_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, %1) ON CONFLICT (id) DO UPDATE SET concurrency = excluded.concurrency, "
                                      "running = excluded.running, heartbeat_at = excluded.heartbeat_at").arg(now),
                       {self.id, self.kind, self.host, self.actor, self.concurrency, self.running,
                        self.startedAt.isValid() ? self.startedAt.toMSecsSinceEpoch() : sql::nowMs()});
    if (!q)
        return q.error();
    return {};
}

Result<void> WorkerRepository::remove(const QString &id)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM workers WHERE id = ?"), {id});
    if (!q)
        return q.error();
    return {};
}

Result<QList<WorkerInfo>> WorkerRepository::alive(qint64 withinMs)
{
    const QString now = m_db.nowMsSql();
    auto q = m_db.execForward(QStringLiteral("SELECT id, kind, host, actor, concurrency, running, started_at, %1 - heartbeat_at "
                                             "FROM workers WHERE heartbeat_at > %1 - ? ORDER BY started_at, id").arg(now),
                              {withinMs});
    if (!q)
        return q.error();
    QList<WorkerInfo> out;
    while (q.value().next()) {
        WorkerInfo w;
        w.id = q.value().value(0).toString();
        w.kind = q.value().value(1).toString();
        w.host = q.value().value(2).toString();
        w.actor = q.value().value(3).toString();
        w.concurrency = q.value().value(4).toInt();
        w.running = q.value().value(5).toInt();
        w.startedAt = sql::toTime(q.value().value(6));
        w.heartbeatAgeMs = q.value().value(7).toLongLong();
        out << w;
    }
    return out;
}

} // namespace oc
