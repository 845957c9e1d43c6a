#include "net/httpcall.h"

#include "util/logging.h"
#include "util/redactor.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace oc {

HttpCall::HttpCall(QNetworkAccessManager &nam, HttpRequest request, RetryPolicy policy, QObject *parent)
    : QObject(parent), m_nam(nam), m_request(std::move(request)), m_policy(std::move(policy))
{
    m_attemptTimer.setSingleShot(true);
    m_backoffTimer.setSingleShot(true);
    connect(&m_attemptTimer, &QTimer::timeout, this, &HttpCall::onTimeout);
    connect(&m_backoffTimer, &QTimer::timeout, this, &HttpCall::sendAttempt);
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void HttpCall::start()
{
    if (m_started)
        return;
    m_started = true;
    sendAttempt();
}

void HttpCall::cancel()
{
    if (m_finished)
        return;
    m_attemptTimer.stop();
    m_backoffTimer.stop();
    // A POST already on the wire may be applied even though we stop listening; one waiting to be
    // re-sent after a definite failure is not.
    const bool inFlight = bool(m_reply);
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply.release()->deleteLater();
    }
    m_error = ApiError{ApiError::Kind::Canceled, 0, {}, QStringLiteral("Canceled."), false, false};
    m_error.ambiguous = inFlight && !RetryPolicy::isIdempotent(m_request.method);
    m_finished = true;
    m_failed = true;
    qCDebug(lcNet).noquote() << m_request.method << logUrl() << "canceled after" << m_attempts << "attempt(s)";
    // finished() must never arrive inside cancel(); the context object drops it if we are destroyed first.
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
}

QByteArray HttpCall::rawHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString HttpCall::logUrl() const
{
    return Redactor::text(m_request.url.toDisplayString(QUrl::RemoveUserInfo));
}

void HttpCall::sendAttempt()
{
    if (m_attempts > 0 && m_gate && !m_gate()) {
        m_error = ApiError{ApiError::Kind::Canceled, 0, {}, QStringLiteral("Not sent again: the run's lease was lost."), false, false};
        qCDebug(lcNet).noquote() << m_request.method << logUrl() << "not re-sent: the gate is closed";
        m_finished = true;
        m_failed = true;
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
        return;
    }
    ++m_attempts;
    m_timedOut = false;
    m_status = 0;
    m_body.clear();
    m_headers.clear();
    QNetworkRequest req(m_request.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : m_request.headers)
        req.setRawHeader(name, value);

    if (lcNet().isDebugEnabled()) {
        QStringList shown;
        for (const auto &[name, value] : Redactor::headers(m_request.headers))
            shown << QString::fromLatin1(name + ": " + value);
        qCDebug(lcNet).noquote() << m_request.method << logUrl() << "attempt" << m_attempts << "headers:"
                                 << shown.join(QStringLiteral("; ")) << "body bytes:" << m_request.body.size();
    }

    const QByteArray method = m_request.method.toUpper();
    QNetworkReply *reply = nullptr;
    if (method == "GET")
        reply = m_nam.get(req);
    else if (method == "DELETE" && m_request.body.isEmpty())
        reply = m_nam.deleteResource(req);
    else if (method == "POST")
        reply = m_nam.post(req, m_request.body);
    else if (method == "PUT")
        reply = m_nam.put(req, m_request.body);
    else
        reply = m_nam.sendCustomRequest(req, method, m_request.body);
    m_reply.reset(reply);
    connect(reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
    m_sent = false;
    m_unsentWaits = 0;
    // The attempt's time counts from when the request is on the wire: before that it may wait in this thread's
    // own queue (a thread busy with a distant database), which says nothing about the vendor.
    connect(reply, &QNetworkReply::requestSent, this, [this] {
        if (m_sent)
            return;
        m_sent = true;
        m_attemptTimer.start(m_policy.attemptTimeout());
    });
    m_clock.start();
    m_attemptTimer.start(m_policy.attemptTimeout());
}

void HttpCall::onTimeout()
{
    if (!m_reply)
        return;
    if (!m_sent && m_unsentWaits < kUnsentWaits) {
        // Not even sent yet: the time went by in this thread's queue, not at the vendor. Wait again.
        ++m_unsentWaits;
        qCDebug(lcNet).noquote() << m_request.method << logUrl() << "not sent after" << m_clock.elapsed() << "ms: waiting again";
        m_attemptTimer.start(m_policy.attemptTimeout());
        return;
    }
    m_timedOut = true;
    m_reply->abort(); // emits finished(), handled in onReplyFinished
}

void HttpCall::onReplyFinished()
{
    m_attemptTimer.stop();
    std::unique_ptr<QNetworkReply> reply = std::move(m_reply);
    reply->disconnect(this);
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    m_status = m_timedOut ? 0 : status.toInt();
    m_headers = reply->rawHeaderPairs();
    m_body = reply->isOpen() ? reply->readAll() : QByteArray(); // aborted (timed out or canceled): closed, no body
    const QNetworkReply::NetworkError netError = reply->error();
    const QString netErrorText = reply->errorString();
    reply.release()->deleteLater();

    const qint64 ms = m_clock.elapsed();
    if (m_status >= 200 && m_status < 300) {
        qCDebug(lcNet).noquote() << m_request.method << logUrl() << "->" << m_status << "in" << ms << "ms";
        finish(false);
        return;
    }

    ApiError error;
    bool notSent = false;
    if (m_timedOut) {
        error.kind = ApiError::Kind::Timeout;
        notSent = !m_sent; // it never left: nothing can have been applied
        error.message = notSent ? QStringLiteral("The request could not be sent within %1 ms.").arg(m_clock.elapsed())
                                : QStringLiteral("No answer within %1 ms.").arg(m_policy.attemptTimeout().count());
    } else if (m_status > 0) {
        error.kind = ApiError::Kind::Http;
        error.httpStatus = m_status;
        error.message = QStringLiteral("The server answered HTTP %1.").arg(m_status);
    } else {
        error.kind = ApiError::Kind::Network;
        notSent = RetryPolicy::neverSent(netError);
        error.message = Redactor::text(netErrorText);
    }
    RetryPolicy::classify(error, m_request.method, notSent);
    qCDebug(lcNet).noquote() << m_request.method << logUrl() << "->" << error.describe() << "in" << ms << "ms, attempt"
                            << m_attempts;

    if (error.retryable && m_attempts < m_policy.maxAttempts()) {
        std::optional<RetryPolicy::Ms> retryAfter;
        if (m_status == 429)
            retryAfter = RetryPolicy::parseRetryAfter(rawHeader("Retry-After"));
        const RetryPolicy::Ms delay = m_policy.delayFor(m_attempts, retryAfter);
        m_error = error;
        Q_EMIT retrying(m_attempts + 1, delay.count(), error.describe());
        m_backoffTimer.start(delay);
        return;
    }
    m_error = error;
    finish(true);
}

void HttpCall::finish(bool failed)
{
    m_finished = true;
    m_failed = failed;
    if (!failed)
        m_error = ApiError{};
    Q_EMIT finished();
}

} // namespace oc
