#pragma once

#include "net/apierror.h"
#include "net/httpcall.h"

#include <QObject>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace oc {

// A vendor call as the pipeline sees it: one or more HttpCalls in sequence (pagination follows pages)
// ending in a typed value or an ApiError. Every client method returns a started
// std::unique_ptr<TypedCall<T>> (net/typedcall.h): connect to finished(), then read ok()/value()/error().
// finished() fires exactly once and always from the event loop; destroying the call cancels it silently;
// cancel() ends it with an error of kind Canceled.
class ApiCall : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiCall)

public:
    ~ApiCall() override;

    void cancel();
    // Asked before every further request (a re-sent attempt, the next page): false ends the call, Canceled.
    void setGate(std::function<bool()> gate);
    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_failed; }
    const ApiError &error() const { return m_error; }
    // HTTP attempts over all pages, retries included.
    int attempts() const { return m_attempts; }
    // Status and body of the last HTTP answer (0/empty when none arrived).
    int httpStatus() const { return m_lastStatus; }
    const QByteArray &lastBody() const { return m_lastBody; }

Q_SIGNALS:
    void finished();
    void retrying(int attempt, qint64 delayMs, const QString &reason);

protected:
    ApiCall(QNetworkAccessManager &nam, RetryPolicy policy, QObject *parent = nullptr);

    // Starts the next exchange; its outcome arrives in handleResponse().
    void send(HttpRequest request);
    // Must end by calling send(), succeed() or fail().
    virtual void handleResponse(const HttpCall &call) = 0;
    void succeed();
    void fail(ApiError error);

private:
    void onHttpFinished();

    QNetworkAccessManager &m_nam;
    RetryPolicy m_policy;
    std::unique_ptr<HttpCall> m_http;
    ApiError m_error;
    QByteArray m_lastBody;
    int m_lastStatus = 0;
    int m_attempts = 0;
    bool m_finished = false;
    bool m_failed = false;
    std::function<bool()> m_gate;
};

} // namespace oc
