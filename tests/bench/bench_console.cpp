// bench_console: the console at a million organizations (issue 5). Prints figures, never asserts a time.
//   a. first paint: the organizations view alone (store open → construct → show → painted), and the whole
//      console (ConsoleApp::start → show → the organizations table painted).
//   b. filter: search terms (common prefix, rare, no match; Return and the debounced typing path) and status
//      filters → model reset → the table painted again; the store's count and first page timed apart.
//   c. memory: VmRSS / VmHWM after the first paint and after scrolling (fetchMore pages) to row 100,000.
//   d. event-loop stall: 200 approvals started at once through the engine against the in-process sandbox
//      (seed profile × 0.05, as `orgconsole --sandbox` has it but faster); the gaps of a 1 ms timer give the
//      longest time the loop could not answer input or paint; target ≤ 16 ms. Twice: the database copy on
//      disk, then in /dev/shm, where fsync is free (the difference is the synchronous journal's share); dpg the
//      same on PostgreSQL with every query 5 ms away.
//   e. cold start: the real orgconsole binary spawned with ORGCONSOLE_EXIT_AFTER_FIRST_PAINT=1; the parent's
//      spawn → exit time and the child's exec → first paint (and its RSS).
// The 1M database is seeded once (demo data, ~1-2 min) and cached in --cache-dir keyed by the schema version;
// the stall phase works on a copy (it approves organizations).
// Run under a real X server for realism:  xvfb-run -a -s "-screen 0 1920x1080x24" build/tests/bench/bench_console
// Options: --count N (1000000) --cache-dir DIR (/tmp/orgconsole-bench) --rounds N (3) --runs N (200)
//          --scale S (0.05) --cold N (5) --skip a,b,c,d,dshm,dpg,e
//          --pg postgresql://USER@HOST:PORT/postgres (dpg: the stall on PostgreSQL, a fresh database of 10 × runs
//          organizations behind a proxy that delays every query --pg-delay-ms (5) — e.g. the server
//          tests/support/pg-harness.sh start DIR starts; without --pg, dpg is left out; --pg-keep 1 keeps it)
#include "cli/wiring.h"
#include "console/consoleengine.h"
#include "console/liverun.h"
#include "gui/consoleapp.h"
#include "mainwindow.h"
#include "organizationsmodel.h"
#include "organizationsview.h"
#include "runsview.h"
#include "sandbox/sandbox.h"
#include "store/storereader.h"
#include "delayproxy.h"
#include "store/database.h"
#include "store/demodata.h"
#include "store/migrator.h"
#include "store/store.h"
#include "paintprobe.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

QElapsedTimer g_clock;
double clockMs() { return double(g_clock.nsecsElapsed()) / 1e6; }

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

struct Memory {
    qint64 rssKb = 0;
    qint64 hwmKb = 0;
};

Memory memory()
{
    QFile f(QStringLiteral("/proc/self/status"));
    Memory m;
    if (!f.open(QIODevice::ReadOnly))
        return m;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            m.rssKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
        else if (line.startsWith("VmHWM:"))
            m.hwmKb = line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return m;
}

QString mib(qint64 kb) { return QString::number(double(kb) / 1024.0, 'f', 1) + QStringLiteral(" MiB"); }

double percentile(QList<double> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype i = std::min(v.size() - 1, qsizetype(p / 100.0 * double(v.size())));
    return v[i];
}
double median(const QList<double> &v) { return percentile(v, 50); }
double maximum(const QList<double> &v) { return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end()); }

// Watches one widget for its next paint. "Done" is the first event-loop turn after the paint event, i.e.
// after the frame was painted and flushed to the window system.
using oc::bench::settle;

// A probe of the next paint on this benchmark's clock.
struct PaintProbe : oc::bench::PaintProbe {
    explicit PaintProbe(QWidget *widget) : oc::bench::PaintProbe(widget, clockMs) {}
};

// Dummy production credentials: the console starts as it would against real vendors, and nothing here
// makes a network call before an approval.
void setDummyCredentials()
{
    qputenv("TWILIO_ACCOUNT_SID", "ACbench00000000000000000000000000");
    qputenv("TWILIO_AUTH_TOKEN", "bench-token");
    qputenv("VAPI_API_KEY", "bench-key");
}

