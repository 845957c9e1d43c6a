#pragma once

#include "net/retrypolicy.h"

#include <QProcessEnvironment>
#include <QString>

namespace oc::sandbox {
class Sandbox;
}

namespace oc::test {

// The environment an orgctl child process needs to work against `sandbox` (endpoints, credentials, SMTP
// with the sandbox CA) and `databaseUrl`, with HOME isolated in `home`.
QProcessEnvironment orgctlEnvironment(const sandbox::Sandbox &sandbox, const QString &databaseUrl, const QString &home);

// Retries fast enough for tests against the sandbox: small backoff, a short per-attempt timeout.
RetryPolicy fastRetryPolicy(int attemptTimeoutMs = 2000, int maxAttempts = 3);

} // namespace oc::test
