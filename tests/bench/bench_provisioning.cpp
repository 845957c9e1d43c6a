// bench_provisioning: how close approve (DESIGN §2.1) comes to the bounds its step graph allows, measured
// in-process against the sandbox over real HTTP on loopback, with the store on a temporary SQLite file.
// The sandbox runs on a thread of its own, as the vendors run on machines of their own: its latency timers
// must not wait for our event loop (nor ours for its request parsing). The SQLite files go to --store-dir DIR,
// by default /dev/shm (tmpfs) when it exists: the emulated latencies are scaled down 50-100x, a disk's fsync
// per journal line is not, and on a busy disk it alone would outweigh the bounds being measured. Give
// --store-dir /tmp (say) to see the disk's share.
//   1. critical path: one approval at a time; median setup time ÷ (max(search+buy, inbound) + register + save);
//      and the same steps forced one after another (CallLimiter(1)) for the parallel speedup.
//   2. bulk: N approvals started at once through one shared CallLimiter(30) against a sandbox that answers 429
//      above 30 requests in flight; total time ÷ (vendor-call-seconds ÷ 30). Scaled x0.02 by default: every
//      request also costs this process a few milliseconds the emulated latency does not scale (thread hops
//      into Qt's HTTP thread and back, journal lines); at x0.002 the 500 approvals' own CPU exceeds the bound.
// Options: --runs N (10) --orgs N (500) --bulk-scale S (0.02) --store-dir DIR --steps 1 (when each step ran, in
// percentiles) --pool K (NetworkPool::kDefaultSize: the QNAMs the clients share, as orgctl wires them; 1 = one
// QNAM, capped at 6 connections per host). Not a ctest test: load makes timings vary.
#include "net/networkpool.h"
#include "pipeline/calllimiter.h"
#include "provisioning/approveoperation.h"
#include "sandbox/requestdispatcher.h"
#include "sandbox/sandbox.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <type_traits>

#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace {

using oc::sandbox::LatencyProfile;
using oc::sandbox::SandboxConfig;

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

// The 1-minute load average: the ratios mean little on a busy machine, so the output says how busy it was.
QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readLine()).section(QLatin1Char(' '), 0, 0) : QStringLiteral("?");
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The sandbox's own per-endpoint delay, asked of a throwaway dispatcher so the bounds never drift from what
// the emulator really waits (requestdispatcher.cpp holds the seed values).
class Latencies
{
public:
    explicit Latencies(const SandboxConfig &config) : m_config(config), m_dispatcher(m_config, m_state) {}
    double ms(const char *endpoint) const { return m_dispatcher.latencyMs(QString::fromLatin1(endpoint)); }

private:
    SandboxConfig m_config;
    oc::sandbox::SandboxState m_state;
    oc::sandbox::RequestDispatcher m_dispatcher; // holds references to the two members above
};

const char *const kEndpoints[] = {"twilio.search", "twilio.buy", "twilio.lookup", "twilio.release",
                                  "vapi.assistant.create", "vapi.assistant.list", "vapi.assistant.get",
                                  "vapi.assistant.update", "vapi.assistant.delete", "vapi.phone.create",
                                  "vapi.phone.list", "vapi.phone.delete"};

