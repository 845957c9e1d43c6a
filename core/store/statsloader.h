#pragma once

#include "store/databaseurl.h"
#include "store/statsrepository.h"

#include <QObject>
#include <QThread>

namespace oc {

// Reads the dashboard's numbers on a thread of its own, over a connection of its own, so the caller's event loop
// never waits for them (at a million organizations they take tens of milliseconds). One read at a time: a
// request while one is running is remembered and served once after it.
class StatsLoader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsLoader)

public:
    // The database must already be migrated (Store::open does that); the loader only reads.
    explicit StatsLoader(DatabaseUrl url, QObject *parent = nullptr);
    ~StatsLoader() override;

    void request();
    bool busy() const { return m_busy; }

Q_SIGNALS:
    void loaded(const oc::DashboardStats &stats);
    void failed(const QString &message);

private:
    void deliver(const Result<DashboardStats> &result);

    QThread m_thread;
    QObject *m_worker = nullptr;   // lives in m_thread, deleted there when it finishes
    bool m_busy = false;
    bool m_again = false;
};

} // namespace oc
