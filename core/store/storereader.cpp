#include "storereader.h"

#include "store/store.h"
#include "util/logging.h"

#include <QThread>

namespace oc {

class StoreReader::Worker : public QObject
{
public:
    std::unique_ptr<Store> own;
};

StoreReader::StoreReader(Store &store, QObject *parent) : QObject(parent), m_store(&store) {}

StoreReader::StoreReader(const DatabaseUrl &url, Store &fallback, QObject *parent) : QObject(parent), m_store(&fallback)
{
    auto *worker = new Worker;
    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("store reader"));
    worker->moveToThread(thread);
    thread->start();
    // Once, at start: the connection the reads use (migrated already by the GUI's own).
    bool opened = false;
    QMetaObject::invokeMethod(
        worker,
        [worker, url, &opened] {
            auto store = Store::open(url);
            if (!store) {
                qCWarning(lcApp) << "the store reader could not open its connection:" << store.error().message;
                return;
            }
            worker->own = std::move(store).value();
            opened = true;
        },
        Qt::BlockingQueuedConnection);
    if (!opened) {
        delete worker;
        thread->quit();
        thread->wait();
        delete thread;
        return;
    }
    m_worker = worker;
    m_thread = thread;
}

StoreReader::~StoreReader()
{
    if (!m_thread)
        return;
    // Reads still queued run first (their answers go nowhere: this object is going); then the connection.
    QMetaObject::invokeMethod(m_worker, [w = m_worker] { delete w; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void StoreReader::post(std::function<void(Store &)> job)
{
    Worker *w = m_worker;
    QMetaObject::invokeMethod(w, [w, job = std::move(job)] { job(*w->own); }, Qt::QueuedConnection);
}

} // namespace oc
