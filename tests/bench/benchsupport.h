#pragma once
// What the benchmarks share: output, the load average, waiting with the event loop turning, `orgctl sandbox`
// in a process of its own, seeding organizations, percentiles.
#include "store/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <vector>

namespace oc::bench {

inline QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 0) : QStringLiteral("?");
}

inline bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

// `orgctl sandbox` in its own process; its exports become the environment of the orgctl under test.
struct Vendors {
    QProcess process;
    QProcessEnvironment env;

    bool start(const QString &orgctl, double scale, int concurrency)
    {
        process.start(orgctl, {QStringLiteral("sandbox"), QStringLiteral("--profile"), QStringLiteral("seed"), QStringLiteral("--scale"),
                               QString::number(scale), QStringLiteral("--concurrency"), QString::number(concurrency)});
        QByteArray text;
        if (!waitFor([&] {
                text += process.readAllStandardOutput();
                return text.contains("ORGCONSOLE_SANDBOX_LEDGER") && text.endsWith('\n');
            }, 20000))
            return false;
        env = QProcessEnvironment::systemEnvironment();
        for (const QByteArray &line : text.split('\n')) {
            if (!line.startsWith("export "))
                continue;
            const QByteArray assignment = line.mid(7);
            const qsizetype eq = assignment.indexOf('=');
            QByteArray value = assignment.mid(eq + 1);
            if (value.startsWith('\'') && value.endsWith('\''))
                value = value.mid(1, value.size() - 2).replace("'\\''", "'");
            env.insert(QString::fromLatin1(assignment.left(eq)), QString::fromUtf8(value));
        }
        env.insert(QStringLiteral("ADMIN_EMAIL_FROM_USER"), QStringLiteral("noreply@bench.example"));
        return true;
    }
    ~Vendors()
    {
        process.kill();
        process.waitForFinished(5000);
    }
};

// `n` pending organizations added to the store at `url` (migrated on the way); returns their ids.
inline QList<qint64> seedOrganizations(const oc::DatabaseUrl &url, int n, const QString &prefix)
{
    auto store = oc::Store::open(url);
    QList<oc::NewOrganization> orgs;
    for (int i = 0; i < n; ++i)
        orgs.append({QStringLiteral("%1 %2").arg(prefix).arg(i), QStringLiteral("owner%1@%2.example").arg(i).arg(prefix.simplified().replace(QLatin1Char(' '), QLatin1Char('-')).toLower()),
                     QStringLiteral("Owner"), {}, oc::OrgStatus::Pending, {}});
    (void)store.value()->organizations().addMany(orgs);
    oc::OrgQuery query;
    query.limit = n;
    query.search = prefix;
    auto found = store.value()->organizations().list(query);
    QList<qint64> ids;
    for (const auto &o : found.value())
        ids << o.id;
    return ids.mid(0, n);
}

inline qint64 percentile(std::vector<qint64> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}


} // namespace oc::bench