// Everything one scenario talks to, wired as orgctl does (app/cli/wiring.cpp): a NetworkPool of `pool`
// QNAMs, one client per vendor on it, services by reference.
struct World {
    explicit World(const QString &storeDir)
        : dir(storeDir.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench-XXXXXX") : storeDir + QStringLiteral("/bench-XXXXXX"))
    {
        vendorThread.setObjectName(QStringLiteral("sandbox"));
        vendorThread.start();
        anchor.moveToThread(&vendorThread);
    }
    ~World()
    {
        // Everything of the sandbox is destroyed on its own thread.
        onVendorThread([this] {
            sampler.reset();
            sandbox.reset();
            return 0;
        });
        vendorThread.quit();
        vendorThread.wait();
    }

    // Runs `f` on the sandbox's thread and returns its result.
    template<class F>
    std::invoke_result_t<F> onVendorThread(F f)
    {
        std::invoke_result_t<F> result{};
        QMetaObject::invokeMethod(&anchor, [&] { result = f(); }, Qt::BlockingQueuedConnection);
        return result;
    }

    // Samples (on the sandbox's thread, every ~1 ms) how many requests it has in flight.
    void startSampling()
    {
        onVendorThread([this] {
            sampler = std::make_unique<QTimer>();
            sampler->setInterval(1);
            samplingClock.start();
            QObject::connect(sampler.get(), &QTimer::timeout, [this] {
                const int n = sandbox->inFlight();
                peak = std::max(peak.load(), n);
                inFlightSum += n;
                ++samples;
                timeline.emplace_back(samplingClock.elapsed(), n);
            });
            sampler->start();
            return 0;
        });
    }
    void stopSampling()
    {
        onVendorThread([this] {
            sampler.reset();
            return 0;
        });
    }

    QTemporaryDir dir;
    QThread vendorThread;
    QObject anchor;
    std::unique_ptr<QTimer> sampler;
    std::atomic<int> peak{0};
    std::atomic<qint64> inFlightSum{0};
    std::atomic<qint64> samples{0};
    QElapsedTimer samplingClock;
    std::vector<std::pair<qint64, int>> timeline; // (ms, in flight); read only after stopSampling()

    // Mean requests in flight per tenth of the sampled time: where the limit went unused (ramp, tail, gaps).
    QString utilizationByTenth() const
    {
        if (timeline.empty())
            return {};
        const qint64 end = std::max<qint64>(1, timeline.back().first + 1);
        double sum[10] = {};
        int count[10] = {};
        for (const auto &[ms, n] : timeline) {
            const int tenth = int(std::min<qint64>(9, ms * 10 / end));
            sum[tenth] += n;
            ++count[tenth];
        }
        QStringList parts;
        for (int i = 0; i < 10; ++i)
            parts << QString::number(count[i] ? sum[i] / count[i] : 0.0, 'f', 1);
        return parts.join(QLatin1Char(' '));
    }
    std::unique_ptr<oc::Store> store;
    std::unique_ptr<oc::sandbox::Sandbox> sandbox;
    std::unique_ptr<oc::NetworkPool> networkPool;
    std::unique_ptr<oc::TwilioClient> twilio;
    std::unique_ptr<oc::VapiClient> vapi;
    std::unique_ptr<oc::ProvisioningServices> services;

    oc::ProvisioningServices &servicesFor(int) { return *services; }

    QString start(const SandboxConfig &config, int pool)
    {
        oc::DatabaseUrl url;
        url.path = dir.filePath(QStringLiteral("bench.sqlite"));
        auto opened = oc::Store::open(url);
        if (!opened)
            return opened.error().message;
        store = std::move(opened.value());
        const QString started = onVendorThread([this, config] {
            sandbox = std::make_unique<oc::sandbox::Sandbox>(config);
            auto r = sandbox->start();
            return r.ok() ? QString() : r.error().message;
        });
        if (!started.isEmpty())
            return started;
        // Generous attempt timeout (a slow create is not a failure here), short backoff; the sandbox's
        // Retry-After of 1 s is capped by maxDelay, so a rare 429 costs milliseconds, not a second.
        oc::RetryPolicy::Settings s;
        s.baseDelay = oc::RetryPolicy::Ms(5);
        s.maxDelay = oc::RetryPolicy::Ms(50);
        s.attemptTimeout = oc::RetryPolicy::Ms(30000);
        const auto &c = sandbox->credentials();
        networkPool = std::make_unique<oc::NetworkPool>(pool);
        twilio = std::make_unique<oc::TwilioClient>(
            *networkPool, oc::TwilioConfig{sandbox->twilioBaseUrl(), c.twilioAccountSid, c.twilioAuthToken, oc::RetryPolicy(s)});
        vapi = std::make_unique<oc::VapiClient>(*networkPool, oc::VapiConfig{sandbox->vapiBaseUrl(), c.vapiApiKey, oc::RetryPolicy(s)});
        services.reset(new oc::ProvisioningServices{*store, *twilio, *vapi, nullptr, oc::AssistantTemplate{}, oc::EmailBranding{},
                                                    QStringLiteral("noreply@bench.example"), c.twilioAccountSid, c.twilioAuthToken});
        return {};
    }

    QList<qint64> addOrgs(int n, const QString &prefix)
    {
        QList<qint64> ids;
        for (int i = 0; i < n; ++i) {
            oc::NewOrganization org{QStringLiteral("%1 Clinic %2").arg(prefix).arg(i), QStringLiteral("owner%1@bench.example").arg(i),
                                    QStringLiteral("Owner %1").arg(i), QStringLiteral("u%1").arg(i), oc::OrgStatus::Pending, {}};
            if (auto id = store->organizations().add(org))
                ids << id.value();
        }
        return ids;
    }
};

// Per run: setup time as the engine reports it, and when each step ran (ms since the operation started).
struct RunTiming {
    double setupMs = 0;
    bool ok = false;
    QHash<QString, std::pair<double, double>> steps; // name → (running, succeeded)
    double begin(const char *step) const { return steps.value(QLatin1String(step)).first; }
    double end(const char *step) const { return steps.value(QLatin1String(step)).second; }
};

// Area codes spread the bulk orgs over the pool (40 numbers each) so 500 simultaneous searches do not all
// race for the same five candidates — contention is the approve-race test's business, not this one's.
QString areaCodeFor(int i) { return QString::number(200 + i % 700); }

void approveOne(oc::ProvisioningServices &services, qint64 org, const QString &area, oc::pipeline::CallLimiter *limiter,
                std::function<void(RunTiming)> done)
{
    auto *op = new oc::ApproveOperation(services, org, QStringLiteral("US"), area, QStringLiteral("bench"), limiter);
    auto clock = std::make_shared<QElapsedTimer>();
    auto timing = std::make_shared<RunTiming>();
    QObject::connect(op, &oc::ApproveOperation::stepEvent, op, [clock, timing](const oc::pipeline::StepEvent &e) {
        const double now = clock->nsecsElapsed() / 1e6;
        auto &t = timing->steps[e.step];
        if (e.state == oc::pipeline::StepState::Running && t.first == 0)
            t.first = now;
        else if (e.state == oc::pipeline::StepState::Succeeded)
            t.second = now;
    });
    QObject::connect(op, &oc::ApproveOperation::finished, op, [op, timing, done] {
        timing->ok = op->ok();
        if (!op->ok())
            out() << "  approve failed: " << op->errorMessage() << "\n";
        const QString setup = op->result().value(QLatin1String("data")).toObject().value(QLatin1String("aiSetup")).toObject()
                                  .value(QLatin1String("setupTime")).toString();
        timing->setupMs = setup.chopped(2).toDouble(); // "NNNms"
        op->deleteLater(); // never inside its own signal
        done(*timing);
    });
    clock->start();
    op->start();
}

// One approval at a time, each on a fresh organization; `then` gets every run's timing.
void runSeries(World &w, QList<qint64> orgs, oc::pipeline::CallLimiter *limiter, std::function<void(QList<RunTiming>)> then,
               QList<RunTiming> acc = {})
{
    if (orgs.isEmpty())
        return then(acc);
    const qint64 org = orgs.takeFirst();
    approveOne(w.servicesFor(0), org, QStringLiteral("510"), limiter, [&w, orgs, limiter, then, acc](RunTiming t) mutable {
        acc << t;
        runSeries(w, orgs, limiter, then, acc);
    });
}

double stepMedian(const QList<RunTiming> &runs, const std::function<double(const RunTiming &)> &f)
{
    QList<double> v;
    for (const RunTiming &r : runs)
        v << f(r);
    return median(v);
}

class Bench
{
public:
    int runs = 10;
    int orgs = 500;
    double bulkScale = 0.02;
    int pool = oc::NetworkPool::kDefaultSize; // --pool K: QNAMs shared by the clients
    QString storeDir = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath(); // --store-dir
    bool steps = false; // --steps 1: when each step ran in the bulk
    int exitCode = 0;

