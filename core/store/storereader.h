#pragma once

#include "store/databaseurl.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <type_traits>

class QThread;

namespace oc {

class Store;

// The read seam between the ui and the store: a read is a function of the store, its answer a callback on
// the reader's thread (the GUI's). Made on a database URL, the reader keeps a connection of its own on a
// thread of its own, so no query — a count over a million rows, a round-trip to a distant PostgreSQL — ever
// holds a frame; reads run one after the other, in the order asked. Made on a Store, reads run at once on
// that store, before read() returns (tests, tools).
class StoreReader : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreReader)

public:
    explicit StoreReader(Store &store, QObject *parent = nullptr);
    // Opens its own connection to `url` on its thread; if that fails, reads run on `fallback` instead.
    StoreReader(const DatabaseUrl &url, Store &fallback, QObject *parent = nullptr);
    ~StoreReader() override;

    bool isThreaded() const { return m_thread != nullptr; }

    // Runs `read(store)` and hands its answer to `done` on this object's thread, unless `context` is gone.
    template<typename Read, typename Done>
    void read(QObject *context, Read &&read, Done &&done)
    {
        using T = std::decay_t<std::invoke_result_t<Read &, Store &>>;
        QPointer<QObject> guard(context);
        if (!m_thread) {
            T answer = read(*m_store);
            if (guard)
                done(std::move(answer));
            return;
        }
        post([this, guard, read = std::forward<Read>(read), done = std::forward<Done>(done)](Store &store) mutable {
            auto answer = std::make_shared<T>(read(store));
            QMetaObject::invokeMethod(this, [guard, answer, done = std::move(done)]() mutable {
                if (guard)
                    done(std::move(*answer));
            });
        });
    }

private:
    class Worker;
    void post(std::function<void(Store &)> job);

    Store *m_store = nullptr; // the one-thread reader's
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
};

} // namespace oc
