#include "sandboxcommand.h"

#include "cli/context.h"
#include "cli/signals.h"
#include "sandbox/sandbox.h"

#include <QCoreApplication>

namespace oc::cli {

namespace {

QString shellQuoted(const QString &value)
{
    QString out = value;
    out.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

} // namespace

int runSandbox(const QStringList &args, QObject *owner)
{
    Context ctx(QStringLiteral("sandbox"));
    ctx.parser.setApplicationDescription(QStringLiteral(
        "Serve the emulated Twilio and VAPI APIs over HTTP and an SMTP sink until Ctrl-C or SIGTERM. Prints the "
        "shell exports that point orgctl at it (API bases, SMTP URL and CA, the sandbox's own fake credentials): "
        "orgctl sandbox > sandbox.env & then . ./sandbox.env"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("HTTP port for Twilio + VAPI (0 = any)."),
                                        QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption smtpPortOption(QStringLiteral("smtp-port"), QStringLiteral("SMTP sink port (0 = any)."),
                                            QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("Latency profile: fast (none) or seed (the seed's timings)."),
                                           QStringLiteral("name"), QStringLiteral("fast"));
    const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("Multiply profile delays (e.g. 0.01)."),
                                         QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption faultsOption(
        QStringLiteral("faults"),
        QStringLiteral("Faults: ENDPOINT[@PATH][#N|#N+|*N]=ACTION,... with ACTION one of STATUS[:CODE], delay:MS, hang, reset, "
                       "resend (the re-sent copy is applied too), malformed, echo (an error repeating the credentials); "
                       "e.g. twilio.buy#2=500:20500,vapi.phone.create#1=reset,smtp.auth=echo. #N = only the Nth call, "
                       "#N+ = from the Nth on, *N = the next N calls, none = every call; @PATH = only calls whose path contains PATH."),
        QStringLiteral("spec"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"),
                                               QStringLiteral("Requests in flight before 429 (0 = unlimited)."),
                                               QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption caFileOption(QStringLiteral("ca-file"), QStringLiteral("Where to write the sandbox CA (PEM)."),
                                          QStringLiteral("path"));
    ctx.parser.addOptions({portOption, smtpPortOption, profileOption, scaleOption, faultsOption, concurrencyOption, caFileOption});
    if (auto done = ctx.parse(args, QString(), 0, 0))
        return *done;

    sandbox::SandboxConfig config;
    bool ok = false;
    config.httpPort = ctx.parser.value(portOption).toUShort(&ok);
    if (!ok)
        return ctx.fail(QStringLiteral("--port must be a port number"), Usage);
    config.smtpPort = ctx.parser.value(smtpPortOption).toUShort(&ok);
    if (!ok)
        return ctx.fail(QStringLiteral("--smtp-port must be a port number"), Usage);
    const QString profile = ctx.parser.value(profileOption);
    if (profile != QLatin1String("fast") && profile != QLatin1String("seed"))
        return ctx.fail(QStringLiteral("--profile must be fast or seed"), Usage);
    config.profile = profile == QLatin1String("seed") ? sandbox::LatencyProfile::Seed : sandbox::LatencyProfile::Fast;
    config.scale = ctx.parser.value(scaleOption).toDouble(&ok);
    if (!ok || config.scale < 0)
        return ctx.fail(QStringLiteral("--scale must be a non-negative number"), Usage);
    config.concurrencyLimit = ctx.parser.value(concurrencyOption).toInt(&ok);
    if (!ok || config.concurrencyLimit < 0)
        return ctx.fail(QStringLiteral("--concurrency must be a non-negative integer"), Usage);
    if (ctx.parser.isSet(faultsOption)) {
        auto rules = sandbox::FaultPlan::parse(ctx.parser.value(faultsOption));
        if (!rules)
            return ctx.fail(QStringLiteral("--faults: %1").arg(rules.error().message), Usage);
        config.faults = rules.value();
    }
    config.caFilePath = ctx.parser.value(caFileOption);

    auto *box = new sandbox::Sandbox(config, owner);
    if (auto started = box->start(); !started) {
        delete box;
        return ctx.fail(started.error().message);
    }
    if (!onTerminationSignals(owner, [](int) { QCoreApplication::exit(0); }))
        return ctx.fail(QStringLiteral("cannot install SIGINT/SIGTERM handlers"));
    // Secrets are printed on purpose: they are the sandbox's own fake credentials, for `eval "$(…)"` in a shell.
    ctx.print(QStringLiteral("# OrgConsole sandbox (profile %1, scale %2) — Ctrl-C to stop").arg(profile).arg(config.scale));
    ctx.print(QStringLiteral("# ledger: %1").arg(box->ledgerUrl().toString()));
    for (const auto &e : box->clientEnvironment())
        ctx.print(QStringLiteral("export %1=%2").arg(e.first, shellQuoted(e.second)));
    return -1;
}

} // namespace oc::cli
