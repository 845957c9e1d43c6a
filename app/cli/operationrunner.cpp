#include "operationrunner.h"

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/signals.h"
#include "cli/wiring.h"
#include "domain/jsonformat.h"
#include "provisioning/operation.h"

#include <QJsonDocument>
#include <QProcessEnvironment>

#include <cstdio>

namespace oc::cli {

namespace {

// Everything an asynchronous command keeps alive until it ends.
struct Session : QObject {
    std::unique_ptr<Context> context;
    std::unique_ptr<Wiring> wiring;
    std::unique_ptr<Operation> operation;
    PrintOutcome print;
    int signal = 0; // the first SIGINT/SIGTERM, which canceled the operation
};

void printProgress(const pipeline::StepEvent &e)
{
    const QJsonObject line{{QStringLiteral("runId"), e.runId},
                           {QStringLiteral("step"), e.step},
                           {QStringLiteral("state"), pipeline::stateName(e.state)},
                           {QStringLiteral("attempt"), e.attempt},
                           {QStringLiteral("detail"), e.detail},
                           {QStringLiteral("error"), e.error},
                           {QStringLiteral("at"), isoTime(e.at)}};
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void printOutcomeJson(Context &ctx, const OperationOutcome &outcome)
{
    ctx.printJson(outcome.answer);
    if (!outcome.ok())
        std::fprintf(stderr, "orgctl: %s\n", qPrintable(printable(outcome.error)));
}

int runOperation(std::unique_ptr<Context> ctx, Cli &cli, const MakeOperation &make, PrintOutcome print)
{
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new Session;
    session->setParent(&cli);
    session->print = print ? std::move(print) : PrintOutcome(&printOutcomeJson);
    session->wiring = std::move(wiring).value();
    session->operation = make(session->wiring->services());
    // optionNames() lists the options given, so commands without --progress need no special case.
    if (ctx->parser.optionNames().contains(QStringLiteral("progress")))
        QObject::connect(session->operation.get(), &Operation::stepEvent, session, &printProgress);
    session->context = std::move(ctx);
    if (session->operation->isCancelable()) {
        // Ctrl+C (or SIGTERM): cancel — stop what runs, undo what was done — and exit 130 (143) with the JSON.
        // Again: exit at once; the run stays journaled for orgctl recover (this process is gone: at once).
        const bool handled = onTerminationSignals(session, [session, &cli](int signal) {
            if (session->signal == 0) {
                session->signal = signal;
                std::fprintf(stderr, "orgctl: canceling: stopping what is running and undoing what was done "
                                     "(interrupt again to stop at once and leave the rest to orgctl recover)\n");
                std::fflush(stderr);
                session->operation->cancel();
                return;
            }
            std::fprintf(stderr, "orgctl: stopped before the undo finished: run orgctl recover to finish it\n");
            std::fflush(stderr);
            cli.finish(128 + signal);
        });
        if (!handled) {
            const int code = session->context->fail(QStringLiteral("cannot install SIGINT/SIGTERM handlers"));
            session->deleteLater();
            return code;
        }
    }
    QObject::connect(session->operation.get(), &Operation::finished, session, [session, &cli] {
        const OperationOutcome &outcome = session->operation->outcome();
        session->print(*session->context, outcome);
        const bool ok = outcome.ok();
        cli.finish(ok ? Ok : session->signal ? 128 + session->signal : Failed);
        session->deleteLater();
    });
    session->operation->start();
    return -1;
}

} // namespace oc::cli
