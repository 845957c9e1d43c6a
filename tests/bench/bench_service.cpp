// bench_service: N approvals through `orgctl serve` (N concurrent POST /api/organizations/:id/verify) against
// the same N through one bulk `orgctl approve ID …`, both against `orgctl sandbox` in a process of its own
// with the seed's latencies scaled and the same limit on requests in flight (--concurrency, 8 = orgctl's own
// vendor-call limit) — the service should add next to nothing: ratio = service time ÷ bulk time (target
// ≤ 1.1). The sandbox has 100 numbers per area code, so both go in waves of at most --wave (50) approvals, one
// area code each (510, 415, 212, …), one wave after another. While the service's setups run, GET …/ai-status is asked over and over: its latencies (p50, p99)
// show that reads are answered at once meanwhile. SQLite in /dev/shm (tmpfs) by default, --store-dir DIR
// to choose. Options: --orgs N (200) --wave W (50) --scale S (0.01) --concurrency C (8) --store-dir DIR.
// Not a ctest test: load makes timings vary; it prints the load average with the figures.
#include "benchsupport.h"
#include "store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

using namespace oc::bench;

// A fresh SQLite store with `n` pending organizations; returns their ids.
QList<qint64> seed(const QString &path, int n)
{
    return seedOrganizations(oc::DatabaseUrl::parse(QStringLiteral("sqlite:") + path).value(), n, QStringLiteral("Bench Org"));
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
    const int n = option("--orgs", QStringLiteral("200")).toInt();
    const double scale = option("--scale", QStringLiteral("0.01")).toDouble();
    const int concurrency = option("--concurrency", QStringLiteral("8")).toInt();
    const int wave = std::max(1, option("--wave", QStringLiteral("50")).toInt());
    static const QStringList areaCodes{QStringLiteral("510"), QStringLiteral("415"), QStringLiteral("212"), QStringLiteral("646"),
                                       QStringLiteral("305"), QStringLiteral("312"), QStringLiteral("206"), QStringLiteral("617")};
    const auto waves = [&](const QList<qint64> &ids) {
        QList<std::pair<QString, QList<qint64>>> out;
        for (qsizetype i = 0; i < ids.size(); i += wave)
            out.append({areaCodes.at(int(i / wave) % areaCodes.size()), ids.mid(i, wave)});
        return out;
    };
    const QString storeDir = option("--store-dir", QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath());
    const QString orgctl = QStringLiteral(ORGCTL);
    QTemporaryDir dir(storeDir + QStringLiteral("/bench_service-XXXXXX"));
    out() << "bench_service: " << n << " approvals, seed latencies x" << scale << ", " << concurrency
          << " requests in flight at the vendors, store in " << storeDir << ", load " << loadAverage() << Qt::endl;

    // 1. bulk: one orgctl approve with every id.
    qint64 bulkMs = 0;
    {
        Vendors vendors;
        if (!vendors.start(orgctl, scale, concurrency))
            return out() << "orgctl sandbox did not start" << Qt::endl, 1;
        const QString db = dir.filePath(QStringLiteral("bulk.sqlite"));
        const QList<qint64> ids = seed(db, n);
        QProcessEnvironment env = vendors.env;
        env.insert(QStringLiteral("ORGCONSOLE_DATABASE"), db);
        QElapsedTimer t;
        t.start();
        int succeeded = 0;
        for (const auto &[area, batch] : waves(ids)) {
            QStringList approve{QStringLiteral("approve")};
            for (qint64 id : batch)
                approve << QString::number(id);
            approve << QStringLiteral("--area-code") << area;
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(orgctl, approve);
            waitFor([&] { return p.state() == QProcess::NotRunning; }, 600000);
            succeeded += QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(QStringLiteral("succeeded")).toInt();
        }
        bulkMs = t.elapsed();
        out() << "  bulk orgctl approve: " << bulkMs << " ms, " << succeeded << " of " << n << " set up" << Qt::endl;
    }

    // 2. the service: N concurrent verifies, reads meanwhile.
    qint64 serviceMs = 0;
    std::vector<qint64> reads;
    int ok = 0;
    {
        Vendors vendors;
        if (!vendors.start(orgctl, scale, concurrency))
            return out() << "orgctl sandbox did not start" << Qt::endl, 1;
        const QString db = dir.filePath(QStringLiteral("service.sqlite"));
        const QList<qint64> ids = seed(db, n);
        QString token;
        {
            auto store = oc::Store::open(oc::DatabaseUrl::parse(QStringLiteral("sqlite:") + db).value());
            token = store.value()->tokens().create(QStringLiteral("bench"), oc::ApiRole::Operator, QStringLiteral("bench")).value();
        }
        QProcessEnvironment env = vendors.env;
        env.insert(QStringLiteral("ORGCONSOLE_DATABASE"), db);
        QProcess serve;
        serve.setProcessEnvironment(env);
        serve.start(orgctl, {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QByteArray line;
        waitFor([&] { line += serve.readAllStandardOutput(); return line.contains('\n'); }, 20000);
        const QUrl base(QString::fromLatin1(line.trimmed().mid(int(qstrlen("listening on ")))));
        // Many managers: one opens at most 6 connections to a host, and each verify holds one until it ends.
        std::vector<std::unique_ptr<QNetworkAccessManager>> nams;
        for (int i = 0; i < (wave + 5) / 6 + 1; ++i)
            nams.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkAccessManager reader;
        QElapsedTimer t;
        t.start();
        for (const auto &[area, batch] : waves(ids)) {
            QList<QNetworkReply *> replies;
            const QByteArray body = QStringLiteral(R"({"status":"verified","countryCode":"US","areaCode":"%1"})").arg(area).toUtf8();
            for (int i = 0; i < batch.size(); ++i) {
                QNetworkRequest r(base.resolved(QUrl(QStringLiteral("/api/organizations/%1/verify").arg(batch[i]))));
                r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
                r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
                replies << nams[size_t(i / 6)]->post(r, body);
            }
            const auto allDone = [&] { return std::all_of(replies.begin(), replies.end(), [](QNetworkReply *r) { return r->isFinished(); }); };
            while (!allDone()) {
                QElapsedTimer one;
                one.start();
                QNetworkRequest r(base.resolved(QUrl(QStringLiteral("/api/organizations/%1/ai-status").arg(ids.first()))));
                r.setRawHeader("Authorization", "Bearer " + token.toLatin1());
                QNetworkReply *read = reader.get(r);
                waitFor([&] { return read->isFinished(); }, 60000);
                if (!allDone())
                    reads.push_back(one.elapsed());
                read->deleteLater();
            }
            for (QNetworkReply *r : replies) {
                ok += QJsonDocument::fromJson(r->readAll()).object().value(QStringLiteral("success")).toBool() ? 1 : 0;
                r->deleteLater();
            }
        }
        serviceMs = t.elapsed();
        serve.terminate();
        serve.waitForFinished(20000);
        out() << "  orgctl serve, " << n << " verifies (" << wave << " at once): " << serviceMs << " ms, " << ok << " of " << n << " set up" << Qt::endl;
    }
    out() << "  ratio service ÷ bulk: " << QString::number(double(serviceMs) / double(std::max<qint64>(1, bulkMs)), 'f', 3) << " (target ≤ 1.1)"
          << Qt::endl;
    out() << "  GET ai-status while they ran: " << reads.size() << " reads, p50 " << percentile(reads, 0.5) << " ms, p99 "
          << percentile(reads, 0.99) << " ms, max " << (reads.empty() ? 0 : *std::max_element(reads.begin(), reads.end())) << " ms" << Qt::endl;
    out() << "  load at the end " << loadAverage() << Qt::endl;
    return ok == n ? 0 : 1;
}
