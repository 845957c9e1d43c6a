#pragma once

#include "net/retrypolicy.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>
#include <QString>

namespace oc::sandbox {
class Sandbox;
}

namespace oc::test {

// The environment an orgctl child process needs to work against `sandbox` (endpoints, credentials, SMTP
// with the sandbox CA) and `databaseUrl`, with HOME isolated in `home`; the late-create grace is 300 ms.
QProcessEnvironment orgctlEnvironment(const sandbox::Sandbox &sandbox, const QString &databaseUrl, const QString &home);

// One orgctl run as a child process. code: the exit code, -1 when it crashed (or was killed), -2 on timeout.
struct OrgctlRun {
    int code = -2;
    QByteArray out;
    QByteArray err;
};

// Runs `program` and waits with the event loop turning, so a sandbox living in the test process answers it.
OrgctlRun runOrgctl(const QString &program, const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 60000);

// Retries fast enough for tests against the sandbox: small backoff, a short per-attempt timeout.
RetryPolicy fastRetryPolicy(int attemptTimeoutMs = 2000, int maxAttempts = 3);

} // namespace oc::test
