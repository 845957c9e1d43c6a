#include "provisioningcommands.h"

#include "cli/cli.h"
#include "cli/operationrunner.h"
#include "cli/context.h"
#include "cli/teamcommands.h"
#include "cli/wiring.h"
#include "cli/assistantscommand.h"
#include "provisioning/approveoperation.h"
#include "provisioning/assistantrollout.h"
#include "provisioning/batchoperation.h"
#include "provisioning/checkconfig.h"
#include "provisioning/cleanupoperation.h"
#include "provisioning/orphansweep.h"
#include "provisioning/recoveroperation.h"
#include "provisioning/retryoperation.h"
#include "provisioning/statusreport.h"
#include "util/actor.h"

#include <QProcessEnvironment>
#include <QRegularExpression>

#include <cstdio>

namespace oc::cli {

namespace {

const QCommandLineOption kProgress(QStringLiteral("progress"), QStringLiteral("Stream one JSON line per step event on stderr."));
const QCommandLineOption kBundle(QStringLiteral("bundle"),
                                 QStringLiteral("Outside the US and Canada: the approved regulatory bundle to buy with "
                                                "(default: the country's default in the settings, else the newest approved one)."),
                                 QStringLiteral("BU…"));
const QCommandLineOption kAddress(QStringLiteral("address"),
                                  QStringLiteral("Outside the US and Canada: the address to buy with "
                                                 "(default: the country's default in the settings, else one in the country)."),
                                  QStringLiteral("AD…"));

// --bundle/--address as given; a malformed sid is refused before anything is looked at.
std::optional<ComplianceRequest> complianceOptions(Context &ctx, int *code)
{
    static const QRegularExpression bundle(QStringLiteral("^BU[0-9a-fA-F]{32}$"));
    static const QRegularExpression address(QStringLiteral("^AD[0-9a-fA-F]{32}$"));
    ComplianceRequest r{ctx.parser.value(kBundle).trimmed(), ctx.parser.value(kAddress).trimmed()};
    if (!r.bundleSid.isEmpty() && !bundle.match(r.bundleSid).hasMatch()) {
        *code = ctx.fail(QStringLiteral("\"%1\" is not a bundle sid (BU and 32 hex digits)").arg(r.bundleSid.left(40)), Usage);
        return std::nullopt;
    }
    if (!r.addressSid.isEmpty() && !address.match(r.addressSid).hasMatch()) {
        *code = ctx.fail(QStringLiteral("\"%1\" is not an address sid (AD and 32 hex digits)").arg(r.addressSid.left(40)), Usage);
        return std::nullopt;
    }
    return r;
}

// The organization id argument, or nullopt after printing why it is not one.
std::optional<qint64> organizationId(Context &ctx, int *code)
{
    bool numeric = false;
    const QString text = ctx.parser.positionalArguments().constFirst();
    const qint64 id = text.toLongLong(&numeric);
    if (numeric && id > 0)
        return id;
    *code = ctx.fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)").arg(text.left(40)), Usage);
    return std::nullopt;
}

int runReport(const QStringList &args, const QString &command, const QString &description,
              Result<QJsonObject> (*report)(Store &, qint64))
{
    Context ctx(command);
    ctx.parser.setApplicationDescription(description);
    if (auto done = ctx.parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    int code = Ok;
    const auto id = organizationId(ctx, &code);
    if (!id)
        return code;
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
        "VAPI assistants, register the number, save the configuration and e-mail the owner. Prints the result as JSON. "
        "Several ids are approved together, as fast as the shared vendor-call limit allows: "
        "{\"success\", \"succeeded\", \"failed\", \"results\": [one answer per id, in order]}."));
    const QCommandLineOption country(QStringLiteral("country"), QStringLiteral("Country of the number (ISO code, e.g. US)."),
                                     QStringLiteral("CC"), QStringLiteral("US"));
    const QCommandLineOption area(QStringLiteral("area-code"),
                                  QStringLiteral("Area code of the number, e.g. 510 (US, CA); elsewhere a prefix or a city, "
                                                 "e.g. +4930 or Berlin."),
                                  QStringLiteral("NNN"));
    const QCommandLineOption queue(QStringLiteral("queue"), QStringLiteral(
        "Verify and queue the setups, buying nothing, and return at once: orgctl worker (or an open console) sets them up."));
    ctx->parser.addOptions({country, area, kBundle, kAddress, kProgress, queue});
    if (auto done = ctx->parse(args, QStringLiteral("ID [ID …]"), 1, 100000))
        return *done;
    QList<qint64> ids;
    for (const QString &text : ctx->parser.positionalArguments()) {
        bool numeric = false;
        const qint64 id = text.toLongLong(&numeric);
        if (!numeric || id <= 0)
            return ctx->fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)").arg(text.left(40)), Usage);
        if (ids.contains(id))
            return ctx->fail(QStringLiteral("organization %1 is given twice").arg(id), Usage);
        ids << id;
    }
    const QString cc = ctx->parser.value(country), areaCode = ctx->parser.value(area);
    int code = Ok;
    const auto compliance = complianceOptions(*ctx, &code);
    if (!compliance)
        return code;
    if (ctx->parser.isSet(queue)) // the run carries --bundle/--address to the worker that sets it up
        return queueApprovals(*ctx, ids, cc, areaCode, *compliance);
    return runOperation(std::move(ctx), cli, [&](ProvisioningServices &s) -> std::unique_ptr<Operation> {
        const auto make = [&](qint64 id) {
            auto *op = new ApproveOperation(s, id, cc, areaCode, currentActor());
            op->setCompliance(*compliance);
            return op;
        };
        if (ids.size() == 1)
            return std::unique_ptr<Operation>(make(ids.first()));
        QList<Operation *> each;
        for (qint64 id : std::as_const(ids))
            each << make(id);
        return std::make_unique<BatchOperation>(each);
    });
}

