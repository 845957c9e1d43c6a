// bench_search: substring search at a million organizations (issue 14), keystroke → rows painted, on SQLite and
// PostgreSQL. Prints figures, never asserts a time (target ≤ 50 ms).
//   For each term: the search field gets the term and Return (the debounce skipped), the model counts and
//   loads its first page, the table is painted; median / max of --rounds. Then the store alone: count() and
//   the first page (as the model asks for it) timed apart, and "before": the same search without the trigram
//   index (SQLite: the statements schema 6 ran, LIKE over the table; PostgreSQL: bitmap scans off for the
//   session, which leaves the planner the table scans it had before the GIN indexes).
// Usage: bench_search [--database URL] [--count N] [--rounds N]
//   URL: a SQLite file (default /tmp/orgconsole-bench/orgs-N-schemaV.sqlite, shared with bench_console) or
//   postgresql://… (e.g. from tests/support/pg-harness.sh start DIR; DIR/url names the server, add a database).
//   A database with fewer than N organizations is seeded with demo data first (once).
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "store/demodata.h"
#include "store/migrator.h"
#include "store/store.h"
#include "store/storereader.h"
#include "paintprobe.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QPointer>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace {

template<typename T>
T orZero(const oc::Result<T> &r)
{
    return r ? r.value() : T{};
}

QElapsedTimer g_clock;
double clockMs() { return double(g_clock.nsecsElapsed()) / 1e6; }

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
double maximum(const QList<double> &v) { return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end()); }

// The first event-loop turn after the widget's next paint: the frame is painted and flushed.
using oc::bench::settle;

// A probe of the next paint on this benchmark's clock.
struct PaintProbe : oc::bench::PaintProbe {
    explicit PaintProbe(QWidget *widget) : oc::bench::PaintProbe(widget, clockMs) {}
};

double timeIt(const std::function<void()> &f)
{
    const double t = clockMs();
    f();
    return clockMs() - t;
}

struct Term {
    QString label;
    QString text;
};

} // namespace

