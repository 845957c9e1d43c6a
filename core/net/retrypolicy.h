#pragma once

#include "net/apierror.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

#include <chrono>
#include <functional>
#include <optional>

namespace oc {

// DESIGN §2.2: what may be retried, and after how long. Retried: 429 (honouring Retry-After), connection
// failures that prove the request never left (refused, host not found), and 5xx/timeouts/resets on
// idempotent methods. Never retried: anything on a POST/PATCH that may have reached the server — that is
// reported as ambiguous instead, because a blind retry is how numbers get bought twice.
class RetryPolicy
{
public:
    using Ms = std::chrono::milliseconds;
    // Returns a uniformly distributed value in [0, 1); injectable so tests can pin the jitter.
    using RandomSource = std::function<double()>;

    struct Settings {
        int maxAttempts = 5;
        Ms baseDelay{1000};
        double multiplier = 2.0;
        Ms maxDelay{60000};
        Ms attemptTimeout{30000};
        double timeScale = 1.0; // multiplies every delay and timeout; tests use e.g. 0.001
    };

    RetryPolicy();
    explicit RetryPolicy(Settings settings, RandomSource random = {});

    const Settings &settings() const { return m_settings; }
    int maxAttempts() const { return m_settings.maxAttempts; }
    Ms attemptTimeout() const;

    // Full jitter: uniform in [0, min(cap, base·multiplier^(attempt-1))], scaled. `attempt` is 1-based,
    // the attempt that just failed.
    Ms backoff(int attempt) const;
    // The upper bound backoff(attempt) draws from, before scaling; for tests and progress text.
    Ms backoffCeiling(int attempt) const;
    // Delay before the next attempt: Retry-After when the server gave one (capped), else backoff.
    Ms delayFor(int attempt, std::optional<Ms> retryAfter) const;

    static bool isIdempotent(const QByteArray &method);
    // The request provably never reached the server.
    static bool neverSent(QNetworkReply::NetworkError error);
    // Fills retryable and ambiguous on an error for `method`; `notSent` from neverSent().
    static void classify(ApiError &error, const QByteArray &method, bool notSent);
    // Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); nullopt when absent or unreadable.
    static std::optional<Ms> parseRetryAfter(const QByteArray &value,
                                             const QDateTime &now = QDateTime::currentDateTimeUtc());

private:
    Ms scaled(Ms delay) const;

    Settings m_settings;
    RandomSource m_random;
};

} // namespace oc
