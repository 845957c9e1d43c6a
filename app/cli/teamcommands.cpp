#include "teamcommands.h"

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/signals.h"
#include "cli/wiring.h"
#include "pipeline/leaseowner.h"
#include "domain/jsonformat.h"
#include "provisioning/approveoperation.h"
#include "team/queueworker.h"
#include "team/runfeed.h"
#include "util/actor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>

#include <cstdio>

namespace oc::cli {

namespace {

void printLine(const QString &text)
{
    const QByteArray bytes = text.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void printJsonLine(const QJsonObject &o)
{
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}


QString eventText(const RunEvent &e)
{
    QString line = QStringLiteral("%1 run %2 ").arg(timeText(e.atMs), e.runId);
    if (e.isStep()) {
        line += QStringLiteral("step %1 %2").arg(e.step, e.status);
        if (e.attempt > 1)
            line += QStringLiteral(" (attempt %1)").arg(e.attempt);
    } else {
        line += QStringLiteral("org %1 %2 %3").arg(e.organizationId).arg(e.kind, e.status);
        if (!e.owner.isEmpty())
            line += QStringLiteral(" on %1").arg(pipeline::LeaseOwner::describe(e.owner));
    }
    if (!e.detail.isEmpty())
        line += QStringLiteral(" — %1").arg(e.detail);
    if (!e.error.isEmpty())
        line += QStringLiteral(" — error: %1").arg(e.error);
    return printable(line);
}

struct WorkerSession : QObject {
    std::unique_ptr<Context> context;
    std::unique_ptr<Wiring> wiring;
    std::unique_ptr<QueueWorker> worker;
    int signal = 0;
};

struct WatchSession : QObject {
    std::unique_ptr<Context> context;
    std::unique_ptr<RunFeed> feed;
};

} // namespace

int queueApprovals(Context &ctx, const QList<qint64> &ids, const QString &countryCode, const QString &areaCode,
                   const ComplianceRequest &compliance)
{
    Store *store = ctx.store();
    if (!store)
        return Failed;
    QJsonArray results;
    int queued = 0, failed = 0;
    for (qint64 id : ids) {
        QJsonObject r{{QStringLiteral("organizationId"), QString::number(id)}};
        auto q = queueApproval(*store, id, countryCode, areaCode, currentActor(), compliance);
        if (!q) {
            ++failed;
            r.insert(QStringLiteral("status"), QStringLiteral("failed"));
            r.insert(QStringLiteral("error"), q.error().message);
            if (!ctx.json())
                std::fprintf(stderr, "orgctl: organization %lld: %s\n", id, qPrintable(printable(q.error().message)));
        } else if (q->existing) {
            r.insert(QStringLiteral("status"), QStringLiteral("already_set_up"));
            r.insert(QStringLiteral("phoneNumber"), q->existing->number);
            if (!ctx.json())
                printLine(QStringLiteral("organization %1 is already set up (%2): nothing queued").arg(id).arg(q->existing->number));
        } else {
            ++queued;
            r.insert(QStringLiteral("status"), QStringLiteral("queued"));
            r.insert(QStringLiteral("runId"), q->runId);
            if (!ctx.json())
                printLine(QStringLiteral("organization %1 queued as run %2").arg(id).arg(q->runId));
        }
        results.append(r);
    }
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("success"), failed == 0}, {QStringLiteral("queued"), queued},
                                  {QStringLiteral("failed"), failed}, {QStringLiteral("results"), results}});
    else if (queued > 0)
        printLine(QStringLiteral("%1 queued: orgctl worker (or an open console) sets them up; orgctl watch follows them").arg(queued));
    return failed == 0 ? Ok : Failed;
}

