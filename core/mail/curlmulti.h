#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <curl/curl.h>

#include <functional>

class QSocketNotifier;

namespace oc {

// libcurl's multi interface driven by the Qt event loop: sockets are watched with QSocketNotifiers
// (CURLMOPT_SOCKETFUNCTION) and libcurl's timeouts run on a QTimer (CURLMOPT_TIMERFUNCTION). Not every
// protocol is fully non-blocking: libcurl 7.88's SMTP waits (poll) for the reply to the end of DATA inside
// curl_multi_socket_action, so Mailer keeps this object on a worker thread of its own. Single-threaded:
// create, use and destroy it on one thread.
class CurlMulti : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMulti)

public:
    using Done = std::function<void(CURLcode)>;

    explicit CurlMulti(QObject *parent = nullptr);
    // Transfers still running are removed and their Done is called with CURLE_ABORTED_BY_CALLBACK.
    ~CurlMulti() override;

    // Starts `easy`; `done` is called once, from the event loop, after the handle left the multi.
    bool add(CURL *easy, Done done);
    // Stops `easy` without calling its Done. Safe for a handle that already finished.
    void remove(CURL *easy);

    // Once per process, before any handle exists (curl_global_init is not thread-safe).
    static void ensureGlobalInit();

private:
    struct Watch {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    static int socketCallback(CURL *easy, curl_socket_t socket, int what, void *self, void *socketData);
    static int timerCallback(CURLM *multi, long timeoutMs, void *self);
    void watch(curl_socket_t socket, int what);
    void unwatch(curl_socket_t socket);
    void act(curl_socket_t socket, int events);
    void collectFinished();

    CURLM *m_multi = nullptr;
    QTimer m_timer;
    QHash<curl_socket_t, Watch> m_watches;
    QHash<CURL *, Done> m_running;
};

} // namespace oc