int main(int argc, char **argv)
{
    g_clock.start();
    QApplication app(argc, argv);
    qint64 count = 1'000'000;
    int rounds = 5;
    QString database;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--count"))
            count = std::max<qint64>(1000, args[i + 1].toLongLong());
        else if (args[i] == QLatin1String("--rounds"))
            rounds = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--database"))
            database = args[i + 1];
    }
    if (database.isEmpty()) {
        QDir().mkpath(QStringLiteral("/tmp/orgconsole-bench"));
        database = QStringLiteral("/tmp/orgconsole-bench/orgs-%1-schema%2.sqlite").arg(count).arg(oc::Migrator::latestVersion());
    }
    auto url = oc::DatabaseUrl::parse(database);
    if (!url) {
        out() << "bench_search: " << url.error().message << "\n";
        return 2;
    }
    const double o0 = clockMs();
    auto opened = oc::Store::open(url.value()); // migrates: on a schema-6 database, the back-fill
    if (!opened) {
        out() << "bench_search: " << opened.error().message << "\n";
        return 2;
    }
    oc::Store &store = *opened.value();
    const bool sqlite = store.database().engine() == oc::Database::Engine::Sqlite;
    out() << "bench_search: open + migrate " << QString::number(clockMs() - o0, 'f', 0) << " ms\n";
    const qint64 present = orZero(store.organizations().count({}));
    if (present < count) {
        out() << "seeding " << count - present << " organizations (once)…\n";
        out().flush();
        const double s0 = clockMs();
        auto seeded = oc::DemoData::seed(store.organizations(), store.database(), count - present);
        if (!seeded) {
            out() << "bench_search: " << seeded.error().message << "\n";
            return 2;
        }
        if (sqlite)
            (void)store.database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        else
            (void)store.database().exec(QStringLiteral("ANALYZE organizations"));
        out() << "seeded in " << QString::number((clockMs() - s0) / 1000, 'f', 1) << " s\n";
    }
    out() << "bench_search: " << orZero(store.organizations().count({})) << " organizations, "
          << (sqlite ? QStringLiteral("SQLite ") + url->path : QStringLiteral("PostgreSQL ") + url->host + QLatin1Char('/') + url->database)
          << ", " << rounds << " rounds, platform " << QGuiApplication::platformName() << "\n\n";

    // Ids are seeded in order and the n-th e-mail carries n before the '@': one match.
    const QList<Term> terms{
        {QStringLiteral("rare (1 row)"), QStringLiteral("%1@").arg(count / 2 + 12345)},
        {QStringLiteral("no match"), QStringLiteral("zzqx")},
        {QStringLiteral("\"bay\" (3%)"), QStringLiteral("bay")},
        {QStringLiteral("\"bayview\" (3%, 5 trigrams)"), QStringLiteral("bayview")},
        {QStringLiteral("\"smith\" (mid)"), QStringLiteral("smith")},
        {QStringLiteral("common \".co\" (~33%)"), QStringLiteral(".co")},
        {QStringLiteral("common \"services\" (8 letters)"), QStringLiteral("services")},
        {QStringLiteral("two letters \"ba\" (no trigram: LIKE)"), QStringLiteral("ba")},
    };

    oc::StoreReader reader(url.value(), store); // as the console reads: off the GUI thread
    auto view = std::make_unique<oc::OrganizationsView>(reader);
    view->resize(1200, 700);
    PaintProbe probe(view->table()->viewport());
    probe.gateOn([m = view->model()] { return !m->isLoading(); });
    view->show();
    probe.wait();
    settle(200);
    QLineEdit *field = view->searchField();
    const auto type = [&](const QString &text) {
        probe.arm();
        const double t0 = clockMs();
        field->setText(text);
        QTest::keyClick(field, Qt::Key_Return);
        probe.wait();
        return probe.doneAt() - t0;
    };

    out() << "== keystroke (Return) → rows painted, ms: median / max; matches\n";
    for (const Term &t : terms) {
        QList<double> total;
        for (int r = 0; r < rounds; ++r) {
            total << type(t.text);
            (void)QTest::qWaitFor([&] { return !view->model()->isCounting(); }, 60000); // the count follows the rows
            const qint64 matches = view->model()->totalCount();
            type(QString());
            settle(30);
            if (r == rounds - 1)
                out() << "   " << t.label.leftJustified(40) << Qt::fixed << qSetRealNumberPrecision(1) << median(total) << " / "
                      << maximum(total) << "   " << matches << (median(total) <= 50 ? "   ≤ 50: met" : "   > 50: NOT MET") << "\n";
        }
        out().flush();
    }
    view.reset();

    out() << "\n== the store alone, ms (median of " << rounds << "): count / first page of " << oc::OrganizationsModel::kPageSize
          << " (knowing the count) | before: count / first page without the trigram index\n";
    oc::OrganizationRepository &repo = store.organizations();
    const auto likeWhere = QStringLiteral(" WHERE (company_name LIKE ? ESCAPE '\\' OR owner_email LIKE ? ESCAPE '\\' OR owner_name LIKE ? ESCAPE '\\')");
    for (const Term &t : terms) {
        oc::OrgQuery q;
        q.search = t.text;
        q.limit = oc::OrganizationsModel::kPageSize;
        QList<double> c, p, bc, bp;
        for (int r = 0; r < rounds; ++r) {
            qint64 n = 0;
            c << timeIt([&] { n = orZero(repo.count(q)); });
            q.knownMatches = n;
            p << timeIt([&] { (void)repo.list(q); });
            q.knownMatches.reset();
            if (sqlite) {
                // Schema 6's statements: LIKE over the table; a rare term read in one pass, a common one by
                // walking the created-at index (what the repository chose by the count).
                QString pattern = t.text;
                pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('%'), QLatin1String("\\%")).replace(QLatin1Char('_'), QLatin1String("\\_"));
                pattern = QLatin1Char('%') + pattern.toLower() + QLatin1Char('%');
                qint64 m = 0;
                bc << timeIt([&] {
                    auto r2 = store.database().execForward(QStringLiteral("SELECT COUNT(*) FROM organizations") + likeWhere, {pattern, pattern, pattern});
                    if (r2 && r2.value().next())
                        m = r2.value().value(0).toLongLong();
                });
                bp << timeIt([&] {
                    auto r2 = store.database().execForward(QStringLiteral("SELECT * FROM organizations%1%2 ORDER BY created_at DESC, id DESC LIMIT 256")
                                                               .arg(m < 4096 ? QStringLiteral(" NOT INDEXED") : QString(), likeWhere),
                                                           {pattern, pattern, pattern});
                    while (r2 && r2.value().next()) {
                    }
                });
            } else {
                (void)store.database().exec(QStringLiteral("SET enable_bitmapscan = off"));
                qint64 m = 0;
                bc << timeIt([&] { m = orZero(repo.count(q)); });
                q.knownMatches = m;
                bp << timeIt([&] { (void)repo.list(q); });
                q.knownMatches.reset();
                (void)store.database().exec(QStringLiteral("RESET enable_bitmapscan"));
            }
        }
        out() << "   " << t.label.leftJustified(40) << Qt::fixed << qSetRealNumberPrecision(1) << median(c) << " / " << median(p)
              << "   | before " << median(bc) << " / " << median(bp) << "\n";
        out().flush();
    }
    return 0;
}
