#pragma once

#include "store/databaseurl.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QTimer>

#include <memory>

namespace oc {

class Database;

// One change of a run (its status, owner or cancel request) or of one of its steps, from whichever process
// made it — as the database recorded it (team mode).
struct RunEvent {
    qint64 atMs = 0;          // the database's clock when the change was written
    QString runId;
    QString step;             // empty: a change of the run itself
    QString status;           // the run's or the step's
    qint64 organizationId = 0; // run changes only
    QString kind;             // run changes only
    QString owner;            // run changes only: the lease owner (empty: none)
    int attempt = 0;          // step changes only
    QString detail;
    QString error;

    bool isStep() const { return !step.isEmpty(); }
    QJsonObject toJson() const;
    static RunEvent fromJson(const QJsonObject &o);
};

// The feed of every run's changes in the database, live, on its own connection: PostgreSQL LISTEN
// orgconsole_runs (the triggers of schema 5 NOTIFY at commit), SQLite by polling PRAGMA data_version (cheap; it
// changes only when another connection commits) and reading the run_events table past the last id seen.
class RunFeed : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunFeed)

public:
    ~RunFeed() override;
    static Result<std::unique_ptr<RunFeed>> open(const DatabaseUrl &url, QObject *parent = nullptr);

    // What a watcher that starts late sees first: every live run (and the `recent` latest others) with its
    // steps, as events in order.
    Result<QList<RunEvent>> snapshot(int recent = 0);
    // Starts listening (PostgreSQL) or polling every `pollMs` (SQLite).
    Result<void> start(int pollMs = 100);
    bool isPush() const { return m_push; }

Q_SIGNALS:
    void event(const oc::RunEvent &event);

private:
    explicit RunFeed(std::unique_ptr<Database> db, QObject *parent);
    void poll();

    std::unique_ptr<Database> m_db;
    QTimer m_timer;
    qint64 m_dataVersion = -1;
    qint64 m_lastEventId = 0;
    bool m_push = false;
};

} // namespace oc

Q_DECLARE_METATYPE(oc::RunEvent)