    void start()
    {
        SandboxConfig config;
        config.profile = LatencyProfile::Seed;
        config.scale = 0.01;
        m_critical = std::make_unique<World>(storeDir);
        if (QString e = m_critical->start(config, pool); !e.isEmpty())
            return fail(e);
        const QList<qint64> ids = m_critical->addOrgs(2 * runs + 1, QStringLiteral("Critical"));
        // One warm-up approval first: it pays the TCP connects and SQLite's first statements once.
        runSeries(*m_critical, ids.mid(0, 1), nullptr, [this, ids, config](QList<RunTiming>) {
            runSeries(*m_critical, ids.mid(1, runs), nullptr, [this, ids, config](QList<RunTiming> par) {
                m_limiter1 = std::make_unique<oc::pipeline::CallLimiter>(1);
                runSeries(*m_critical, ids.mid(1 + runs, runs), m_limiter1.get(), [this, par, config](QList<RunTiming> seq) {
                    reportCritical(Latencies(config), par, seq);
                    startBulk();
                });
            });
        });
    }

private:
    void fail(const QString &why)
    {
        out() << "bench_provisioning: " << why << "\n";
        exitCode = 2;
        QCoreApplication::exit(exitCode);
    }

    void reportCritical(const Latencies &lat, const QList<RunTiming> &par, const QList<RunTiming> &seq)
    {
        const auto med = [&par](const std::function<double(const RunTiming &)> &f) { return stepMedian(par, f); };
        const auto dur = [&med](const char *step) { return med([step](const RunTiming &r) { return r.end(step) - r.begin(step); }); };
        const double search = lat.ms("twilio.search"), buy = lat.ms("twilio.buy"), create = lat.ms("vapi.assistant.create"),
                     reg = lat.ms("vapi.phone.create"), save = dur("save_config"); // save: measured, not assumed 0
        const double bound = std::max(search + buy, create) + reg + save, seqBound = search + buy + 2 * create + reg + save;
        const double parMed = med([](const RunTiming &r) { return r.setupMs; });
        const double seqMed = stepMedian(seq, [](const RunTiming &r) { return r.setupMs; });
        int failures = 0;
        for (const RunTiming &r : par + seq)
            failures += r.ok ? 0 : 1;
        const double ratio = parMed / bound;
        out() << Qt::fixed << qSetRealNumberPrecision(1) << "== 1. Critical path: seed profile x0.01, one approval at a time, " << runs
              << " runs each (after 1 warm-up), SQLite in " << storeDir << ", load average " << loadAverage()
              << "\n   sandbox delay (ms): search " << search << ", buy " << buy
              << ", assistant create " << create << ", phone register " << reg << ", other calls " << lat.ms("twilio.lookup")
              << "\n   bound = max(search+buy, inbound) + register + save(measured " << qSetRealNumberPrecision(2) << save
              << qSetRealNumberPrecision(1) << ") = " << bound << " ms\n   parallel, median step time (ms):";
        for (const char *step : {"search_number", "buy_number", "create_inbound_assistant", "create_outbound_assistant", "register_number"})
            out() << " " << QString::fromLatin1(step).section(QLatin1Char('_'), -2, -2) << " " << dur(step);
        // How long a ready step sat before it ran: scheduling and journal writes between steps.
        out() << "\n   register waited " << med([](const RunTiming &r) {
                     return r.begin("register_number") - std::max(r.end("buy_number"), r.end("create_inbound_assistant")); })
              << " ms, save waited " << med([](const RunTiming &r) {
                     return r.begin("save_config") - std::max(r.end("register_number"), r.end("create_outbound_assistant")); })
              << " ms\n   median setup time: parallel " << parMed << " ms, sequential (CallLimiter(1)) " << seqMed
              << " ms (sequential bound " << seqBound << " ms)\n" << qSetRealNumberPrecision(3) << "   RATIO parallel / bound = " << ratio
              << "  target <= 1.05: " << (ratio <= 1.05 ? "MET" : "NOT MET") << "\n   speedup sequential / parallel = " << seqMed / parMed
              << "x (ideal " << seqBound / bound << "x); failures " << failures << "\n\n";
        out().flush();
        if (failures || ratio > 1.05)
            exitCode = 1;
    }

