#include "sandboxenvironment.h"

#include "sandbox/sandbox.h"

#include <QProcess>
#include <QSignalSpy>

namespace oc::test {

QProcessEnvironment orgctlEnvironment(const sandbox::Sandbox &sandbox, const QString &databaseUrl, const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    for (const auto &[name, value] : sandbox.clientEnvironment())
        env.insert(name, value);
    env.remove(QStringLiteral("ORGCONSOLE_SANDBOX_LEDGER"));
    env.insert(QStringLiteral("ADMIN_EMAIL_FROM_USER"), QStringLiteral("noreply@acme.example"));
    env.insert(QStringLiteral("ORGCONSOLE_DATABASE"), databaseUrl);
    env.remove(QStringLiteral("ORGCONSOLE_CRASH_AT"));
    // The sandbox applies a create when it answers (or, with a delay fault, when the delay ends): no create lands
    // late unless a test makes it, so undo needs no long wait for one. Tests that do raise it.
    env.insert(QStringLiteral("ORGCONSOLE_LATE_CREATE_GRACE_MS"), QStringLiteral("300"));
    return env;
}

OrgctlRun runOrgctl(const QString &program, const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(program, args);
    OrgctlRun r;
    if (!finished.wait(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

RetryPolicy fastRetryPolicy(int attemptTimeoutMs, int maxAttempts)
{
    RetryPolicy::Settings s;
    s.maxAttempts = maxAttempts;
    s.baseDelay = RetryPolicy::Ms(10);
    s.maxDelay = RetryPolicy::Ms(100);
    s.attemptTimeout = RetryPolicy::Ms(attemptTimeoutMs);
    return RetryPolicy(s);
}

} // namespace oc::test