// The application, timing each event the GUI thread's loop delivers: the slowest ones (receiver class and
// event type) say what a stall was made of.
class TimingApp : public QApplication
{
public:
    using QApplication::QApplication;
    struct Slow {
        double ms;
        QString what;
    };
    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs on every thread: only the GUI thread's events are the window's stalls.
        if (!m_recording || QThread::currentThread() != thread() || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        const double t0 = clockMs();
        const QString what = QStringLiteral("%1 (%2) event %3")
                                 .arg(QString::fromLatin1(receiver->metaObject()->className()), receiver->objectName())
                                 .arg(int(event->type()));
        const bool handled = QApplication::notify(receiver, event);
        const double ms = clockMs() - t0;
        --m_depth;
        if (ms >= 8) {
            m_slow.append({ms, what});
            std::sort(m_slow.begin(), m_slow.end(), [](const Slow &a, const Slow &b) { return a.ms > b.ms; });
            if (m_slow.size() > 8)
                m_slow.resize(8);
        }
        return handled;
    }
    void record(bool on)
    {
        m_recording = on;
        if (on)
            m_slow.clear();
    }
    const QList<Slow> &slowest() const { return m_slow; }

private:
    int m_depth = 0;
    bool m_recording = false;
    QList<Slow> m_slow;
};

TimingApp *timingApp() { return static_cast<TimingApp *>(QCoreApplication::instance()); }

struct Options {
    qint64 count = 1'000'000;
    QString cacheDir = QStringLiteral("/tmp/orgconsole-bench");
    int rounds = 3;
    int runs = 200;
    double scale = 0.05;
    int cold = 5;
    QString pg;          // a PostgreSQL server for dpg
    int pgDelayMs = 5;   // added to every query on the way there
    bool pgKeep = false; // keep dpg's database (to look at its runs afterwards)
    QStringList skip;
    bool runs_(const char *phase) const { return !skip.contains(QLatin1String(phase)); }
};

class Bench
{
public:
    explicit Bench(Options o) : m_o(std::move(o)) {}

    int run()
    {
        if (!m_tmp.isValid())
            return fail(QStringLiteral("no temporary directory"));
        m_baseline = memory();
        if (QString e = ensureDatabase(); !e.isEmpty())
            return fail(e);
        out() << "bench_console: " << m_o.count << " organizations in " << m_db << " (SQLite), platform "
              << QGuiApplication::platformName() << ", " << QThread::idealThreadCount() << " cores\n\n";
        out().flush();
        if (m_o.runs_("a"))
            phaseViewAlone();
        if (m_o.runs_("a") || m_o.runs_("b") || m_o.runs_("c")) {
            if (QString e = phaseConsole(); !e.isEmpty())
                return fail(e);
        }
        if (m_o.runs_("d")) {
            if (QString e = phaseStall(m_o.cacheDir, QStringLiteral("on disk (") + m_o.cacheDir + QLatin1Char(')')); !e.isEmpty())
                return fail(e);
        }
        if (m_o.runs_("d") && m_o.runs_("dshm")) {
            if (QString e = phaseStall(QStringLiteral("/dev/shm"), QStringLiteral("in /dev/shm (fsync free)")); !e.isEmpty())
                return fail(e);
        }
        if (m_o.runs_("dpg") && !m_o.pg.isEmpty()) {
            if (QString e = phaseStallPostgres(); !e.isEmpty())
                return fail(e);
        }
        if (m_o.runs_("e"))
            phaseColdStart();
        return 0;
    }

private:
    int fail(const QString &why)
    {
        out() << "bench_console: " << why << "\n";
        out().flush();
        return 2;
    }