    void startBulk()
    {
        SandboxConfig config;
        config.profile = LatencyProfile::Seed;
        config.scale = bulkScale;
        config.concurrencyLimit = 30;
        m_bulk = std::make_unique<World>(storeDir);
        if (QString e = m_bulk->start(config, pool); !e.isEmpty())
            return fail(e);
        const QList<qint64> ids = m_bulk->addOrgs(orgs, QStringLiteral("Bulk"));
        // Queued onto this thread: the sandbox emits on its own.
        QObject::connect(m_bulk->sandbox.get(), &oc::sandbox::Sandbox::requestServed, &m_context,
                         [this](const QString &, int status) { m_tooMany += status == 429 ? 1 : 0; });
        m_limiter30 = std::make_unique<oc::pipeline::CallLimiter>(30);
        // Sample how many requests the sandbox really has in flight: the limit is 30, this says how much of it we use.
        m_bulk->startSampling();
        m_clock.start();
        for (int i = 0; i < int(ids.size()); ++i) {
            approveOne(m_bulk->servicesFor(i), ids[i], areaCodeFor(i), m_limiter30.get(), [this, n = int(ids.size()), config](RunTiming t) {
                m_failures += t.ok ? 0 : 1;
                m_bulkTimings << t;
                if (++m_done == n)
                    reportBulk(Latencies(config), n);
            });
        }
    }

