#include "statsloader.h"

#include "store/database.h"

#include <memory>

namespace oc {

namespace {

// Owns the reading connection; created, used and destroyed on the loader's thread, as QtSql requires.
class StatsWorker : public QObject
{
public:
    explicit StatsWorker(DatabaseUrl url) : m_url(std::move(url)) {}

    Result<DashboardStats> read()
    {
        if (!m_db) {
            auto db = Database::open(m_url);
            if (!db)
                return db.error();
            m_db = std::move(db).value();
        }
        auto stats = StatsRepository(*m_db).dashboard();
        if (!stats && stats.error().kind == Error::Kind::Connection)
            m_db.reset(); // reconnect on the next request
        return stats;
    }

private:
    DatabaseUrl m_url;
    std::unique_ptr<Database> m_db;
};

} // namespace

StatsLoader::StatsLoader(DatabaseUrl url, QObject *parent)
    : QObject(parent), m_worker(new StatsWorker(std::move(url)))
{
    m_thread.setObjectName(QStringLiteral("orgconsole-stats"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
}

StatsLoader::~StatsLoader()
{
    // The worker finishes a read in progress, then is deleted on its thread (closing its connection there).
    m_thread.quit();
    m_thread.wait();
}

void StatsLoader::request()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    m_busy = true;
    auto *worker = static_cast<StatsWorker *>(m_worker);
    QMetaObject::invokeMethod(m_worker, [this, worker] {
        const Result<DashboardStats> result = worker->read();
        // Queued to this object: if it is destroyed first, the event is dropped with it.
        QMetaObject::invokeMethod(this, [this, result] { deliver(result); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void StatsLoader::deliver(const Result<DashboardStats> &result)
{
    m_busy = false;
    if (result)
        Q_EMIT loaded(result.value());
    else
        Q_EMIT failed(result.error().message);
    if (m_again) {
        m_again = false;
        request();
    }
}

} // namespace oc
