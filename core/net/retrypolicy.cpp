#include "net/retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace oc {

RetryPolicy::RetryPolicy() : RetryPolicy(Settings{}) {}

RetryPolicy::RetryPolicy(Settings settings, RandomSource random)
    : m_settings(settings), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    m_settings.maxAttempts = std::max(1, m_settings.maxAttempts);
}

RetryPolicy::Ms RetryPolicy::scaled(Ms delay) const
{
    return Ms(qint64(std::llround(double(delay.count()) * m_settings.timeScale)));
}

RetryPolicy::Ms RetryPolicy::attemptTimeout() const
{
    return std::max(Ms(1), scaled(m_settings.attemptTimeout));
}

RetryPolicy::Ms RetryPolicy::backoffCeiling(int attempt) const
{
    const double raw = double(m_settings.baseDelay.count())
                       * std::pow(m_settings.multiplier, std::max(0, attempt - 1));
    return Ms(qint64(std::min(raw, double(m_settings.maxDelay.count()))));
}

RetryPolicy::Ms RetryPolicy::backoff(int attempt) const
{
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return scaled(Ms(qint64(std::llround(double(backoffCeiling(attempt).count()) * r))));
}

RetryPolicy::Ms RetryPolicy::delayFor(int attempt, std::optional<Ms> retryAfter) const
{
    if (retryAfter)
        return scaled(std::min(*retryAfter, m_settings.maxDelay));
    return backoff(attempt);
}

bool RetryPolicy::isIdempotent(const QByteArray &method)
{
    const QByteArray m = method.toUpper();
    return m == "GET" || m == "HEAD" || m == "DELETE" || m == "PUT" || m == "OPTIONS";
}

bool RetryPolicy::neverSent(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
        return true;
    default:
        return false;
    }
}

void RetryPolicy::classify(ApiError &error, const QByteArray &method, bool notSent)
{
    const bool idempotent = isIdempotent(method);
    error.retryable = false;
    error.ambiguous = false;
    switch (error.kind) {
    case ApiError::Kind::Canceled:
    case ApiError::Kind::Parse:
        return;
    case ApiError::Kind::Network:
        error.retryable = notSent || idempotent;
        error.ambiguous = !notSent && !idempotent;
        return;
    case ApiError::Kind::Timeout:
        // A request that never went out (it waited in this process's queue) cannot have been applied.
        error.retryable = notSent || idempotent;
        error.ambiguous = !notSent && !idempotent;
        return;
    case ApiError::Kind::Http:
    case ApiError::Kind::Api:
        if (error.httpStatus == 429) {
            // Rate limiting rejects the request before it is processed, so even a create may be re-sent.
            error.retryable = true;
        } else if (error.httpStatus >= 500) {
            error.retryable = idempotent;
            error.ambiguous = !idempotent;
        }
        return;
    }
}

std::optional<RetryPolicy::Ms> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<Ms>(Ms(seconds * 1000)) : std::nullopt;
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT"; the parse must not depend on the user's locale.
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(v), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return Ms(std::max<qint64>(0, now.msecsTo(when)));
}

} // namespace oc