    // The cached, seeded database: built once per row count and schema version.
    QString ensureDatabase()
    {
        QDir().mkpath(m_o.cacheDir);
        m_db = QDir(m_o.cacheDir).filePath(QStringLiteral("orgs-%1-schema%2.sqlite").arg(m_o.count).arg(oc::Migrator::latestVersion()));
        if (QFile::exists(m_db))
            return {};
        const QString partial = m_db + QStringLiteral(".partial");
        QFile::remove(partial);
        out() << "seeding " << m_o.count << " organizations into " << partial << " (once; cached for later runs)…\n";
        out().flush();
        const double t0 = clockMs();
        {
            oc::DatabaseUrl url;
            url.path = partial;
            auto store = oc::Store::open(url);
            if (!store)
                return store.error().message;
            auto seeded = oc::DemoData::seed(store.value()->organizations(), store.value()->database(), m_o.count);
            if (!seeded)
                return seeded.error().message;
            // One file, no WAL beside it: copies of it are whole.
            (void)store.value()->database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        if (!QFile::rename(partial, m_db))
            return QStringLiteral("could not rename %1").arg(partial);
        out() << "seeded in " << QString::number((clockMs() - t0) / 1000, 'f', 1) << " s\n";
        return {};
    }

    oc::DatabaseUrl url(const QString &path) const
    {
        oc::DatabaseUrl u;
        u.path = path;
        return u;
    }

    // a1: the organizations view on its own, as a widget test would build it; several times (the first is
    // the one with SQLite's page cache cold, the OS cache is warm in every run).
    void phaseViewAlone()
    {
        QList<double> open, construct, paint, total;
        for (int i = 0; i < m_o.rounds + 1; ++i) {
            const double t0 = clockMs();
            auto store = oc::Store::open(url(m_db));
            if (!store) {
                out() << "  store: " << store.error().message << "\n";
                return;
            }
            const double t1 = clockMs();
            oc::StoreReader reader(url(m_db), *store.value()); // as the console reads: off the GUI thread
            auto view = std::make_unique<oc::OrganizationsView>(reader);
            const double t2 = clockMs();
            view->resize(1200, 700);
            PaintProbe probe(view->table()->viewport());
            probe.gateOn([m = view->model()] { return !m->isLoading(); });
            view->show();
            if (!probe.wait())
                out() << "  (no paint within 60 s)\n";
            open << t1 - t0;
            construct << t2 - t1;
            paint << probe.doneAt() - t2;
            total << probe.doneAt() - t0;
            view.reset();
            store.value().reset();
        }
        out() << Qt::fixed << qSetRealNumberPrecision(1)
              << "== a1. OrganizationsView alone → first paint (" << m_o.rounds + 1 << " times; first / median of the rest)\n"
              << "   store open + migrate check " << open.first() << " / " << median(open.mid(1)) << " ms\n"
              << "   construct (count + first page of " << oc::OrganizationsModel::kPageSize << ") " << construct.first() << " / "
              << median(construct.mid(1)) << " ms\n"
              << "   show → painted " << paint.first() << " / " << median(paint.mid(1)) << " ms\n"
              << "   TOTAL to first paint " << total.first() << " / " << median(total.mid(1)) << " ms\n\n";
        out().flush();
    }

    // a2 + b + c: the whole console as orgconsole builds it (production mode, dummy credentials).
    QString phaseConsole()
    {
        setDummyCredentials();
        const Memory before = memory();
        const double t0 = clockMs();
        auto console = std::make_unique<oc::ConsoleApp>();
        oc::ConsoleApp::Options options;
        options.database = m_db;
        if (auto started = console->start(options); !started)
            return started.error().message;
        const double t1 = clockMs();
        oc::MainWindow &w = console->window();
        oc::OrganizationsView *orgs = w.organizationsView();
        QTableView *table = orgs->table();
        w.resize(1280, 800);
        PaintProbe probe(table->viewport());
        probe.gateOn([m = orgs->model()] { return !m->isLoading(); });
        w.show();
        if (!probe.wait())
            return QStringLiteral("the console did not paint within 60 s");
        const double t2 = probe.doneAt();
        settle(200);
        const Memory painted = memory();
        if (m_o.runs_("a")) {
            out() << Qt::fixed << qSetRealNumberPrecision(1) << "== a2. Whole console (ConsoleApp::start → MainWindow shown) → first paint\n"
                  << "   ConsoleApp::start " << t1 - t0 << " ms, show → organizations table painted " << t2 - t1 << " ms\n"
                  << "   TOTAL to first paint " << t2 - t0 << " ms  (rows loaded " << orgs->model()->rowCount() << " of "
                  << orgs->model()->totalCount() << ")\n\n";
        }
        if (m_o.runs_("b"))
            phaseFilter(*console);
        if (m_o.runs_("c"))
            phaseScroll(*console, before, painted);
        console.reset();
        return {};
    }

    struct FilterCase {
        QString label;
        std::function<void()> apply;
        std::function<void()> undo;  // back to where the next round starts
        std::function<void()> setup = {}; // where a round starts, when that is not "no filter"
    };

    void phaseFilter(oc::ConsoleApp &console)
    {
        oc::OrganizationsView *orgs = console.window().organizationsView();
        oc::OrganizationsModel *model = orgs->model();
        QLineEdit *search = orgs->searchField();
        QComboBox *status = orgs->statusFilter();
        PaintProbe probe(orgs->table()->viewport());
        probe.gateOn([m = orgs->model()] { return !m->isLoading(); });
        double resetBegin = 0, resetEnd = 0;
        QObject::connect(model, &QAbstractItemModel::modelAboutToBeReset, model, [&resetBegin] { resetBegin = clockMs(); });
        QObject::connect(model, &QAbstractItemModel::modelReset, model, [&resetEnd] { resetEnd = clockMs(); });

        const auto searchFor = [search](const QString &term) {
            return [search, term] {
                search->setText(term);
                QTest::keyClick(search, Qt::Key_Return);
            };
        };
        const auto clearSearch = [search] {
            search->clear();
            QTest::keyClick(search, Qt::Key_Return);
        };
        const auto statusIndex = [status](const QString &name) {
            for (int i = 0; i < status->count(); ++i) {
                if (status->itemData(i).toString() == name)
                    return i;
            }
            return 0;
        };
        // Organization ids are seeded in order; the e-mail of the n-th carries n before the '@': one match.
        const QString rare = QStringLiteral("%1@").arg(m_o.count / 2 + 12345);
        QList<FilterCase> cases = {
            {QStringLiteral("search \"bay\" (common prefix, Return)"), searchFor(QStringLiteral("bay")), clearSearch},
            {QStringLiteral("search \"%1\" (rare: 1 row, Return)").arg(rare), searchFor(rare), clearSearch},
            {QStringLiteral("search \"zzqx\" (no match, Return)"), searchFor(QStringLiteral("zzqx")), clearSearch},
            {QStringLiteral("clear the search (back to all rows)"), clearSearch, searchFor(QStringLiteral("bay")),
             searchFor(QStringLiteral("bay"))},
            {QStringLiteral("type \"bayview\" (debounced 250 ms)"),
             [search] {
                 search->clear();
                 QTest::keyClicks(search, QStringLiteral("bayview"));
             },
             clearSearch},
            {QStringLiteral("status: pending (70%)"), [status, statusIndex] { status->setCurrentIndex(statusIndex(QStringLiteral("pending"))); },
             [status] { status->setCurrentIndex(0); }},
            {QStringLiteral("status: suspended (3%)"), [status, statusIndex] { status->setCurrentIndex(statusIndex(QStringLiteral("suspended"))); },
             [status] { status->setCurrentIndex(0); }},
        };
        out() << "== b. Filter → rows painted (" << m_o.rounds << " rounds; median / max ms; query = count + first page inside the model reset)\n";
        for (FilterCase &c : cases) {
            QList<double> total, query;
            qint64 rows = 0;
            if (c.setup) {
                probe.arm();
                c.setup();
                probe.wait();
                settle(50);
            }
            for (int r = 0; r < m_o.rounds; ++r) {
                probe.arm();
                resetBegin = resetEnd = 0;
                const double t0 = clockMs();
                c.apply();
                if (!probe.wait())
                    out() << "   (no paint within 60 s)\n";
                total << probe.doneAt() - t0;
                query << (resetEnd > resetBegin ? resetEnd - resetBegin : 0);
                rows = model->totalCount();
                probe.arm();
                c.undo();
                probe.wait();
                settle(50);
            }
            if (c.setup) {
                probe.arm();
                clearSearch();
                probe.wait();
            }
            out() << Qt::fixed << qSetRealNumberPrecision(1) << "   " << c.label.leftJustified(46) << " total " << median(total) << " / "
                  << maximum(total) << "   query " << median(query) << " / " << maximum(query) << "   matches " << rows << "\n";
            out().flush();
        }
        status->setCurrentIndex(0);
        clearSearch();
        settle(300);

        // The store alone, for attribution: the same queries without the view.
        oc::OrganizationRepository &repo = console.store().organizations();
        const auto timeIt = [](const std::function<void()> &f) {
            const double t = clockMs();
            f();
            return clockMs() - t;
        };
        out() << "   store alone, ms (count / first page as the model asks, knowing the count / first page without that hint):\n  ";
        const auto storeAlone = [&](const QString &label, oc::OrgQuery q) {
            q.limit = oc::OrganizationsModel::kPageSize;
            qint64 n = 0;
            const double count = timeIt([&] {
                auto c = repo.count(q);
                n = c ? c.value() : 0;
            });
            q.knownMatches = n;
            const double hinted = n ? timeIt([&] { (void)repo.list(q); }) : 0.0;
            q.knownMatches.reset();
            const double plain = timeIt([&] { (void)repo.list(q); });
            out() << " " << label << " " << count << " / " << hinted << " / " << plain << ";";
        };
        for (const QString &term : {QString(), QStringLiteral("bay"), rare, QStringLiteral("zzqx")}) {
            oc::OrgQuery q;
            q.search = term;
            storeAlone(term.isEmpty() ? QStringLiteral("all") : QLatin1Char('"') + term + QLatin1Char('"'), q);
        }
        for (auto s : {oc::OrgStatus::Pending, oc::OrgStatus::Suspended}) {
            oc::OrgQuery q;
            q.status = s;
            storeAlone(oc::statusName(s), q);
        }
        out() << "\n\n";
        out().flush();
    }

    void phaseScroll(oc::ConsoleApp &console, const Memory &before, const Memory &painted)
    {
        oc::OrganizationsView *orgs = console.window().organizationsView();
        oc::OrganizationsModel *model = orgs->model();
        QTableView *table = orgs->table();
        const int target = int(std::min<qint64>(100'000, m_o.count));
        int inserts = 0;
        QObject::connect(model, &QAbstractItemModel::rowsInserted, model, [&inserts] { ++inserts; });
        QList<double> steps;
        const double t0 = clockMs();
        while (model->rowCount() < target && model->canFetchMore({})) {
            const double s = clockMs();
            table->scrollToBottom(); // the scroll bar at its end: the view asks the model for more
            QCoreApplication::processEvents();
            steps << clockMs() - s;
            if (steps.size() > 10 * target / oc::OrganizationsModel::kPageSize)
                break; // the view stopped fetching: do not spin
        }
        const double scrolled = clockMs() - t0;
        const int reached = model->rowCount();
        settle(500);
        const int afterIdle = model->rowCount();
        const Memory deep = memory();
        out() << Qt::fixed << qSetRealNumberPrecision(1) << "== c. Memory and deep scrolling\n"
              << "   VmRSS of the bench process: at start (QApplication, no window) " << mib(m_baseline.rssKb) << "; before the console "
              << mib(before.rssKb) << " (after a1); console at first paint " << mib(painted.rssKb) << " (HWM " << mib(painted.hwmKb)
              << "); the console's own RSS at first paint: see e (a process of its own)\n"
              << "   scrolled to row " << reached << " in " << scrolled << " ms: " << steps.size() << " scroll-to-end steps, " << inserts
              << " fetchMore inserts; per step median " << median(steps) << " ms, p99 " << percentile(steps, 99) << " ms, max "
              << maximum(steps) << " ms; first 10 steps median " << median(steps.mid(0, 10)) << " ms, last 10 " << median(steps.mid(steps.size() - 10))
              << " ms\n"
              << "   rows after 0.5 s idle at the bottom: " << afterIdle << (afterIdle == reached ? " (no fetch storm)" : " (FETCHED ON ITS OWN)")
              << "\n   VmRSS at row " << reached << " " << mib(deep.rssKb) << " (HWM " << mib(deep.hwmKb) << "): +"
              << mib(deep.rssKb - painted.rssKb) << " over first paint (the loaded rows, and SQLite's page cache, capped at 64 MiB)\n\n";
        out().flush();
    }

    // Measures how long the event loop was unable to run: the gaps between a 1 ms precise timer's timeouts
    // (a gap of 1 ms is an idle loop; a gap of N ms is N ms during which input and painting waited).
    class StallMeter : public QObject
    {
    public:
        StallMeter()
        {
            m_timer.setTimerType(Qt::PreciseTimer);
            m_timer.setInterval(1);
            connect(&m_timer, &QTimer::timeout, this, [this] {
                const double now = clockMs();
                if (m_last >= 0) {
                    m_gaps << now - m_last;
                    m_ends << now;
                }
                m_last = now;
            });
        }
        void start()
        {
            m_gaps.clear();
            m_ends.clear();
            m_last = -1;
            m_timer.start();
        }
        void stop() { m_timer.stop(); }
        // The gaps that do not contain the moment `at`.
        QList<double> without(double at) const
        {
            QList<double> v;
            for (qsizetype i = 0; i < m_gaps.size(); ++i) {
                if (!(m_ends[i] - m_gaps[i] <= at && at <= m_ends[i]))
                    v << m_gaps[i];
            }
            return v;
        }
        QList<double> m_gaps;
        QList<double> m_ends;

    private:
        QTimer m_timer;
        double m_last = -1;
    };

    QString describe(const QList<double> &gaps) const
    {
        const auto over = [&gaps](double ms) { return std::count_if(gaps.begin(), gaps.end(), [ms](double g) { return g > ms; }); };
        return QStringLiteral("timer gaps: n %1, p50 %2, p99 %3, max %4 ms, >16 ms: %5, >50 ms: %6")
            .arg(gaps.size())
            .arg(median(gaps), 0, 'f', 1)
            .arg(percentile(gaps, 99), 0, 'f', 1)
            .arg(maximum(gaps), 0, 'f', 1)
            .arg(over(16))
            .arg(over(50));
    }

    // d, once per place for the database copy: where the user keeps it (next to the cache, on disk), and in
    // /dev/shm, where fsync costs nothing — the difference is what the synchronous journal writes cost the
    // event loop (synchronous=FULL, on the GUI thread).
    QString phaseStall(const QString &dir, const QString &where)
    {
        QDir().mkpath(dir);
        const QString copy = QDir(dir).filePath(QStringLiteral("bench-console-stall-%1.sqlite").arg(QCoreApplication::applicationPid()));
        const auto removeCopy = [copy] {
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(copy + QLatin1String(suffix));
        };
        removeCopy();
        const double c0 = clockMs();
        if (!QFile::copy(m_db, copy))
            return QStringLiteral("could not copy %1 to %2").arg(m_db, copy);
        out() << "== d. Event-loop stall: " << m_o.runs << " approvals at once, in-process sandbox (seed profile x" << QString::number(m_o.scale)
              << "), copy of the 1M database " << where << " (" << QString::number(clockMs() - c0, 'f', 0) << " ms to copy)\n";
        out().flush();
        const QString e = measureStall(copy);
        removeCopy();
        return e;
    }

    // d on PostgreSQL (--pg URL of a server, e.g. tests/support/pg-harness.sh's): a fresh database of
    // 10 × runs organizations, reached through a proxy that holds every query 5 ms (a database across a
    // network, not on the same machine).
    QString phaseStallPostgres()
    {
        auto server = oc::DatabaseUrl::parse(m_o.pg);
        if (!server || server->engine != oc::DatabaseUrl::Engine::Postgres)
            return QStringLiteral("--pg needs a postgresql:// URL");
        oc::DatabaseUrl url = server.value();
        url.database = QStringLiteral("orgconsole_bench_stall_%1").arg(QCoreApplication::applicationPid());
        const auto onServer = [&](const QString &sql) -> QString {
            auto admin = oc::Database::open(server.value());
            if (!admin)
                return admin.error().message;
            auto done = admin.value()->exec(sql);
            return done ? QString() : done.error().message;
        };
        if (QString e = onServer(QStringLiteral("CREATE DATABASE %1").arg(url.database)); !e.isEmpty())
            return e;
        const auto drop = [&] { (void)onServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(url.database)); };
        {
            auto store = oc::Store::open(url);
            if (!store) {
                drop();
                return store.error().message;
            }
            if (auto seeded = oc::DemoData::seed(store.value()->organizations(), store.value()->database(), m_o.runs * 10); !seeded) {
                drop();
                return seeded.error().message;
            }
        }
        oc::test::DelayProxy proxy(QHostAddress(server->host), quint16(server->port), std::chrono::milliseconds(m_o.pgDelayMs));
        if (!proxy.start()) {
            drop();
            return QStringLiteral("the delaying proxy could not listen");
        }
        oc::DatabaseUrl through = url;
        through.host = QStringLiteral("127.0.0.1");
        through.port = proxy.port();
        out() << "== dpg. Event-loop stall: " << m_o.runs << " approvals at once, in-process sandbox (seed profile x" << QString::number(m_o.scale)
              << "), PostgreSQL with " << m_o.runs * 10 << " organizations, every query " << m_o.pgDelayMs << " ms away (delaying proxy)\n";
        out().flush();
        const QString e = measureStall(QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(through.user).arg(through.port).arg(through.database));
        if (m_o.pgKeep)
            out() << "   kept the database " << url.database << " (--pg-keep)\n";
        else
            drop();
        return e;
    }

    QString measureStall(const QString &database)
    {
        const auto removeCopy = [] {};
        auto console = std::make_unique<oc::ConsoleApp>();
        oc::ConsoleApp::Options options;
        options.sandbox = true;
        options.database = database;
        options.sandboxScale = m_o.scale;
        if (auto started = console->start(options); !started) {
            removeCopy();
            return started.error().message;
        }
        oc::MainWindow &w = console->window();
        w.resize(1280, 800);
        PaintProbe probe(w.organizationsView()->table()->viewport());
        probe.gateOn([m = w.organizationsView()->model()] { return !m->isLoading(); });
        w.show();
        probe.wait();
        settle(300);

        oc::OrgQuery q;
        q.status = oc::OrgStatus::Pending;
        q.limit = m_o.runs;
        auto pending = console->store().organizations().list(q);
        if (!pending || pending->size() < m_o.runs) {
            removeCopy();
            return QStringLiteral("not enough pending organizations");
        }

        StallMeter meter;
        meter.start();
        settle(1000);
        meter.stop();
        const QString idle = describe(meter.m_gaps);

        oc::ConsoleEngine &engine = console->engine();
        int finished = 0, succeeded = 0;
        QObject::connect(&engine, &oc::ConsoleEngine::runFinished, &engine, [&](oc::LiveRun *run) {
            ++finished;
            succeeded += run->outcome() == oc::LiveRun::Outcome::Succeeded ? 1 : 0;
        });
        double startHandler = 0, t0 = 0;
        timingApp()->record(true);
        meter.start();
        settle(50);
        QEventLoop loop;
        QTimer::singleShot(0, &engine, [&] {
            // As the main window's bulk approve does it (MainWindow::startLater): the first run now, the others
            // four per event-loop turn. Each org gets its own area code: the sandbox has 40 numbers per area code.
            t0 = clockMs();
            oc::LiveRun *first = engine.approve(pending->at(0), QStringLiteral("US"), QStringLiteral("200"));
            auto next = std::make_shared<std::function<void(int)>>();
            *next = [&engine, pending, next](int from) {
                for (int i = from; i < std::min<int>(from + 4, int(pending->size())); ++i)
                    engine.approve(pending->at(i), QStringLiteral("US"), QString::number(200 + i % 700));
                if (from + 4 < int(pending->size()))
                    QTimer::singleShot(0, &engine, [next, from] { (*next)(from + 4); });
                else
                    QTimer::singleShot(0, &engine, [next] { *next = nullptr; });
            };
            QTimer::singleShot(0, &engine, [next] { (*next)(1); });
            w.tabs()->setCurrentWidget(w.runsView());
            w.runsView()->showRun(first);
            startHandler = clockMs() - t0;
        });
        QObject::connect(&engine, &oc::ConsoleEngine::runFinished, &loop, [&] {
            if (finished == m_o.runs)
                loop.quit();
        });
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);
        loop.exec();
        const double total = clockMs() - t0;
        settle(50);
        meter.stop();
        timingApp()->record(false);
        // Without the turn that started the runs: what the user sees while they execute.
        const QList<double> during = meter.without(t0 + 0.01);
        out() << Qt::fixed << qSetRealNumberPrecision(1) << "   idle (1 s, window shown): " << idle << "\n"
              << "   the approve turn (the first of " << m_o.runs << " runs started, runs view shown; the rest 4 per turn): " << startHandler << " ms\n"
              << "   while running (" << total << " ms, " << finished << " finished, " << succeeded << " succeeded): "
              << describe(meter.m_gaps) << "\n"
              << "   without the approve turn: " << describe(during) << "\n"
              << "   longest stall " << maximum(meter.m_gaps) << " ms vs target 16 ms: " << (maximum(meter.m_gaps) <= 16 ? "MET" : "NOT MET")
              << "; without the approve turn " << maximum(during) << " ms: " << (maximum(during) <= 16 ? "MET" : "NOT MET") << "\n";
        for (const TimingApp::Slow &slow : timingApp()->slowest())
            out() << "   an event of " << slow.ms << " ms: " << slow.what << "\n";
        out() << "\n";
        out().flush();
        console.reset();
        removeCopy();
        return {};
    }

    // e: the real binary, spawned and timed to its first paint.
    void phaseColdStart()
    {
        out() << "== e. Cold start: " << ORGCONSOLE_BINARY << " --database <1M db> (dummy credentials), " << m_o.cold
              << " runs, exits at its first paint\n";
        out().flush();
        QList<double> spawnToExit, execToPaint, mainToPaint, rss;
        for (int i = 0; i < m_o.cold; ++i) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("ORGCONSOLE_EXIT_AFTER_FIRST_PAINT"), QStringLiteral("1"));
            env.insert(QStringLiteral("TWILIO_ACCOUNT_SID"), QStringLiteral("ACbench00000000000000000000000000"));
            env.insert(QStringLiteral("TWILIO_AUTH_TOKEN"), QStringLiteral("bench-token"));
            env.insert(QStringLiteral("VAPI_API_KEY"), QStringLiteral("bench-key"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(QStringLiteral("cold-config")));
            p.setProcessEnvironment(env);
            const double t0 = clockMs();
            p.start(QStringLiteral(ORGCONSOLE_BINARY), {QStringLiteral("--database"), m_db});
            if (!p.waitForFinished(120000)) {
                out() << "   run " << i + 1 << ": did not exit within 120 s\n";
                p.kill();
                p.waitForFinished();
                continue;
            }
            spawnToExit << clockMs() - t0;
            const QString line = QString::fromUtf8(p.readAllStandardOutput());
            const auto field = [&line](const char *name) {
                const QRegularExpression re(QStringLiteral("%1=([0-9.]+)").arg(QLatin1String(name)));
                return re.match(line).captured(1).toDouble();
            };
            execToPaint << field("exec_ms");
            mainToPaint << field("main_ms");
            rss << field("rss_kb");
            if (p.exitCode() != 0 || !line.contains(QLatin1String("ORGCONSOLE_FIRST_PAINT")))
                out() << "   run " << i + 1 << ": exit " << p.exitCode() << ", " << line << QString::fromUtf8(p.readAllStandardError()).left(400) << "\n";
        }
        out() << Qt::fixed << qSetRealNumberPrecision(1) << "   exec → first paint (child, /proc starttime, ±10 ms): median "
              << median(execToPaint) << " ms, min " << (execToPaint.isEmpty() ? 0 : *std::min_element(execToPaint.begin(), execToPaint.end()))
              << " ms, max " << maximum(execToPaint) << " ms\n"
              << "   main() → first paint (child): median " << median(mainToPaint) << " ms\n"
              << "   spawn → exit (parent, includes teardown): median " << median(spawnToExit) << " ms\n"
              << "   child VmRSS at first paint: median " << mib(qint64(median(rss))) << "\n\n";
        out().flush();
    }