int runRetry(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("retry"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Set up a failed organization again with the given country and area code (default: the last run's). With the "
        "same ones, what the last run left and still exists (checked by lookup) is taken over and the setup resumes "
        "from the first step still to do; anything else it left is removed first. Prints the result as JSON."));
    const QCommandLineOption country(QStringLiteral("country"), QStringLiteral("Country of the number (ISO code)."), QStringLiteral("CC"));
    const QCommandLineOption area(QStringLiteral("area-code"),
                                  QStringLiteral("Area code of the number (US, CA); elsewhere a prefix or a city."), QStringLiteral("NNN"));
    ctx->parser.addOptions({country, area, kBundle, kAddress, kProgress});
    if (auto done = ctx->parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    int code = Ok;
    const auto id = organizationId(*ctx, &code);
    if (!id)
        return code;
    const QString cc = ctx->parser.value(country).toUpper(), areaCode = ctx->parser.value(area);
    const auto compliance = complianceOptions(*ctx, &code);
    if (!compliance)
        return code;
    return runOperation(std::move(ctx), cli, [&](ProvisioningServices &s) {
        auto op = std::make_unique<RetryOperation>(s, *id, cc, areaCode, currentActor());
        op->setCompliance(*compliance);
        return op;
    });
}

int runCleanup(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("cleanup"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Release the organization's number, delete both assistants and the VAPI phone-number, then delete the AI "
        "configuration (kept, marked inactive, if anything could not be removed). Prints the seed's JSON."));
    if (auto done = ctx->parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    int code = Ok;
    const auto id = organizationId(*ctx, &code);
    if (!id)
        return code;
    return runOperation(std::move(ctx), cli, [&](ProvisioningServices &s) {
        return std::make_unique<CleanupOperation>(s, *id, currentActor());
    });
}

int runAssistantsRollout(const QStringList &args, Cli &cli, bool rollback)
{
    auto ctx = std::make_unique<Context>(rollback ? QStringLiteral("assistants rollback") : QStringLiteral("assistants rollout"));
    ctx->parser.setApplicationDescription(rollback
        ? QStringLiteral("Roll the assistant template version before the current one out again (the same way as a rollout): each "
                         "organization's assistants get exactly that version's configuration back. JSON.")
        : QStringLiteral("Update every organization's assistants to an assistant template version: PATCH /assistant/{id}, changing only "
                         "what the template owns, one journaled run per organization (orgctl recover finishes it after a crash); a "
                         "failure on one organization does not stop the others. Without --org the version becomes the one new setups use. JSON."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("The version to roll out."), QStringLiteral("N"));
    const QCommandLineOption org(QStringLiteral("org"), QStringLiteral("Only this organization (repeatable)."), QStringLiteral("ID"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"), QStringLiteral("Change nothing: say what would change for each organization."));
    if (!rollback)
        ctx->parser.addOption(version);
    ctx->parser.addOptions({org, dryRun, kProgress});
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    qint64 n = 0;
    if (!rollback) {
        bool numeric = false;
        n = ctx->parser.value(version).toLongLong(&numeric);
        if (!numeric || n <= 0)
            return ctx->fail(QStringLiteral("rollout needs --version N (orgctl assistants list shows the versions)"), Usage);
    }
    QList<qint64> ids;
    for (const QString &text : ctx->parser.values(org)) {
        bool numeric = false;
        const qint64 id = text.toLongLong(&numeric);
        if (!numeric || id <= 0)
            return ctx->fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)").arg(text.left(40)), Usage);
        if (!ids.contains(id))
            ids << id;
    }
    const bool dry = ctx->parser.isSet(dryRun);
    return runOperation(std::move(ctx), cli, [&](ProvisioningServices &s) {
        return std::make_unique<AssistantRollout>(s, n, ids, currentActor(), dry);
    });
}

int runRecover(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("recover"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Finish every provisioning run left running by a console that stopped: claimed when its lease is free (at once "
        "when its process on this machine is gone), then completed past the pivot or rolled back before it. JSON."));
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    return runOperation(std::move(ctx), cli, [](ProvisioningServices &s) {
        return std::make_unique<RecoverOperation>(s, currentActor());
    });
}

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
    const bool releasing = ctx->parser.isSet(release);
    return runOperation(std::move(ctx), cli, [&](ProvisioningServices &s) {
        return std::make_unique<OrphanSweep>(s, releasing, currentActor());
    });
}

int runCheckConfig(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("check-config"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Check the database, the Twilio and VAPI credentials and endpoints (read-only calls) and the SMTP settings. "
        "With --country, also what an approval there would buy with: the regulatory bundle and address (\"compliance\")."));
    const QCommandLineOption country(QStringLiteral("country"), QStringLiteral("Report what an approval in this country would use."),
                                     QStringLiteral("CC"));
    ctx->parser.addOptions({country, kBundle, kAddress});
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    int code = Ok;
    const auto compliance = complianceOptions(*ctx, &code);
    if (!compliance)
        return code;
    const QString cc = ctx->parser.value(country).trimmed().toUpper();
    static const QRegularExpression iso(QStringLiteral("^[A-Z]{2}$"));
    if (ctx->parser.isSet(country) && !iso.match(cc).hasMatch())
        return ctx->fail(QStringLiteral("\"%1\" is not a country code: use two letters such as DE or GB").arg(cc.left(10)), Usage);
    return runOperation(std::move(ctx), cli, [&](ProvisioningServices &s) {
        auto check = std::make_unique<CheckConfig>(s, QString());
        if (!cc.isEmpty())
            check->setCountry(cc, *compliance);
        return check;
    });
}

} // namespace oc::cli
