#include "dbcommand.h"

#include "cli/context.h"
#include "store/databaseroles.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace oc::cli {

namespace {

const char kDbUsage[] =
    "Usage: orgctl db roles --print | orgctl db role [--json]\n"
    "The PostgreSQL roles of a team: orgconsole_viewer (reads), orgconsole_operator (also approves and retries),\n"
    "orgconsole_admin (also cleans up, releases orphans, manages service tokens). The database refuses the rest.\n"
    "\n"
    "Subcommands:\n"
    "  roles --print    print the SQL that creates the roles, their GRANTs and row-level policies (run it as a\n"
    "                   superuser when the migrating user could not create roles; safe to run again)\n"
    "  role [--json]    the role this connection works as, and what it may and may not do\n";

int printRoles(const QStringList &args)
{
    Context ctx(QStringLiteral("db roles"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "Print the SQL of OrgConsole's PostgreSQL roles (orgconsole_viewer, orgconsole_operator, orgconsole_admin), "
        "their GRANTs and row-level policies: orgctl db roles --print | psql -v ON_ERROR_STOP=1 -d DATABASE "
        "(as a superuser, in a database OrgConsole has migrated). Nothing is changed by orgctl itself."));
    const QCommandLineOption print(QStringLiteral("print"), QStringLiteral("Print the SQL on stdout."));
    ctx.parser.addOption(print);
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    if (!ctx.parser.isSet(print))
        return ctx.fail(QStringLiteral("db roles needs --print: it prints the SQL for an admin to run, and changes nothing itself"), Usage);
    const QByteArray sql = DatabaseRoles::script().toUtf8();
    std::fwrite(sql.constData(), 1, size_t(sql.size()), stdout);
    std::fflush(stdout);
    return Ok;
}

int showRole(const QStringList &args)
{
    Context ctx(QStringLiteral("db role"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "Show the database role this connection works as — its OrgConsole access (viewer, operator, admin) and how it "
        "was decided — and what it may and may not do."));
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    Store *store = ctx.store();
    if (!store)
        return Failed;
    const DbRole &role = store->access();
    QJsonArray may;
    QJsonArray mayNot;
    for (DbAction action : DbRole::kActions) {
        if (role.may(action))
            may.append(DbRole::actionKey(action));
        else
            mayNot.append(QJsonObject{{QStringLiteral("action"), DbRole::actionKey(action)},
                                      {QStringLiteral("needs"), DatabaseRoles::roleName(DbRole::needed(action))},
                                      {QStringLiteral("why"), role.whyNot(action)}});
    }
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("engine"), role.sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql")},
                                  {QStringLiteral("user"), role.name},
                                  {QStringLiteral("access"), DatabaseRoles::accessName(role.access)},
                                  {QStringLiteral("role"), role.groupRole},
                                  {QStringLiteral("basis"), role.basis},
                                  {QStringLiteral("may"), may},
                                  {QStringLiteral("mayNot"), mayNot}});
        return Ok;
    }
    ctx.print(role.sqlite ? QStringLiteral("SQLite: a single user, who may do everything")
                          : QStringLiteral("%1: %2 (%3)").arg(printable(role.name), DatabaseRoles::accessName(role.access), printable(role.basis)));
    QStringList allowed;
    for (const auto &a : std::as_const(may))
        allowed << a.toString();
    ctx.print(QStringLiteral("may: %1").arg(allowed.join(QLatin1String(", "))));
    for (const auto &n : std::as_const(mayNot))
        ctx.print(QStringLiteral("may not %1: %2").arg(n.toObject().value(QStringLiteral("action")).toString(),
                                                        printable(n.toObject().value(QStringLiteral("why")).toString())));
    return Ok;
}

} // namespace

int runDb(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        std::fputs(kDbUsage, stdout);
        return sub.isEmpty() ? Usage : Ok;
    }
    if (sub == QLatin1String("roles"))
        return printRoles(args.mid(1));
    if (sub == QLatin1String("role"))
        return showRole(args.mid(1));
    Context ctx(QStringLiteral("db"));
    return ctx.fail(QStringLiteral("unknown subcommand \"db %1\": use roles --print or role").arg(printable(sub)), Usage);
}

} // namespace oc::cli
