#include "orgcommands.h"

#include "cli/context.h"
#include "domain/jsonformat.h"
#include "store/demodata.h"
#include "util/actor.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <unistd.h>

namespace oc::cli {

namespace {

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

QString column(const QString &text, int width)
{
    QString t = printable(text);
    if (t.size() > width)
        t = t.left(width - 1) + QChar(0x2026);
    return t.leftJustified(width);
}

QString row(const Organization &o)
{
    return column(QString::number(o.id), 8) + QLatin1Char(' ') + column(statusName(o.status), 10) + QLatin1Char(' ')
         + column(o.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd")), 10) + QLatin1Char(' ')
         + column(o.companyName, 40) + QLatin1Char(' ') + column(o.ownerName, 22) + QLatin1Char(' ') + printable(o.ownerEmail);
}

void printDetails(Context &ctx, const Organization &o)
{
    ctx.print(QStringLiteral("id:           %1").arg(o.id));
    ctx.print(QStringLiteral("company:      %1").arg(printable(o.companyName)));
    ctx.print(QStringLiteral("status:       %1").arg(statusName(o.status)));
    ctx.print(QStringLiteral("verified:     %1").arg(o.isVerified ? QStringLiteral("yes") : QStringLiteral("no")));
    ctx.print(QStringLiteral("owner:        %1").arg(printable(o.ownerName)));
    ctx.print(QStringLiteral("owner e-mail: %1").arg(printable(o.ownerEmail)));
    if (!o.ownerId.isEmpty())
        ctx.print(QStringLiteral("owner id:     %1").arg(printable(o.ownerId)));
    ctx.print(QStringLiteral("created:      %1").arg(isoTime(o.createdAt)));
    ctx.print(QStringLiteral("updated:      %1").arg(isoTime(o.updatedAt)));
}

} // namespace

int runOrgs(const QStringList &args)
{
    Context ctx(QStringLiteral("orgs"));
    ctx.parser.setApplicationDescription(QStringLiteral("List organizations, newest first."));
    const QCommandLineOption status(QStringLiteral("status"), QStringLiteral("Only this status: pending, verified, rejected, suspended."),
                                    QStringLiteral("status"));
    const QCommandLineOption search(QStringLiteral("search"), QStringLiteral("Only names or e-mails containing this text."),
                                    QStringLiteral("text"));
    const QCommandLineOption sort(QStringLiteral("sort"), QStringLiteral("Sort by created (default), name, email or status."),
                                  QStringLiteral("key"), QStringLiteral("created"));
    const QCommandLineOption ascending(QStringLiteral("ascending"), QStringLiteral("Sort ascending instead of descending."));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("At most this many rows (default 50)."),
                                   QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption offset(QStringLiteral("offset"), QStringLiteral("Skip this many rows."), QStringLiteral("n"),
                                    QStringLiteral("0"));
    ctx.parser.addOptions({status, search, sort, ascending, limit, offset});
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;

    OrgQuery query;
    if (ctx.parser.isSet(status)) {
        query.status = orgStatusFromString(ctx.parser.value(status));
        if (!query.status)
            return ctx.fail(QStringLiteral("unknown status \"%1\": use pending, verified, rejected or suspended")
                                .arg(ctx.parser.value(status)), Usage);
    }
    query.search = ctx.parser.value(search);
    const QString key = ctx.parser.value(sort);
    if (key == QLatin1String("created")) query.sort = OrgQuery::Sort::CreatedAt;
    else if (key == QLatin1String("name")) query.sort = OrgQuery::Sort::CompanyName;
    else if (key == QLatin1String("email")) query.sort = OrgQuery::Sort::OwnerEmail;
    else if (key == QLatin1String("status")) query.sort = OrgQuery::Sort::Status;
    else return ctx.fail(QStringLiteral("unknown sort key \"%1\": use created, name, email or status").arg(key), Usage);
    query.order = ctx.parser.isSet(ascending) ? Qt::AscendingOrder : Qt::DescendingOrder;
    bool okLimit = false, okOffset = false;
    query.limit = ctx.parser.value(limit).toInt(&okLimit);
    query.offset = ctx.parser.value(offset).toLongLong(&okOffset);
    if (!okLimit || query.limit < 0 || !okOffset || query.offset < 0)
        return ctx.fail(QStringLiteral("--limit and --offset take a number of rows, 0 or more"), Usage);

    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto rows = store->organizations().list(query);
    if (!rows)
        return ctx.fail(rows.error().message);
    if (ctx.json()) {
        QJsonArray array;
        for (const Organization &o : rows.value())
            array.append(toJson(o));
        ctx.printJson(array);
        return Ok;
    }
    ctx.print(column(QStringLiteral("ID"), 8) + QLatin1Char(' ') + column(QStringLiteral("STATUS"), 10) + QLatin1Char(' ')
              + column(QStringLiteral("CREATED"), 10) + QLatin1Char(' ') + column(QStringLiteral("COMPANY"), 40) + QLatin1Char(' ')
              + column(QStringLiteral("OWNER"), 22) + QLatin1Char(' ') + QStringLiteral("E-MAIL"));
    for (const Organization &o : rows.value())
        ctx.print(row(o));
    return Ok;
}

int runOrgAdd(const QStringList &args)
{
    Context ctx(QStringLiteral("org add"));
    ctx.parser.setApplicationDescription(QStringLiteral("Register an organization (status pending); prints its id."));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Company name (required)."), QStringLiteral("name"));
    const QCommandLineOption email(QStringLiteral("owner-email"), QStringLiteral("Owner's e-mail address (required)."),
                                   QStringLiteral("address"));
    const QCommandLineOption owner(QStringLiteral("owner-name"), QStringLiteral("Owner's name."), QStringLiteral("name"));
    ctx.parser.addOptions({name, email, owner});
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    if (!ctx.parser.isSet(name) || !ctx.parser.isSet(email))
        return ctx.fail(QStringLiteral("org add needs --name and --owner-email"), Usage);

    NewOrganization org;
    org.companyName = ctx.parser.value(name);
    org.ownerEmail = ctx.parser.value(email);
    org.ownerName = ctx.parser.value(owner);
    // Validate before touching the database: bad input writes nothing.
    if (const QString problem = org.validationError(); !problem.isEmpty())
        return ctx.fail(problem);

    Store *store = ctx.store();
    if (!store)
        return Failed;
    qint64 id = 0;
    auto written = store->database().transaction([&]() -> Result<void> {
        auto added = store->organizations().add(org);
        if (!added)
            return added.error();
        id = added.value();
        AuditRecord audit;
        audit.actor = currentActor();
        audit.action = QStringLiteral("org.add");
        audit.organizationId = id;
        audit.outcome = QStringLiteral("ok");
        auto logged = store->audit().append(audit);
        return logged ? Result<void>() : logged.error();
    });
    if (!written)
        return ctx.fail(written.error().message);
    if (ctx.json()) {
        auto created = store->organizations().find(id);
        if (!created)
            return ctx.fail(created.error().message);
        ctx.printJson(toJson(created.value()));
    } else {
        ctx.print(QString::number(id));
    }
    return Ok;
}

int runOrgShow(const QStringList &args)
{
    Context ctx(QStringLiteral("org show"));
    ctx.parser.setApplicationDescription(QStringLiteral("Show one organization."));
    if (auto done = ctx.parse(args, QStringLiteral("ID"), 1, 1))
        return *done;
    const QString idText = ctx.parser.positionalArguments().constFirst();
    const auto id = parseId(idText);
    if (!id)
        return ctx.fail(QStringLiteral("\"%1\" is not an organization id (expected a number such as 42)").arg(idText.left(40)), Usage);
    Store *store = ctx.store();
    if (!store)
        return Failed;
    auto org = store->organizations().find(*id);
    if (!org)
        return ctx.fail(org.error().message);
    if (ctx.json())
        ctx.printJson(toJson(org.value()));
    else
        printDetails(ctx, org.value());
    return Ok;
}

int runDemoSeed(const QStringList &args)
{
    Context ctx(QStringLiteral("demo-seed"));
    ctx.parser.setApplicationDescription(
        QStringLiteral("Fill the database with realistic demo organizations (unicode and long names included)."));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("How many (default 200)."), QStringLiteral("n"),
                                   QStringLiteral("200"));
    ctx.parser.addOption(count);
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;
    bool ok = false;
    const qint64 n = ctx.parser.value(count).toLongLong(&ok);
    if (!ok || n < 1 || n > 100'000'000)
        return ctx.fail(QStringLiteral("--count takes a number from 1 to 100000000"), Usage);
    Store *store = ctx.store();
    if (!store)
        return Failed;
    QElapsedTimer timer;
    timer.start();
    const bool tty = ::isatty(STDERR_FILENO);
    auto seeded = DemoData::seed(store->organizations(), store->database(), n, [&](qint64 done) {
        if (tty)
            std::fprintf(stderr, "\rseeding… %lld of %lld", static_cast<long long>(done), static_cast<long long>(n));
    });
    if (tty)
        std::fprintf(stderr, "\n");
    if (!seeded)
        return ctx.fail(seeded.error().message);
    const double seconds = double(timer.elapsed()) / 1000.0;
    AuditRecord audit;
    audit.actor = currentActor();
    audit.action = QStringLiteral("demo.seed");
    audit.outcome = QStringLiteral("ok");
    audit.detail = QStringLiteral("%1 organizations").arg(n);
    if (auto logged = store->audit().append(audit); !logged)
        return ctx.fail(logged.error().message);
    if (ctx.json()) {
        ctx.printJson(QJsonObject{{QStringLiteral("seeded"), n}, {QStringLiteral("seconds"), seconds}});
    } else {
        ctx.print(QStringLiteral("seeded %1 organizations into %2 in %3 s")
                      .arg(n).arg(store->database().url().toDisplayString()).arg(seconds, 0, 'f', 1));
    }
    return Ok;
}

} // namespace oc::cli
