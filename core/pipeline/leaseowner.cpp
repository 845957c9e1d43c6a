#include "leaseowner.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

#include <cerrno>
#include <csignal>
#include <sys/stat.h>
#include <sys/types.h>

namespace oc::pipeline {

qint64 processStartTime(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.readAll();
    // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // fields[0] is field 3 (state), so field 22 (starttime) is fields[19].
    return fields.size() > 19 ? fields[19].toLongLong() : 0;
}

namespace {

QString readBootId()
{
    QFile f(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll().trimmed()) : QString();
}

QString readPidNamespace()
{
    struct stat st{};
    if (::stat("/proc/self/ns/pid", &st) != 0)
        return {};
    return QString::number(qulonglong(st.st_ino));
}

} // namespace

LeaseOwner LeaseOwner::current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return {QSysInfo::machineHostName(), pid, processStartTime(pid), readBootId(), readPidNamespace()};
}

LeaseOwner LeaseOwner::parse(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() == 3)
        return {parts[0], parts[1].toLongLong(), parts[2].toLongLong(), {}, {}};
    if (parts.size() == 5)
        return {parts[0], parts[1].toLongLong(), parts[2].toLongLong(), parts[3], parts[4]};
    return {};
}

QString LeaseOwner::toString() const
{
    return QStringLiteral("%1/%2/%3/%4/%5").arg(host).arg(pid).arg(startTime).arg(bootId, pidNamespace);
}

bool LeaseOwner::isGoneFromThisHost() const
{
    if (!isValid() || host != QSysInfo::machineHostName())
        return false;
    // An owner written before boot ids were recorded, or from another boot or PID namespace: not provable.
    if (bootId.isEmpty() || bootId != readBootId() || pidNamespace.isEmpty() || pidNamespace != readPidNamespace())
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return true;
    const qint64 start = processStartTime(pid);
    return start != 0 && start != startTime; // unreadable (0): alive as far as we can tell
}

QString LeaseOwner::describe(const QString &owner)
{
    const LeaseOwner o = parse(owner);
    return o.isValid() ? QStringLiteral("%1 pid %2").arg(o.host).arg(o.pid) : owner;
}

} // namespace oc::pipeline
