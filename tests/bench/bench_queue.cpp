// bench_queue: N queued approvals (orgctl approve --queue) drained by 1, 2 and 4 `orgctl worker` processes
// against `orgctl sandbox` (its own process, the seed's latencies scaled) with a limit of L requests in flight,
// which the workers share: each gets L ÷ workers vendor calls (ORGCONSOLE_VENDOR_CALLS), as a team shares its
// vendor accounts' limits. The rate-limit bound is the least time the vendors need at L in flight:
// Σ over endpoints (calls × latency) ÷ L, from the sandbox's ledger. ratio = time ÷ bound (target ≤ 1.2 at
// every worker count). Meanwhile `orgctl watch --json` follows every run: notify latency = when the line
// arrived − when the database wrote the change (same machine, same clock), p50/p99/max.
// Options: --orgs N (1000) --scale S (0.01) --limit L (8) --database URL (PostgreSQL for LISTEN/NOTIFY; default
// SQLite in /dev/shm, polled) --workers 1,2,4. Not a ctest test: it prints figures and the load average.
#include "benchsupport.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <csignal>
#include <memory>

using namespace oc::bench;

namespace {

QJsonObject fetchLedger(const QProcessEnvironment &env)
{
    QNetworkAccessManager nam;
    QNetworkReply *r = nam.get(QNetworkRequest(QUrl(env.value(QStringLiteral("ORGCONSOLE_SANDBOX_LEDGER")))));
    waitFor([&] { return r->isFinished(); }, 20000);
    const QJsonObject o = QJsonDocument::fromJson(r->readAll()).object();
    r->deleteLater();
    return o;
}

qint64 count(const oc::DatabaseUrl &url, const QString &sql)
{
    auto store = oc::Store::open(url);
    auto q = store.value()->database().exec(sql);
    return q && q.value().next() ? q.value().value(0).toLongLong() : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const char *name, const QString &fallback) {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
    };
    const int n = option("--orgs", QStringLiteral("1000")).toInt();
    const double scale = option("--scale", QStringLiteral("0.01")).toDouble();
    const int limit = option("--limit", QStringLiteral("8")).toInt();
    QList<int> workerCounts;
    for (const QString &w : option("--workers", QStringLiteral("1,2,4")).split(QLatin1Char(',')))
        workerCounts << w.toInt();
    const QString orgctl = QStringLiteral(ORGCTL);
    QTemporaryDir dir((QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath()) + QStringLiteral("/bench_queue-XXXXXX"));
    static const QStringList areaCodes{QStringLiteral("510"), QStringLiteral("415"), QStringLiteral("212"), QStringLiteral("646"),
                                       QStringLiteral("305"), QStringLiteral("312"), QStringLiteral("206"), QStringLiteral("617"),
                                       QStringLiteral("303"), QStringLiteral("404"), QStringLiteral("503"), QStringLiteral("702"),
                                       QStringLiteral("713"), QStringLiteral("214")};
    out() << "bench_queue: " << n << " queued approvals, seed latencies x" << scale << ", " << limit
          << " requests in flight at the vendors shared by the workers, load " << loadAverage() << Qt::endl;
    int failures = 0;
    for (int workers : std::as_const(workerCounts)) {
        Vendors vendors;
        if (!vendors.start(orgctl, scale, limit))
            return out() << "orgctl sandbox did not start" << Qt::endl, 1;
        // A database of its own per worker count (a schema per PostgreSQL database would need an admin).
        const QString given = option("--database", QString());
        QString urlText = given.isEmpty() ? QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("w%1.sqlite").arg(workers)) : given;
        const oc::DatabaseUrl url = oc::DatabaseUrl::parse(urlText).value();
        if (!given.isEmpty()) { // start from an empty queue
            auto store = oc::Store::open(url);
            (void)store.value()->database().exec(QStringLiteral("UPDATE provisioning_runs SET status = 'canceled' WHERE status = 'queued'"));
        }
        const QString prefix = QStringLiteral("Queue Bench %1w %2").arg(workers).arg(QDateTime::currentMSecsSinceEpoch());
        const QList<qint64> ids = seedOrganizations(url, n, prefix);
        QProcessEnvironment env = vendors.env;
        env.insert(QStringLiteral("ORGCONSOLE_DATABASE"), urlText);
        env.insert(QStringLiteral("ORGCONSOLE_VENDOR_CALLS"), QString::number(std::max(1, limit / workers)));
        env.insert(QStringLiteral("ORGCONSOLE_WORKER_POLL_MS"), QStringLiteral("100"));

