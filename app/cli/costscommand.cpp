#include "costscommand.h"

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/operationrunner.h"
#include "provisioning/costsreport.h"

#include <QJsonArray>

#include <cstdio>

namespace oc::cli {

namespace {

enum class Format { Text, Json, Csv };

QString usd(const QJsonValue &v)
{
    return v.isDouble() ? QStringLiteral("$%1").arg(v.toDouble(), 0, 'f', 2) : QStringLiteral("—");
}

QString cell(const QString &text, int width, bool right = false)
{
    const QString t = printable(text).left(width);
    return right ? t.rightJustified(width) : t.leftJustified(width);
}

void printText(Context &ctx, const QJsonObject &r)
{
    const QJsonObject totals = r.value(QLatin1String("totals")).toObject();
    ctx.print(QStringLiteral("Costs %1 (%2 to %3, USD)").arg(r.value(QLatin1String("month")).toString(),
                                                             r.value(QLatin1String("from")).toString(),
                                                             r.value(QLatin1String("to")).toString()));
    ctx.print(QString());
    ctx.print(cell(QStringLiteral("ID"), 7, true) + QLatin1Char(' ') + cell(QStringLiteral("Organization"), 30) + QLatin1Char(' ')
              + cell(QStringLiteral("Number"), 16) + QLatin1Char(' ') + cell(QStringLiteral("CC"), 3) + QLatin1Char(' ')
              + cell(QStringLiteral("Number/mo"), 10, true) + QLatin1Char(' ') + cell(QStringLiteral("Calls"), 6, true)
              + QLatin1Char(' ') + cell(QStringLiteral("Calls $"), 10, true) + QLatin1Char(' ') + cell(QStringLiteral("Total"), 10, true));
    for (const QJsonValue &v : r.value(QLatin1String("organizations")).toArray()) {
        const QJsonObject o = v.toObject();
        ctx.print(cell(QString::number(o.value(QLatin1String("organizationId")).toInteger()), 7, true) + QLatin1Char(' ')
                  + cell(o.value(QLatin1String("organization")).toString(), 30) + QLatin1Char(' ')
                  + cell(o.value(QLatin1String("phoneNumber")).toString(), 16) + QLatin1Char(' ')
                  + cell(o.value(QLatin1String("country")).toString(), 3) + QLatin1Char(' ')
                  + cell(usd(o.value(QLatin1String("numberMonthlyUsd"))), 10, true) + QLatin1Char(' ')
                  + cell(QString::number(o.value(QLatin1String("calls")).toInt()), 6, true) + QLatin1Char(' ')
                  + cell(usd(o.value(QLatin1String("callsUsd"))), 10, true) + QLatin1Char(' ')
                  + cell(usd(o.value(QLatin1String("totalUsd"))), 10, true));
    }
    ctx.print(QString());
    ctx.print(QStringLiteral("Organizations: %1   numbers %2   calls %3 (%4 calls)   total %5")
                  .arg(totals.value(QLatin1String("organizations")).toInt())
                  .arg(usd(totals.value(QLatin1String("numbersUsd"))), usd(totals.value(QLatin1String("callsUsd"))))
                  .arg(totals.value(QLatin1String("calls")).toInt())
                  .arg(usd(totals.value(QLatin1String("organizationsUsd")))));
    const QJsonArray orphans = r.value(QLatin1String("orphans")).toArray();
    ctx.print(QStringLiteral("Orphans: %1   %2 a month").arg(orphans.size()).arg(usd(totals.value(QLatin1String("orphansUsd")))));
    for (const QJsonValue &v : orphans) {
        const QJsonObject o = v.toObject();
        ctx.print(QStringLiteral("  %1 %2 %3 %4").arg(cell(o.value(QLatin1String("kind")).toString(), 18),
                                                     cell(o.value(QLatin1String("name")).toString(), 30),
                                                     cell(o.value(QLatin1String("country")).toString(), 3),
                                                     usd(o.value(QLatin1String("monthlyCostUsd")))));
    }
    ctx.print(QStringLiteral("Total this month: %1").arg(usd(totals.value(QLatin1String("totalUsd")))));
    const QJsonArray top = r.value(QLatin1String("mostExpensive")).toArray();
    if (!top.isEmpty()) {
        ctx.print(QStringLiteral("Most expensive:"));
        for (const QJsonValue &v : top) {
            const QJsonObject o = v.toObject();
            ctx.print(QStringLiteral("  %1  %2").arg(cell(usd(o.value(QLatin1String("totalUsd"))), 10, true),
                                                    printable(o.value(QLatin1String("organization")).toString())));
        }
    }
    for (const QJsonValue &w : r.value(QLatin1String("warnings")).toArray())
        std::fprintf(stderr, "orgctl: warning: %s\n", qPrintable(printable(w.toString())));
}

} // namespace

int runCosts(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("costs"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "What the organizations' setups cost in a month: each number's monthly price (Twilio Pricing, cached a day per "
        "country) and the month's VAPI call cost of its two assistants; totals, the most expensive organizations, and "
        "the orphans with what they cost. A table, or --json, or --csv (one row per organization and per orphan)."));
    const QCommandLineOption month(QStringLiteral("month"), QStringLiteral("The month, UTC (default: this month)."),
                                   QStringLiteral("YYYY-MM"));
    const QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("Print CSV (RFC 4180) instead of text."));
    ctx->parser.addOptions({month, csv});
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    if (ctx->json() && ctx->parser.isSet(csv))
        return ctx->fail(QStringLiteral("--json and --csv exclude each other"), Usage);
    const QString wanted = ctx->parser.value(month).trimmed();
    if (ctx->parser.isSet(month) && !CostsReport::monthBounds(wanted))
        return ctx->fail(QStringLiteral("\"%1\" is not a month (expected YYYY-MM, e.g. %2)").arg(wanted.left(20), CostsReport::currentMonth()),
                         Usage);
    const Format format = ctx->json() ? Format::Json : ctx->parser.isSet(csv) ? Format::Csv : Format::Text;
    return runOperation(
        std::move(ctx), cli, [&wanted](ProvisioningServices &s) { return std::make_unique<CostsReport>(s, wanted); },
        [format](Context &c, const OperationOutcome &outcome) {
            if (format == Format::Json) {
                printOutcomeJson(c, outcome);
            } else if (!outcome.ok()) {
                std::fprintf(stderr, "orgctl: %s\n", qPrintable(printable(outcome.error)));
            } else if (format == Format::Csv) {
                const QByteArray bytes = CostsReport::toCsv(outcome.answer);
                std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
                std::fflush(stdout);
            } else {
                printText(c, outcome.answer);
            }
        });
}

} // namespace oc::cli
