#include "cli.h"

#include "cli/assistantscommand.h"
#include "cli/context.h"
#include "cli/costscommand.h"
#include "cli/dbcommand.h"
#include "cli/mailcommand.h"
#include "cli/orgcommands.h"
#include "cli/provisioningcommands.h"
#include "cli/sandboxcommand.h"
#include "cli/servecommand.h"
#include "cli/teamcommands.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

namespace oc::cli {

namespace {

const char kUsage[] =
    "Usage: orgctl <command> [options]\n"
    "\n"
    "OrgConsole's command line: approve organizations on the voice-AI platform and provision their\n"
    "Twilio number and VAPI assistants, headless.\n"
    "\n"
    "Commands:\n"
    "  orgs [--status S] [--search TEXT] [--json]     list organizations\n"
    "  org add --name N --owner-email E [--owner-name O] [--json]\n"
    "                                                  register an organization, print its id\n"
    "  org show ID [--json]                            show one organization\n"
    "  demo-seed [--count N]                           fill the database with realistic demo organizations\n"
    "  approve ID [ID …] --country CC [--area-code NNN] [--bundle BU… --address AD…] [--progress]\n"
    "                                                  verify and provision an organization (JSON on stdout;\n"
    "                                                  --progress: one JSON line per step event on stderr)\n"
    "  retry ID [--country CC] [--area-code NNN] [--bundle BU… --address AD…] [--progress]\n"
    "                                                  set a failed organization up again (JSON)\n"
    "  cleanup ID                                      release the number, delete the assistants, VAPI number\n"
    "                                                  and configuration (JSON with the seed's five booleans)\n"
    "  recover                                         finish runs a stopped console left behind (JSON)\n"
    "  orphans [--release --yes]                       tagged resources nothing uses; release them (JSON)\n"
    "  costs [--month YYYY-MM] [--json|--csv]          the month's number and call costs per organization,\n"
    "                                                  totals, the most expensive, the orphans' cost\n"
    "  check-config [--country CC]                     verify database, Twilio, VAPI and SMTP settings (JSON);\n"
    "                                                  --country: the bundle and address an approval there uses\n"
    "  status ID                                       an organization's AI setup and last run (JSON)\n"
    "  runs ID                                         every provisioning run with its journal (JSON)\n"
    "  assistants list|show|save|rollout|rollback      the assistants' template versions; roll one out to\n"
    "                                                  every organization (--version N [--org ID] [--dry-run])\n"
    "  sandbox [--port P] [--profile fast|seed] [--scale F] [--faults SPEC]\n"
    "                                                  serve the emulated Twilio, VAPI and SMTP sink\n"
    "  mail preview approval|failure [--text]          render an e-mail with sample data\n"
    "  serve [--listen HOST:PORT] [--tls-cert F --tls-key F]\n"
    "                                                  serve the seed's REST API and approval webhook\n"
    "  token create|list|revoke                        the service's bearer tokens (viewer, operator, admin)\n"
    "  db roles --print | db role [--json]             PostgreSQL team roles: their SQL; the connected role\n"
    "\n"
    "Team mode (one queue in the shared database):\n"
    "  approve ID [ID …] --queue                       verify and queue the setups; buy nothing, return at once\n"
    "  worker [--concurrency N]                        set queued approvals up until SIGTERM (then finish, exit 0)\n"
    "  queue                                           what waits in the queue, and the workers alive\n"
    "  cancel RUN                                      cancel a queued run, or ask a running one's owner to\n"
    "  watch                                           every run's and step's changes, live, from any process\n"
    "\n"
    "Common options:\n"
    "  --database URL   file path, sqlite:PATH or postgresql://user@host:port/db\n"
    "                   (default: $ORGCONSOLE_DATABASE, the settings, then SQLite in the app data folder)\n"
    "  --json           machine-readable output\n"
    "  -h, --help       help (also after a command: orgctl orgs --help, or orgctl help orgs)\n"
    "  -v, --version    version\n"
    "\n"
    "Exit status: 0 success, 1 the command failed (stderr says why), 2 the command line is wrong,\n"
    "130/143 approve or retry canceled by SIGINT (Ctrl+C) / SIGTERM: what it had done is undone.\n";

const char kOrgUsage[] =
    "Usage: orgctl org add|show [options]\n"
    "Register or show one organization.\n"
    "\n"
    "Subcommands:\n"
    "  add    register an organization (orgctl org add --help)\n"
    "  show   show one organization (orgctl org show --help)\n";

void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

int dispatch(const QStringList &args, Cli &cli)
{
    if (args.size() >= 2 && args.first() == QLatin1String("help")) // orgctl help approve = orgctl approve --help
        return dispatch(args.mid(1) << QStringLiteral("--help"), cli);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")
        || args.first() == QLatin1String("help")) {
        printOut(QString::fromUtf8(kUsage));
        return Ok;
    }
    if (args.first() == QLatin1String("--version") || args.first() == QLatin1String("-v")) {
        printOut(QStringLiteral("orgctl %1\n").arg(QCoreApplication::applicationVersion()));
        return Ok;
    }
    const QString command = args.first();
    const QStringList rest = args.mid(1);
    if (command == QLatin1String("orgs"))
        return runOrgs(rest);
    if (command == QLatin1String("demo-seed"))
        return runDemoSeed(rest);
    if (command == QLatin1String("sandbox"))
        return runSandbox(rest, &cli);
    if (command == QLatin1String("approve"))
        return runApprove(rest, cli);
    if (command == QLatin1String("retry"))
        return runRetry(rest, cli);
    if (command == QLatin1String("cleanup"))
        return runCleanup(rest, cli);
    if (command == QLatin1String("recover"))
        return runRecover(rest, cli);
    if (command == QLatin1String("orphans"))
        return runOrphans(rest, cli);
    if (command == QLatin1String("costs"))
        return runCosts(rest, cli);
    if (command == QLatin1String("check-config"))
        return runCheckConfig(rest, cli);
    if (command == QLatin1String("status"))
        return runStatus(rest);
    if (command == QLatin1String("runs"))
        return runRuns(rest);
    if (command == QLatin1String("assistants"))
        return runAssistants(rest, cli);
    if (command == QLatin1String("mail"))
        return runMail(rest);
    if (command == QLatin1String("serve"))
        return runServe(rest, cli);
    if (command == QLatin1String("worker"))
        return runWorker(rest, cli);
    if (command == QLatin1String("queue"))
        return runQueue(rest);
    if (command == QLatin1String("cancel"))
        return runCancel(rest);
    if (command == QLatin1String("watch"))
        return runWatch(rest, cli);
    if (command == QLatin1String("token"))
        return runToken(rest);
    if (command == QLatin1String("db"))
        return runDb(rest);
    if (command == QLatin1String("org")) {
        const QString sub = rest.value(0);
        if (sub == QLatin1String("add"))
            return runOrgAdd(rest.mid(1));
        if (sub == QLatin1String("show"))
            return runOrgShow(rest.mid(1));
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
            printOut(QString::fromUtf8(kOrgUsage));
            return Ok;
        }
        Context ctx(QStringLiteral("org"));
        return ctx.fail(sub.isEmpty() ? QStringLiteral("org needs a subcommand: add or show")
                                      : QStringLiteral("unknown subcommand \"org %1\": use add or show").arg(sub), Usage);
    }
    Context ctx(command);
    return ctx.fail(QStringLiteral("unknown command \"%1\" (orgctl --help lists the commands)").arg(command), Usage);
}

} // namespace

Cli::Cli(QObject *parent) : QObject(parent) {}

void Cli::start(const QStringList &arguments)
{
    // Most commands finish synchronously; the exit code still travels through the event loop. A command that
    // keeps running (the sandbox) returns -1 and lives in the event loop until the process is stopped.
    const int code = dispatch(arguments, *this);
    if (code >= 0)
        QTimer::singleShot(0, this, [this, code] { finish(code); });
}

void Cli::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

} // namespace oc::cli