int runWorker(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("worker"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Drain the queue of approvals (orgctl approve --queue, the console's bulk approval, the service's respond-async): "
        "claim queued runs and set them up, N at once, sharing the vendor-call limit; finish runs whose process died. "
        "SIGTERM/SIGINT: claim no more, finish what is held, exit 0 (again: exit at once; another worker takes over). "
        "One line per run that ends (JSON lines with --json)."));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"), QStringLiteral("Runs driven at once (default 4)."),
                                         QStringLiteral("N"), QStringLiteral("4"));
    ctx->parser.addOption(concurrency);
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    bool numeric = false;
    const int n = ctx->parser.value(concurrency).toInt(&numeric);
    if (!numeric || n < 1 || n > 256)
        return ctx->fail(QStringLiteral("--concurrency must be a number from 1 to 256"), Usage);
    Store *store = ctx->store();
    if (!store)
        return Failed;
    if (auto allowed = store->access().require(DbAction::Approve); !allowed) // a worker sets up what was queued
        return ctx->fail(allowed.error().message);
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new WorkerSession;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    QueueWorker::Options options;
    options.concurrency = n;
    if (const int poll = qEnvironmentVariableIntValue("ORGCONSOLE_WORKER_POLL_MS"); poll > 0)
        options.pollMs = poll;
    session->worker = std::make_unique<QueueWorker>(session->wiring->services(), currentActor(), options);
    session->context = std::move(ctx);
    QueueWorker *worker = session->worker.get();
    const bool json = session->context->json();
    QObject::connect(worker, &QueueWorker::runEnded, session, [json](const QString &runId, const OperationOutcome &outcome) {
        const QString result = outcome.ok() ? QStringLiteral("succeeded") : QStringLiteral("failed");
        if (json) {
            QJsonObject o{{QStringLiteral("event"), QStringLiteral("ended")}, {QStringLiteral("runId"), runId},
                          {QStringLiteral("result"), result}, {QStringLiteral("answer"), outcome.answer}};
            printJsonLine(o);
        } else {
            printLine(printable(QStringLiteral("run %1 %2%3").arg(runId, result,
                                                                 outcome.ok() ? QString() : QStringLiteral(": ") + outcome.error)));
        }
    });
    QObject::connect(worker, &QueueWorker::stopped, session, [session, &cli] {
        std::fprintf(stderr, "orgctl: worker stopped\n");
        const int code = Ok;
        session->deleteLater();
        cli.finish(code);
    });
    const bool handled = onTerminationSignals(session, [session, &cli](int signal) {
        if (session->signal == 0) {
            session->signal = signal;
            std::fprintf(stderr, "orgctl: worker stopping: claiming no more, finishing %d run(s) it holds "
                                 "(signal again to exit at once; another worker takes them over)\n", session->worker->held());
            std::fflush(stderr);
            session->worker->stop();
            return;
        }
        cli.finish(128 + signal);
    });
    if (!handled) {
        const int code = session->context->fail(QStringLiteral("cannot install SIGINT/SIGTERM handlers"));
        session->deleteLater();
        return code;
    }
    std::fprintf(stderr, "orgctl: worker draining the queue, %d at once\n", n);
    std::fflush(stderr);
    worker->start();
    return -1;
}

int runQueue(const QStringList &args)
{
    Context ctx(QStringLiteral("queue"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "List the approvals waiting in the queue (oldest first) and the workers alive (heartbeat in the last 15 s)."));
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto queued = store->runs().queued(1000);
    if (!queued)
        return ctx.fail(queued.error().message);
    auto count = store->runs().queuedCount();
    if (!count)
        return ctx.fail(count.error().message);
    auto workers = store->workers().alive(15000);
    if (!workers)
        return ctx.fail(workers.error().message);
    if (ctx.json()) {
        QJsonArray runs, alive;
        for (const ProvisioningRun &r : queued.value())
            runs.append(QJsonObject{{QStringLiteral("runId"), r.id}, {QStringLiteral("organizationId"), QString::number(r.organizationId)},
                                    {QStringLiteral("countryCode"), r.countryCode}, {QStringLiteral("areaCode"), r.areaCode},
                                    {QStringLiteral("queuedBy"), r.actor}, {QStringLiteral("queuedAt"), isoTime(r.queuedAt)}});
        for (const WorkerInfo &w : workers.value())
            alive.append(QJsonObject{{QStringLiteral("id"), w.id}, {QStringLiteral("kind"), w.kind}, {QStringLiteral("host"), w.host},
                                     {QStringLiteral("actor"), w.actor}, {QStringLiteral("concurrency"), w.concurrency},
                                     {QStringLiteral("running"), w.running}, {QStringLiteral("heartbeatAgeMs"), w.heartbeatAgeMs}});
        ctx.printJson(QJsonObject{{QStringLiteral("queued"), count.value()}, {QStringLiteral("runs"), runs},
                                  {QStringLiteral("workers"), alive}});
        return Ok;
    }
    ctx.print(QStringLiteral("%1 queued").arg(count.value()));
    for (const ProvisioningRun &r : queued.value())
        ctx.print(printable(QStringLiteral("  %1  org %2  %3 %4  queued by %5 at %6")
                                .arg(r.id).arg(r.organizationId).arg(r.countryCode, r.areaCode, r.actor, isoTime(r.queuedAt))));
    ctx.print(QStringLiteral("%1 worker(s) alive").arg(workers->size()));
    for (const WorkerInfo &w : workers.value())
        ctx.print(printable(QStringLiteral("  %1 on %2 (%3): %4 of %5 running, heartbeat %6 s ago")
                                .arg(w.kind, pipeline::LeaseOwner::describe(w.id), w.actor).arg(w.running).arg(w.concurrency).arg(w.heartbeatAgeMs / 1000.0, 0, 'f', 1)));
    return Ok;
}

