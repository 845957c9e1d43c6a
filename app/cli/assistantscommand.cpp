#include "assistantscommand.h"

#include "cli/context.h"
#include "provisioning/assistantrollout.h"
#include "store/store.h"
#include "util/actor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace oc::cli {

namespace {

const char kUsage[] =
    "Usage: orgctl assistants list|show|save|rollout|rollback [options]\n"
    "The assistants' template (system prompt, first message, model, voice) as numbered versions in the database.\n"
    "\n"
    "Subcommands:\n"
    "  list [--json]                          every version; * marks the one new setups use\n"
    "  show [--version N] [--json]            one version's template (default: the current one)\n"
    "  save FILE [--note TEXT] [--json]       save a template JSON file as the next version (not rolled out yet)\n"
    "  rollout --version N [--org ID …] [--dry-run] [--progress]\n"
    "                                         update every organization's assistants to version N (JSON); without\n"
    "                                         --org, N becomes the version new setups use\n"
    "  rollback [--org ID …] [--dry-run]      roll the version before the current one out again (JSON)\n";

QJsonObject versionJson(const AssistantTemplateVersion &v, qint64 current)
{
    QJsonObject o{{QStringLiteral("version"), v.version},
                  {QStringLiteral("current"), v.version == current},
                  {QStringLiteral("createdBy"), v.createdBy},
                  {QStringLiteral("createdAt"), v.createdAt.toString(Qt::ISODateWithMs)},
                  {QStringLiteral("template"), v.body.toJson()}};
    if (!v.note.isEmpty())
        o.insert(QStringLiteral("note"), v.note);
    if (v.currentSince.isValid())
        o.insert(QStringLiteral("currentSince"), v.currentSince.toString(Qt::ISODateWithMs));
    return o;
}

// The template this installation was configured with: version 1 when the database has none yet.
AssistantTemplate configuredTemplate()
{
    const QString path = qEnvironmentVariable("ORGCONSOLE_ASSISTANT_TEMPLATE");
    if (!path.isEmpty()) {
        if (auto loaded = AssistantTemplate::load(path))
            return loaded.value();
    }
    return AssistantTemplate{};
}

int runList(const QStringList &args)
{
    Context ctx(QStringLiteral("assistants list"));
    ctx.parser.setApplicationDescription(QStringLiteral("List the assistant template's versions."));
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto current = store->assistantTemplates().current(configuredTemplate(), currentActor());
    if (!current)
        return ctx.fail(current.error().message);
    auto all = store->assistantTemplates().list();
    if (!all)
        return ctx.fail(all.error().message);
    if (ctx.json()) {
        QJsonArray versions;
        for (const AssistantTemplateVersion &v : all.value())
            versions.append(versionJson(v, current->version));
        ctx.printJson(QJsonObject{{QStringLiteral("current"), current->version}, {QStringLiteral("versions"), versions}});
        return Ok;
    }
    for (const AssistantTemplateVersion &v : all.value()) {
        ctx.print(QStringLiteral("%1 v%2  %3  %4  %5")
                      .arg(v.version == current->version ? QStringLiteral("*") : QStringLiteral(" "))
                      .arg(v.version)
                      .arg(v.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")), printable(v.createdBy), printable(v.note)));
    }
    return Ok;
}

int runShow(const QStringList &args)
{
    Context ctx(QStringLiteral("assistants show"));
    ctx.parser.setApplicationDescription(QStringLiteral("Show one version of the assistant template (default: the current one)."));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("The version to show."), QStringLiteral("N"));
    ctx.parser.addOption(version);
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto current = store->assistantTemplates().current(configuredTemplate(), currentActor());
    if (!current)
        return ctx.fail(current.error().message);
    AssistantTemplateVersion shown = current.value();
    if (ctx.parser.isSet(version)) {
        bool numeric = false;
        const qint64 n = ctx.parser.value(version).toLongLong(&numeric);
        if (!numeric || n <= 0)
            return ctx.fail(QStringLiteral("--version needs a version number such as 2"), Usage);
        auto found = store->assistantTemplates().find(n);
        if (!found)
            return ctx.fail(found.error().message);
        shown = found.value();
    }
    ctx.printJson(versionJson(shown, current->version)); // the template is JSON either way
    return Ok;
}

int runSave(const QStringList &args)
{
    Context ctx(QStringLiteral("assistants save"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "Save a template JSON file ({modelProvider, model, systemPrompt, voiceProvider, voiceId, firstMessage}; missing keys "
        "keep the built-in values) as the next version. Roll it out with orgctl assistants rollout --version N."));
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("What changed, for the list."), QStringLiteral("TEXT"));
    ctx.parser.addOption(note);
    if (auto done = ctx.parse(args, QStringLiteral("FILE"), 1, 1))
        return *done;
    auto body = AssistantTemplate::load(ctx.parser.positionalArguments().constFirst());
    if (!body)
        return ctx.fail(body.error().message);
    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto saved = saveAssistantTemplateVersion(*store, body.value(), ctx.parser.value(note), configuredTemplate(), currentActor());
    if (!saved)
        return ctx.fail(saved.error().message);
    if (ctx.json())
        ctx.printJson(QJsonObject{{QStringLiteral("success"), true}, {QStringLiteral("version"), saved.value()}});
    else
        ctx.print(QStringLiteral("saved as version %1 — roll it out with: orgctl assistants rollout --version %1").arg(saved.value()));
    return Ok;
}

} // namespace

int runAssistants(const QStringList &args, Cli &cli)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("list"))
        return runList(rest);
    if (sub == QLatin1String("show"))
        return runShow(rest);
    if (sub == QLatin1String("save"))
        return runSave(rest);
    if (sub == QLatin1String("rollout"))
        return runAssistantsRollout(rest, cli, false);
    if (sub == QLatin1String("rollback"))
        return runAssistantsRollout(rest, cli, true);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        const QByteArray text(kUsage);
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        return Ok;
    }
    Context ctx(QStringLiteral("assistants"));
    return ctx.fail(sub.isEmpty() ? QStringLiteral("assistants needs a subcommand: list, show, save, rollout or rollback")
                                  : QStringLiteral("unknown subcommand \"assistants %1\" (orgctl assistants --help)").arg(sub), Usage);
}

} // namespace oc::cli
