#include "curlmulti.h"

#include "util/logging.h"

#include <QSocketNotifier>

#include <mutex>

namespace oc {

namespace {
void retire(QSocketNotifier *notifier)
{
    // It may be the notifier whose activated() we are inside: disable now, delete later.
    if (notifier) {
        notifier->setEnabled(false);
        notifier->deleteLater();
    }
}
} // namespace

void CurlMulti::ensureGlobalInit()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

CurlMulti::CurlMulti(QObject *parent) : QObject(parent)
{
    ensureGlobalInit();
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::socketCallback);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::timerCallback);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

CurlMulti::~CurlMulti()
{
    const auto running = std::exchange(m_running, {});
    for (auto it = running.begin(); it != running.end(); ++it)
        curl_multi_remove_handle(m_multi, it.key());
    curl_multi_cleanup(m_multi);
    for (const Watch &w : std::as_const(m_watches)) {
        delete w.read;
        delete w.write;
    }
    for (const Done &done : running)
        done(CURLE_ABORTED_BY_CALLBACK);
}

bool CurlMulti::add(CURL *easy, Done done)
{
    if (curl_multi_add_handle(m_multi, easy) != CURLM_OK)
        return false;
    // libcurl now asks for a timeout of 0 through timerCallback; the transfer starts from the event loop.
    m_running.insert(easy, std::move(done));
    return true;
}

void CurlMulti::remove(CURL *easy)
{
    if (m_running.remove(easy))
        curl_multi_remove_handle(m_multi, easy);
}

int CurlMulti::socketCallback(CURL *, curl_socket_t socket, int what, void *self, void *)
{
    auto *multi = static_cast<CurlMulti *>(self);
    if (what == CURL_POLL_REMOVE)
        multi->unwatch(socket);
    else
        multi->watch(socket, what);
    return 0;
}

int CurlMulti::timerCallback(CURLM *, long timeoutMs, void *self)
{
    auto *multi = static_cast<CurlMulti *>(self);
    // Never call back into libcurl from here: a zero timeout also goes through the event loop.
    if (timeoutMs < 0)
        multi->m_timer.stop();
    else
        multi->m_timer.start(int(std::min<long>(timeoutMs, std::numeric_limits<int>::max())));
    return 0;
}

void CurlMulti::watch(curl_socket_t socket, int what)
{
    Watch &w = m_watches[socket];
    const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
    const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
    if (wantRead && !w.read) {
        w.read = new QSocketNotifier(qintptr(socket), QSocketNotifier::Read, this);
        connect(w.read, &QSocketNotifier::activated, this, [this, socket] { act(socket, CURL_CSELECT_IN); });
    }
    if (wantWrite && !w.write) {
        w.write = new QSocketNotifier(qintptr(socket), QSocketNotifier::Write, this);
        connect(w.write, &QSocketNotifier::activated, this, [this, socket] { act(socket, CURL_CSELECT_OUT); });
    }
    if (w.read)
        w.read->setEnabled(wantRead);
    if (w.write)
        w.write->setEnabled(wantWrite);
}

void CurlMulti::unwatch(curl_socket_t socket)
{
    const Watch w = m_watches.take(socket);
    retire(w.read);
    retire(w.write);
}

void CurlMulti::act(curl_socket_t socket, int events)
{
    int stillRunning = 0;
    curl_multi_socket_action(m_multi, socket, events, &stillRunning);
    collectFinished();
}

void CurlMulti::collectFinished()
{
    QPointer<CurlMulti> alive(this);
    int queued = 0;
    while (CURLMsg *msg = curl_multi_info_read(m_multi, &queued)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        CURL *easy = msg->easy_handle;
        const CURLcode code = msg->data.result;
        // Remove before calling back: the callback may destroy the handle or this object.
        curl_multi_remove_handle(m_multi, easy);
        Done done = m_running.take(easy);
        if (done)
            done(code);
        if (!alive)
            return;
    }
}

} // namespace oc
