#include "runfeed.h"

#include "store/database.h"
#include "store/runrepository.h"
#include "util/logging.h"

#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>

namespace oc {

namespace {
const QString kChannel = QStringLiteral("orgconsole_runs");
}

QJsonObject RunEvent::toJson() const
{
    QJsonObject o{{QStringLiteral("at"), atMs}, {QStringLiteral("run"), runId}, {QStringLiteral("status"), status}};
    if (isStep()) {
        o.insert(QStringLiteral("step"), step);
        o.insert(QStringLiteral("attempt"), attempt);
    } else {
        o.insert(QStringLiteral("org"), organizationId);
        o.insert(QStringLiteral("kind"), kind);
        o.insert(QStringLiteral("owner"), owner.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(owner));
    }
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

RunEvent RunEvent::fromJson(const QJsonObject &o)
{
    RunEvent e;
    e.atMs = qint64(o.value(QStringLiteral("at")).toDouble());
    e.runId = o.value(QStringLiteral("run")).toString();
    e.step = o.value(QStringLiteral("step")).toString();
    e.status = o.value(QStringLiteral("status")).toString();
    e.organizationId = qint64(o.value(QStringLiteral("org")).toDouble());
    e.kind = o.value(QStringLiteral("kind")).toString();
    e.owner = o.value(QStringLiteral("owner")).toString();
    e.attempt = o.value(QStringLiteral("attempt")).toInt();
    e.detail = o.value(QStringLiteral("detail")).toString();
    e.error = o.value(QStringLiteral("error")).toString();
    return e;
}

RunFeed::RunFeed(std::unique_ptr<Database> db, QObject *parent) : QObject(parent), m_db(std::move(db))
{
    connect(&m_timer, &QTimer::timeout, this, &RunFeed::poll);
}

RunFeed::~RunFeed() = default;

Result<std::unique_ptr<RunFeed>> RunFeed::open(const DatabaseUrl &url, QObject *parent)
{
    auto db = Database::open(url);
    if (!db)
        return db.error();
    return std::unique_ptr<RunFeed>(new RunFeed(std::move(db).value(), parent));
}

Result<QList<RunEvent>> RunFeed::snapshot(int recent)
{
    RunRepository runs(*m_db);
    auto list = runs.liveAndRecent(recent);
    if (!list)
        return list.error();
    QList<RunEvent> events;
    for (const ProvisioningRun &r : list.value()) {
        RunEvent e;
        e.atMs = r.updatedAt.toMSecsSinceEpoch();
        e.runId = r.id;
        e.status = statusName(r.status);
        e.organizationId = r.organizationId;
        e.kind = r.kind;
        e.owner = r.leaseOwner;
        e.error = r.error;
        events << e;
        auto steps = runs.steps(r.id);
        if (!steps)
            return steps.error();
        for (const RunStep &s : steps.value()) {
            RunEvent se;
            se.atMs = s.updatedAt.toMSecsSinceEpoch();
            se.runId = r.id;
            se.step = s.step;
            se.status = statusName(s.status);
            se.attempt = s.attempt;
            se.detail = s.detail;
            se.error = s.error;
            events << se;
        }
    }
    return events;
}

Result<void> RunFeed::start(int pollMs)
{
    if (m_db->engine() == Database::Engine::Postgres) {
        QSqlDriver *driver = m_db->connection().driver();
        if (!driver->subscribeToNotification(kChannel))
            return Error{Error::Kind::Connection, QStringLiteral("cannot LISTEN %1: %2").arg(kChannel, driver->lastError().text())};
        connect(driver, &QSqlDriver::notification, this, [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
            if (name != kChannel)
                return;
            const QJsonObject o = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
            if (!o.isEmpty())
                Q_EMIT event(RunEvent::fromJson(o));
        });
        m_push = true;
        return {};
    }
    auto last = m_db->exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM run_events"));
    if (!last)
        return last.error();
    last.value().next();
    m_lastEventId = last.value().value(0).toLongLong();
    m_timer.start(pollMs);
    return {};
}

void RunFeed::poll()
{
    auto version = m_db->exec(QStringLiteral("PRAGMA data_version"));
    if (!version)
        return;
    version.value().next();
    const qint64 v = version.value().value(0).toLongLong();
    if (v == m_dataVersion)
        return;
    m_dataVersion = v;
    // SQLite serializes writers, so ids are in commit order: nothing committed later can take a smaller id.
    auto q = m_db->execForward(QStringLiteral("SELECT id, at, run_id, organization_id, kind, step, status, attempt, detail, error, owner "
                                              "FROM run_events WHERE id > ? ORDER BY id"),
                               {m_lastEventId});
    if (!q) {
        qCWarning(lcStore) << "run feed:" << q.error().message;
        return;
    }
    QList<RunEvent> events;
    while (q.value().next()) {
        m_lastEventId = q.value().value(0).toLongLong();
        RunEvent e;
        e.atMs = q.value().value(1).toLongLong();
        e.runId = q.value().value(2).toString();
        e.organizationId = q.value().value(3).toLongLong();
        e.kind = q.value().value(4).toString();
        e.step = q.value().value(5).toString();
        e.status = q.value().value(6).toString();
        e.attempt = q.value().value(7).toInt();
        e.detail = q.value().value(8).toString();
        e.error = q.value().value(9).toString();
        e.owner = q.value().value(10).toString();
        events << e;
    }
    q.value().finish();
    for (const RunEvent &e : std::as_const(events))
        Q_EMIT event(e);
}

} // namespace oc