        // The watcher first, so it sees every change.
        QProcess watch;
        watch.setProcessEnvironment(env);
        watch.start(orgctl, {QStringLiteral("watch"), QStringLiteral("--json")});
        QByteArray pending;
        std::vector<qint64> latencies;
        qint64 endedSeen = 0;
        QObject::connect(&watch, &QProcess::readyReadStandardOutput, [&] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            pending += watch.readAllStandardOutput();
            const qsizetype last = pending.lastIndexOf('\n');
            if (last < 0)
                return;
            for (const QByteArray &line : pending.left(last).split('\n')) {
                const QJsonObject e = QJsonDocument::fromJson(line).object();
                if (!e.contains(QStringLiteral("at")))
                    continue;
                latencies.push_back(now - qint64(e.value(QStringLiteral("at")).toDouble()));
                if (!e.contains(QStringLiteral("step")) && e.value(QStringLiteral("status")).toString() == QLatin1String("succeeded"))
                    ++endedSeen;
            }
            pending = pending.mid(last + 1);
        });
        waitFor([&] { return watch.state() == QProcess::Running && !latencies.empty() ? true : pending.contains("live") || latencies.size() > 0; }, 3000);
        waitFor([&] { return false; }, 1000); // the watcher is listening
        latencies.clear();

        // Queue in waves of one area code each (the sandbox has 100 numbers per area code).
        const int perCode = 80;
        for (qsizetype i = 0; i < ids.size(); i += perCode) {
            QStringList queue{QStringLiteral("approve")};
            for (qint64 id : ids.mid(i, perCode))
                queue << QString::number(id);
            queue << QStringLiteral("--area-code") << areaCodes.at(int(i / perCode) % areaCodes.size()) << QStringLiteral("--queue")
                  << QStringLiteral("--json");
            QProcess q;
            q.setProcessEnvironment(env);
            q.start(orgctl, queue);
            waitFor([&] { return q.state() == QProcess::NotRunning; }, 120000);
        }
        const qint64 queued = count(url, QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'queued'"));

        QElapsedTimer t;
        t.start();
        std::vector<std::unique_ptr<QProcess>> pool;
        for (int w = 0; w < workers; ++w) {
            auto p = std::make_unique<QProcess>();
            p->setProcessEnvironment(env);
            p->setStandardOutputFile(QProcess::nullDevice());
            p->start(orgctl, {QStringLiteral("worker"), QStringLiteral("--concurrency"), QString::number(std::max(4, 2 * limit / workers + 2))});
            pool.push_back(std::move(p));
        }
        const auto terminal = [&] {
            return count(url, QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status IN ('queued','running','compensating')"));
        };
        waitFor([&] { return terminal() == 0; }, 3600000);
        const qint64 elapsed = t.elapsed();
        for (auto &p : pool) {
            ::kill(pid_t(p->processId()), SIGTERM);
            p->waitForFinished(30000);
        }
        waitFor([&] { return endedSeen >= queued; }, 10000);
        watch.terminate();
        watch.waitForFinished(5000);

        const QJsonObject ledger = fetchLedger(vendors.env);
        const QJsonObject counters = ledger.value(QStringLiteral("counters")).toObject();
        const QJsonObject latency = ledger.value(QStringLiteral("latencyMs")).toObject();
        double busyMs = 0;
        qint64 calls = 0, tooMany = 0;
        for (auto it = counters.begin(); it != counters.end(); ++it) {
            const qint64 c = it.value().toObject().value(QStringLiteral("calls")).toInteger();
            calls += c;
            busyMs += double(c) * latency.value(it.key()).toDouble();
        }
        tooMany = ledger.value(QStringLiteral("tooMany")).toInteger();
        const double boundMs = busyMs / double(limit);
        const qint64 succeeded = count(url, QStringLiteral("SELECT COUNT(*) FROM provisioning_runs WHERE status = 'succeeded' AND organization_id IN "
                                                           "(SELECT id FROM organizations WHERE company_name LIKE '%1 %%')").arg(prefix));
        const double ratio = double(elapsed) / std::max(1.0, boundMs);
        out() << "  " << workers << " worker(s), " << std::max(1, limit / workers) << " vendor calls each: " << elapsed << " ms for "
              << succeeded << " of " << queued << " set up; bound " << qint64(boundMs) << " ms (" << calls << " calls); ratio "
              << QString::number(ratio, 'f', 3) << " (target ≤ 1.2); notify latency p50 " << percentile(latencies, 0.5) << " ms, p99 "
              << percentile(latencies, 0.99) << " ms, max " << (latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end()))
              << " ms over " << latencies.size() << " events" << (tooMany > 0 ? QStringLiteral(", %1 answered 429").arg(tooMany) : QString())
              << Qt::endl;
        if (succeeded != queued || queued != n)
            ++failures;
    }
    out() << "  load at the end " << loadAverage() << Qt::endl;
    return failures == 0 ? 0 : 1;
}
