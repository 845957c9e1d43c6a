#include "leaseowner.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

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

LeaseOwner LeaseOwner::current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return {QSysInfo::machineHostName(), pid, processStartTime(pid)};
}

LeaseOwner LeaseOwner::parse(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() != 3)
        return {};
    return {parts[0], parts[1].toLongLong(), parts[2].toLongLong()};
}

QString LeaseOwner::toString() const
{
    return QStringLiteral("%1/%2/%3").arg(host).arg(pid).arg(startTime);
}

bool LeaseOwner::isGoneFromThisHost() const
{
    if (!isValid() || host != QSysInfo::machineHostName())
        return false;
    const qint64 start = processStartTime(pid);
    return start == 0 || start != startTime;
}

} // namespace oc::pipeline