    Options m_o;
    Memory m_baseline; // the bench process before any view or store
    QTemporaryDir m_tmp;
    QString m_db;
};

} // namespace

int main(int argc, char **argv)
{
    g_clock.start();
    // Settings (remembered defaults, window state) go to a throwaway place, never the user's.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    TimingApp app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OrgConsoleBench"));
    QApplication::setApplicationName(QStringLiteral("bench_console"));
    Options o;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const QString &k = args[i], &v = args[i + 1];
        if (k == QLatin1String("--count"))
            o.count = std::max<qint64>(1000, v.toLongLong());
        else if (k == QLatin1String("--cache-dir"))
            o.cacheDir = v;
        else if (k == QLatin1String("--rounds"))
            o.rounds = std::max(1, v.toInt());
        else if (k == QLatin1String("--runs"))
            o.runs = std::max(1, v.toInt());
        else if (k == QLatin1String("--scale"))
            o.scale = v.toDouble();
        else if (k == QLatin1String("--cold"))
            o.cold = std::max(1, v.toInt());
        else if (k == QLatin1String("--skip"))
            o.skip = v.split(QLatin1Char(','));
        else if (k == QLatin1String("--pg"))
            o.pg = v;
        else if (k == QLatin1String("--pg-delay-ms"))
            o.pgDelayMs = std::max(0, v.toInt());
        else if (k == QLatin1String("--pg-keep"))
            o.pgKeep = v == QLatin1String("1");
    }
    Bench bench(o);
    return bench.run();
}