int runCancel(const QStringList &args)
{
    Context ctx(QStringLiteral("cancel"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "Cancel a run: a queued one at once (nothing was bought); a running one by asking its owner through the "
        "database — it stops and undoes what it did within a second. Never takes the run's lease."));
    if (auto done = ctx.parse(args, QStringLiteral("RUN"), 1, 1))
        return *done;
    Store *store = ctx.store();
    if (!store)
        return Failed;
    const QString runId = ctx.parser.positionalArguments().constFirst();
    auto run = store->runs().find(runId);
    if (!run)
        return ctx.fail(run.error().message);
    QString what;
    if (run->status == RunStatus::Queued) {
        auto canceled = store->runs().cancelQueued(runId, QStringLiteral("canceled by %1 before it started").arg(currentActor()));
        if (!canceled)
            return ctx.fail(canceled.error().message);
        if (canceled.value()) {
            AuditRecord a;
            a.actor = currentActor();
            a.action = QStringLiteral("run.cancel");
            a.organizationId = run->organizationId;
            a.runId = runId;
            a.outcome = QStringLiteral("canceled");
            a.detail = QStringLiteral("canceled while queued: nothing was bought");
            (void)store->audit().append(a);
            what = QStringLiteral("canceled");
        }
    }
    if (what.isEmpty()) { // running (or claimed just now)
        auto asked = store->runs().requestCancel(runId, currentActor());
        if (!asked)
            return ctx.fail(asked.error().message);
        if (!asked.value()) {
            auto now = store->runs().find(runId);
            return ctx.fail(QStringLiteral("run %1 has already ended (%2): nothing to cancel").arg(runId, now ? statusName(now->status) : QString()));
        }
        what = QStringLiteral("cancel_requested");
    }
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("runId"), runId}, {QStringLiteral("result"), what}});
    else
        ctx.print(what == QLatin1String("canceled") ? QStringLiteral("run %1 canceled before it started: nothing was bought").arg(runId)
                                                     : QStringLiteral("run %1: its owner was asked to cancel; orgctl watch shows it stop").arg(runId));
    return Ok;
}

int runWatch(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("watch"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Follow every run in the database as it happens, from whichever process drives it: one line per run or step "
        "change (JSON lines with --json). Starts with the current state of the live runs. PostgreSQL: LISTEN/NOTIFY; "
        "SQLite: polls the database every 100 ms. Runs until SIGINT/SIGTERM."));
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx->store(); // migrates, so the feed's tables exist
    if (!store)
        return Failed;
    auto feed = RunFeed::open(store->database().url());
    if (!feed)
        return ctx->fail(feed.error().message);
    auto *session = new WatchSession;
    session->setParent(&cli);
    session->feed = std::move(feed).value();
    session->context = std::move(ctx);
    const bool json = session->context->json();
    auto print = [json](const RunEvent &e) {
        if (json)
            printJsonLine(e.toJson());
        else
            printLine(eventText(e));
    };
    // Listen first, then print the state: a change in between is printed twice rather than missed.
    QObject::connect(session->feed.get(), &RunFeed::event, session, print);
    if (auto started = session->feed->start(); !started) {
        const int code = session->context->fail(started.error().message);
        session->deleteLater();
        return code;
    }
    auto snapshot = session->feed->snapshot();
    if (!snapshot) {
        const int code = session->context->fail(snapshot.error().message);
        session->deleteLater();
        return code;
    }
    for (const RunEvent &e : snapshot.value())
        print(e);
    if (json)
        printJsonLine(QJsonObject{{QStringLiteral("event"), QStringLiteral("live")}});
    else
        std::fprintf(stderr, "orgctl: watching every run (Ctrl+C to stop)\n");
    std::fflush(stderr);
    onTerminationSignals(session, [&cli](int) { cli.finish(Ok); });
    return -1;
}

} // namespace oc::cli
