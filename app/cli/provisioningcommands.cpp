#include "provisioningcommands.h"

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/wiring.h"
#include "domain/jsonformat.h"
#include "provisioning/approveoperation.h"
#include "provisioning/checkconfig.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/orphansweep.h"
#include "provisioning/recoveroperation.h"
#include "provisioning/retryoperation.h"
#include "provisioning/statusreport.h"
#include "util/actor.h"

#include <QJsonDocument>
#include <QProcessEnvironment>

#include <csignal>
#include <cstdio>

namespace oc::cli {

namespace {

// Everything an asynchronous command keeps alive until it ends.
template<class Operation>
struct Session : QObject {
    std::unique_ptr<Context> context;
    std::unique_ptr<Wiring> wiring;
    std::unique_ptr<Operation> operation;

    // Prints the operation's JSON when it ends and ends orgctl with its outcome.
    void finishInto(Cli &cli)
    {
        QObject::connect(operation.get(), &Operation::finished, this, [this, &cli] {
            context->printJson(operation->result());
            if (!operation->ok())
                std::fprintf(stderr, "orgctl: %s\n", qPrintable(printable(operation->errorMessage())));
            cli.finish(operation->ok() ? Ok : Failed);
            deleteLater();
        });
        operation->start();
    }
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

std::optional<qint64> organizationId(Context &ctx)
{
    bool numeric = false;
    const QString text = ctx.parser.positionalArguments().constFirst();
    const qint64 id = text.toLongLong(&numeric);
    if (!numeric || id <= 0)
        return std::nullopt;
    return id;
}

int runReport(const QStringList &args, const QString &command, const QString &description,
              Result<QJsonObject> (*report)(Store &, qint64))
{
    Context ctx(command);
    ctx.parser.setApplicationDescription(description);
    if (auto done = ctx.parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    const auto id = organizationId(ctx);
    if (!id)
        return ctx.fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)")
                            .arg(ctx.parser.positionalArguments().constFirst().left(40)), Usage);
    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto result = report(*store, *id);
    if (!result)
        return ctx.fail(result.error().message);
    ctx.printJson(result.value());
    return Ok;
}

} // namespace

int runStatus(const QStringList &args)
{
    return runReport(args, QStringLiteral("status"),
                     QStringLiteral("Show an organization's AI setup (the seed's shape) and its last run, as JSON."), &statusReport);
}

int runRuns(const QStringList &args)
{
    return runReport(args, QStringLiteral("runs"),
                     QStringLiteral("Show every provisioning run of an organization with its journal, per step, as JSON."), &runsReport);
}

int runApprove(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("approve"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Verify an organization and set up its AI phone line: buy a Twilio number, create the inbound and outbound "
        "VAPI assistants, register the number, save the configuration and e-mail the owner. Prints the result as JSON."));
    const QCommandLineOption country(QStringLiteral("country"), QStringLiteral("Country of the number (ISO code, e.g. US)."),
                                     QStringLiteral("CC"), QStringLiteral("US"));
    const QCommandLineOption area(QStringLiteral("area-code"), QStringLiteral("Area code of the number, e.g. 510."),
                                  QStringLiteral("NNN"));
    const QCommandLineOption progress(QStringLiteral("progress"), QStringLiteral("Stream one JSON line per step event on stderr."));
    ctx->parser.addOptions({country, area, progress});
    if (auto done = ctx->parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    bool numeric = false;
    const qint64 id = ctx->parser.positionalArguments().constFirst().toLongLong(&numeric);
    if (!numeric || id <= 0)
        return ctx->fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)")
                             .arg(ctx->parser.positionalArguments().constFirst().left(40)), Usage);
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);

    auto *session = new Session<ApproveOperation>;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    session->operation = std::make_unique<ApproveOperation>(session->wiring->services(), id, ctx->parser.value(country),
                                                           ctx->parser.value(area), currentActor());
    if (ctx->parser.isSet(progress))
        QObject::connect(session->operation.get(), &ApproveOperation::stepEvent, session, &printProgress);
    session->context = std::move(ctx);
    session->finishInto(cli);
    return -1;
}

} // namespace oc::cli