    void reportBulk(const Latencies &lat, int n)
    {
        const double totalMs = m_clock.nsecsElapsed() / 1e6;
        m_bulk->stopSampling();
        const QHash<QString, int> counts = m_bulk->onVendorThread([this] {
            QHash<QString, int> c;
            for (const char *e : kEndpoints)
                c.insert(QString::fromLatin1(e), m_bulk->sandbox->state().counter(QString::fromLatin1(e)).calls);
            return c;
        });
        double vendorMs = 0;
        QStringList calls;
        for (const char *e : kEndpoints) {
            const int c = counts.value(QString::fromLatin1(e));
            vendorMs += c * lat.ms(e);
            if (c)
                calls << QStringLiteral("%1 %2").arg(QLatin1String(e)).arg(c);
        }
        const double bound = vendorMs / 30;
        const QJsonObject ledger = m_bulk->onVendorThread([this] { return m_bulk->sandbox->ledger(); });
        QSet<QString> distinctNumbers;
        for (const auto &v : ledger.value(QLatin1String("numbers")).toArray())
            distinctNumbers << v.toObject().value(QLatin1String("phoneNumber")).toString();
        const auto configs = m_bulk->store->aiConfigs().all();
        QSet<qint64> configOrgs;
        for (const oc::AiConfig &c : configs.value())
            configOrgs << c.organizationId;
        const qsizetype numbers = ledger.value(QLatin1String("numbers")).toArray().size();
        const qsizetype assistants = ledger.value(QLatin1String("assistants")).toArray().size();
        const qsizetype phones = ledger.value(QLatin1String("phoneNumbers")).toArray().size();
        const bool clean = m_failures == 0 && numbers == n && distinctNumbers.size() == n && assistants == 2 * n && phones == n
                           && configs.value().size() == n && configOrgs.size() == n;
        const double ratio = totalMs / bound;
        out() << Qt::fixed << qSetRealNumberPrecision(1) << "== 2. Bulk: " << n << " approvals at once, seed profile x" << qSetRealNumberPrecision(3) << bulkScale
              << qSetRealNumberPrecision(1) << ", sandbox limit 30 in flight, shared CallLimiter(30), NetworkPool(" << pool
              << "), load average " << loadAverage() << "\n"
              << "   vendor calls: " << calls.join(QStringLiteral(", ")) << "\n"
              << "   vendor-call time " << vendorMs << " ms / 30 = bound " << bound << " ms; total " << totalMs << " ms\n"
              << "   sandbox in flight: peak " << m_bulk->peak.load() << ", mean "
              << (m_bulk->samples ? double(m_bulk->inFlightSum) / double(m_bulk->samples) : 0.0)
              << " (sampled every ~1 ms); 429 answers " << m_tooMany << "\n"
              << "   mean in flight per tenth of the run: " << m_bulk->utilizationByTenth() << "\n";
        if (steps) { // when each step ran across the bulk: where the limit went unused
            const auto percentiles = [](QList<double> v) {
                std::sort(v.begin(), v.end());
                return QStringLiteral("%1/%2/%3/%4").arg(v[v.size() / 10], 0, 'f', 0).arg(v[v.size() / 2], 0, 'f', 0)
                    .arg(v[v.size() * 9 / 10], 0, 'f', 0).arg(v.last(), 0, 'f', 0);
            };
            for (const char *step : {"search_number", "create_inbound_assistant", "create_outbound_assistant", "buy_number",
                                     "register_number", "save_config", "remove_duplicate_assistants"}) {
                QList<double> began, ended;
                for (const RunTiming &r : m_bulkTimings) {
                    began << r.begin(step);
                    ended << r.end(step);
                }
                out() << "   " << step << ": started (ms, p10/p50/p90/max) " << percentiles(began) << ", succeeded "
                      << percentiles(ended) << "\n";
            }
        }
        out()
              << "   failures " << m_failures << "; ledger numbers " << numbers << " (distinct " << distinctNumbers.size()
              << "), assistants " << assistants << ", VAPI numbers " << phones << "; configs " << configs.value().size()
              << " (orgs " << configOrgs.size() << ") -> " << (clean ? "no failures, no duplicates" : "NOT CLEAN") << "\n"
              << qSetRealNumberPrecision(3) << "   RATIO total / bound = " << ratio << "  target <= 1.2: "
              << (ratio <= 1.2 ? "MET" : "NOT MET") << "\n";
        out().flush();
        if (!clean || ratio > 1.2)
            exitCode = 1;
        QCoreApplication::exit(exitCode);
    }

    std::unique_ptr<World> m_critical;
    std::unique_ptr<World> m_bulk;
    std::unique_ptr<oc::pipeline::CallLimiter> m_limiter1;
    std::unique_ptr<oc::pipeline::CallLimiter> m_limiter30;
    QElapsedTimer m_clock;
    QObject m_context; // receives the sandbox's signals on this thread
    int m_done = 0;
    int m_failures = 0;
    int m_tooMany = 0;
    QList<RunTiming> m_bulkTimings;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Bench bench;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--runs"))
            bench.runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--orgs"))
            bench.orgs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--store-dir"))
            bench.storeDir = args[i + 1];
        else if (args[i] == QLatin1String("--steps"))
            bench.steps = args[i + 1] != QLatin1String("0");
        else if (args[i] == QLatin1String("--pool"))
            bench.pool = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--bulk-scale"))
            bench.bulkScale = args[i + 1].toDouble();
    }
    QTimer::singleShot(0, [&bench] { bench.start(); });
    const int rc = app.exec();
    return rc ? rc : bench.exitCode;
}
