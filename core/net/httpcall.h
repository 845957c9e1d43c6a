#pragma once

#include "net/apierror.h"
#include "net/httprequest.h"
#include "net/retrypolicy.h"

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace oc {

// One HTTP exchange (with its retries) over an injected QNetworkAccessManager. finished() is emitted
// exactly once and never from inside start()/cancel(); cancel() ends it as Canceled; destroying a running
// call aborts the reply and emits nothing. A non-2xx answer is an error of kind Http carrying the status
// and body, so vendor clients can refine it from their error bodies.
class HttpCall : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    HttpCall(QNetworkAccessManager &nam, HttpRequest request, RetryPolicy policy = RetryPolicy(),
             QObject *parent = nullptr);
    ~HttpCall() override;

    void start();
    void cancel();
    // Asked before every re-sent attempt: false ends the call (Canceled) instead of sending again — a run
    // whose lease was lost sends nothing more.
    void setGate(std::function<bool()> gate) { m_gate = std::move(gate); }

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_failed; }
    const ApiError &error() const { return m_error; }
    const HttpRequest &request() const { return m_request; }
    int attempts() const { return m_attempts; }
    // Of the last attempt: 0 when no HTTP response arrived.
    int httpStatus() const { return m_status; }
    const QByteArray &body() const { return m_body; }
    QByteArray rawHeader(const QByteArray &name) const;

Q_SIGNALS:
    void finished();
    // Before waiting `delayMs` to send attempt `attempt` (2, 3, …); `reason` is a human line.
    void retrying(int attempt, qint64 delayMs, const QString &reason);

private:
    void sendAttempt();
    void onReplyFinished();
    void onTimeout();
    void finish(bool failed);
    QString logUrl() const;

    QNetworkAccessManager &m_nam;
    HttpRequest m_request;
    RetryPolicy m_policy;
    std::unique_ptr<QNetworkReply> m_reply;
    QTimer m_attemptTimer;
    QTimer m_backoffTimer;
    QElapsedTimer m_clock;
    bool m_timedOut = false;
    // An attempt whose request has not gone out when its time is up waits this many times more before it fails.
    static constexpr int kUnsentWaits = 3;
    bool m_sent = false;    // this attempt's request went out (QNetworkReply::requestSent)
    int m_unsentWaits = 0;  // times this attempt's timeout found it still waiting to go out
    bool m_started = false;
    bool m_finished = false;
    bool m_failed = false;
    int m_attempts = 0;
    int m_status = 0;
    QByteArray m_body;
    QList<QNetworkReply::RawHeaderPair> m_headers;
    ApiError m_error;
    std::function<bool()> m_gate;
};

} // namespace oc