namespace oc::cli {

int runCleanup(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("cleanup"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Release the organization's number, delete both assistants and the VAPI phone-number, then delete the AI "
        "configuration (kept, marked inactive, if anything could not be removed). Prints the seed's JSON."));
    if (auto done = ctx->parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    const auto id = organizationId(*ctx);
    if (!id)
        return ctx->fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)")
                             .arg(ctx->parser.positionalArguments().constFirst().left(40)), Usage);
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new Session<CleanupOperation>;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    session->operation = std::make_unique<CleanupOperation>(session->wiring->services(), *id, currentActor());
    session->context = std::move(ctx);
    session->finishInto(cli);
    return -1;
}

} // namespace oc::cli

namespace oc::cli {

int runRecover(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("recover"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Finish every provisioning run left running by a console that stopped: claimed when its lease is free (at once "
        "when its process on this machine is gone), then completed past the pivot or rolled back before it. JSON."));
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new Session<RecoverOperation>;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    session->operation = std::make_unique<RecoverOperation>(session->wiring->services(), currentActor());
    session->context = std::move(ctx);
    session->finishInto(cli);
    return -1;
}

} // namespace oc::cli

namespace oc::cli {

int runOrphans(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("orphans"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "List numbers, assistants and VAPI phone-numbers that carry OrgConsole's tags but that no configuration and no "
        "running setup uses, with their age and monthly cost. With --release --yes, release them."));
    const QCommandLineOption release(QStringLiteral("release"), QStringLiteral("Release/delete the orphans (needs --yes)."));
    const QCommandLineOption yes(QStringLiteral("yes"), QStringLiteral("Confirm --release."));
    ctx->parser.addOptions({release, yes});
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    if (ctx->parser.isSet(release) && !ctx->parser.isSet(yes))
        return ctx->fail(QStringLiteral("--release deletes paid resources for good: run orgctl orphans first to see them, then add --yes"), Usage);
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new Session<OrphanSweep>;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    session->operation = std::make_unique<OrphanSweep>(session->wiring->services(), ctx->parser.isSet(release), currentActor());
    session->context = std::move(ctx);
    session->finishInto(cli);
    return -1;
}

int runCheckConfig(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("check-config"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Check the database, the Twilio and VAPI credentials and endpoints (read-only calls) and the SMTP settings."));
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new Session<CheckConfig>;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    session->operation = std::make_unique<CheckConfig>(session->wiring->services(), QString());
    session->context = std::move(ctx);
    session->finishInto(cli);
    return -1;
}

} // namespace oc::cli

namespace oc::cli {

int runRetry(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("retry"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Set up a failed organization again: removes what the last run left behind, then provisions with the given "
        "country and area code (default: the last run's). Prints the result as JSON."));
    const QCommandLineOption country(QStringLiteral("country"), QStringLiteral("Country of the number (ISO code)."), QStringLiteral("CC"));
    const QCommandLineOption area(QStringLiteral("area-code"), QStringLiteral("Area code of the number."), QStringLiteral("NNN"));
    const QCommandLineOption progress(QStringLiteral("progress"), QStringLiteral("Stream one JSON line per step event on stderr."));
    ctx->parser.addOptions({country, area, progress});
    if (auto done = ctx->parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    const auto id = organizationId(*ctx);
    if (!id)
        return ctx->fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)")
                             .arg(ctx->parser.positionalArguments().constFirst().left(40)), Usage);
    Store *store = ctx->store();
    if (!store)
        return Failed;
    auto wiring = Wiring::create(*store, QProcessEnvironment::systemEnvironment());
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *session = new Session<RetryOperation>;
    session->setParent(&cli);
    session->wiring = std::move(wiring).value();
    session->operation = std::make_unique<RetryOperation>(session->wiring->services(), *id, ctx->parser.value(country).toUpper(),
                                                         ctx->parser.value(area), currentActor());
    if (ctx->parser.isSet(progress))
        QObject::connect(session->operation.get(), &RetryOperation::stepEvent, session, &printProgress);
    session->context = std::move(ctx);
    session->finishInto(cli);
    return -1;
}

} // namespace oc::cli
