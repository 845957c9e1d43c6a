#include "servecommand.h"

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/signals.h"
#include "cli/wiring.h"
#include "domain/jsonformat.h"
#include "secrets/keychainsecretstore.h"
#include "service/apiserver.h"
#include "util/actor.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QProcessEnvironment>
#include <QTimer>

#include <cstdio>

namespace oc::cli {

namespace {

const char kTokenUsage[] =
    "Usage: orgctl token create|list|revoke [options]\n"
    "The service's (orgctl serve) bearer tokens. The token is printed once, when it is made; the database keeps\n"
    "only its SHA-256.\n"
    "\n"
    "Subcommands:\n"
    "  create --name NAME --role viewer|operator|admin [--json]   make a token (viewer: GET; operator: also\n"
    "                                                            verify, retry, approve; admin: everything)\n"
    "  list [--json]                                              the tokens, without their secrets\n"
    "  revoke NAME                                                revoke at once\n";

// Everything the server keeps alive until the process ends.
struct Server : QObject {
    std::unique_ptr<Context> context;
    std::unique_ptr<Wiring> wiring;
    std::unique_ptr<KeychainSecretStore> keychain;
    std::unique_ptr<service::ApiServer> api;
};

} // namespace

int runServe(const QStringList &args, Cli &cli)
{
    auto ctx = std::make_unique<Context>(QStringLiteral("serve"));
    ctx->parser.setApplicationDescription(QStringLiteral(
        "Serve the seed's REST API (POST /api/organizations/:id/verify, GET …/ai-status, POST …/retry-ai-setup, "
        "DELETE …/ai-setup, POST /admin/organizations/:id/approve, GET /api/runs/:runId, GET /healthz) and the "
        "approval webhook (POST /webhooks/organization-approved, signed with ORGCONSOLE_WEBHOOK_SECRET) until "
        "SIGTERM or Ctrl-C, which stop accepting and let running setups finish. Calls need a bearer token "
        "(orgctl token create). Prints \"listening on URL\" when ready."));
    const QCommandLineOption listenOption(QStringLiteral("listen"), QStringLiteral("Address and port (default 127.0.0.1:8080; port 0 = any)."),
                                          QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption certOption(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate (chain): serve HTTPS, TLS 1.2+."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"), QStringLiteral("PEM private key of --tls-cert."), QStringLiteral("FILE"));
    ctx->parser.addOptions({listenOption, certOption, keyOption});
    if (auto done = ctx->parse(args, QString(), 0, 0))
        return *done;
    const QString listen = ctx->parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const quint16 port = colon > 0 ? listen.mid(colon + 1).toUShort(&portOk) : 0;
    QString hostText = colon > 0 ? listen.left(colon) : QString();
    if (hostText.startsWith(QLatin1Char('[')) && hostText.endsWith(QLatin1Char(']')))
        hostText = hostText.mid(1, hostText.size() - 2);
    const QHostAddress host = hostText == QLatin1String("localhost") ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(hostText);
    if (!portOk || host.isNull())
        return ctx->fail(QStringLiteral("--listen must be HOST:PORT with an IP address, e.g. 127.0.0.1:8080 or [::1]:8080"), Usage);
    if (ctx->parser.isSet(certOption) != ctx->parser.isSet(keyOption))
        return ctx->fail(QStringLiteral("--tls-cert and --tls-key go together"), Usage);

    Store *store = ctx->store();
    if (!store)
        return Failed;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    auto wiring = Wiring::create(*store, env);
    if (!wiring)
        return ctx->fail(wiring.error().message);
    auto *server = new Server;
    server->setParent(&cli);
    server->wiring = std::move(wiring).value();
    server->context = std::move(ctx);
    const auto serve = [server, host, port, listen, certOption, keyOption, &cli](const QByteArray &webhookSecret) {
        Context &ctx = *server->context;
        server->api = std::make_unique<service::ApiServer>(server->wiring->services(), webhookSecret);
        if (ctx.parser.isSet(certOption)) {
            if (auto tls = server->api->useTls(ctx.parser.value(certOption), ctx.parser.value(keyOption)); !tls) {
                cli.finish(ctx.fail(tls.error().message));
                return;
            }
        }
        const quint16 bound = server->api->listen(host, port);
        if (bound == 0) {
            cli.finish(ctx.fail(QStringLiteral("cannot listen on %1: the address is taken or not ours").arg(listen)));
            return;
        }
        // SIGTERM/SIGINT: stop accepting, let the running setups end (each under its lease), then exit 0.
        // Again: exit at once; what still runs is journaled for orgctl recover.
        const bool handled = onTerminationSignals(server, [server, &cli](int signal) {
            const bool stopping = server->property("stopping").toBool();
            if (!server->api->runningOperations() || stopping) {
                if (stopping)
                    std::fprintf(stderr, "orgctl serve: stopped before the running setups ended: run orgctl recover\n");
                cli.finish(stopping ? 128 + signal : Ok);
                return;
            }
            server->setProperty("stopping", true);
            std::fprintf(stderr, "orgctl serve: stopping: no new connections; waiting for %d running setup(s) to end\n",
                         server->api->runningOperations());
            std::fflush(stderr);
            server->api->stopAccepting();
        });
        if (!handled) {
            cli.finish(ctx.fail(QStringLiteral("cannot install SIGINT/SIGTERM handlers")));
            return;
        }
        QObject::connect(server->api.get(), &service::ApiServer::drained, server, [&cli] { cli.finish(Ok); });
        const QString scheme = server->api->isTls() ? QStringLiteral("https") : QStringLiteral("http");
        const QString shown = host.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(host.toString()) : host.toString();
        ctx.print(QStringLiteral("listening on %1://%2:%3").arg(scheme, shown).arg(bound));
    };
    // The webhook's secret: ORGCONSOLE_WEBHOOK_SECRET, else the keychain (Settings → Credentials → Service) when
    // there is a session to ask it through (a system service has none: its secrets come from its EnvironmentFile).
    const QByteArray fromEnvironment = env.value(QStringLiteral("ORGCONSOLE_WEBHOOK_SECRET")).toUtf8();
    if (!fromEnvironment.isEmpty() || env.value(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")).isEmpty()) {
        QTimer::singleShot(0, server, [serve, fromEnvironment] { serve(fromEnvironment); });
        return -1;
    }
    server->keychain = std::make_unique<KeychainSecretStore>();
    server->keychain->read(QString::fromLatin1(SecretKeys::WebhookSecret), [server, serve](const SecretResult &r) {
        if (!r.ok() && r.status != SecretResult::Status::NotFound)
            std::fprintf(stderr, "orgctl serve: the keychain did not give the webhook secret (%s): the webhook is refused until "
                                 "ORGCONSOLE_WEBHOOK_SECRET is set\n", qPrintable(printable(r.message)));
        const QByteArray secret = r.ok() ? r.value.toUtf8() : QByteArray();
        QTimer::singleShot(0, server, [serve, secret] { serve(secret); });
    });
    return -1;
}

int runToken(const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub.isEmpty() || sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        std::fputs(kTokenUsage, stdout);
        return sub.isEmpty() ? Usage : Ok;
    }
    Context ctx(QStringLiteral("token ") + sub);
    if (sub == QLatin1String("create")) {
        ctx.parser.setApplicationDescription(QStringLiteral("Make a bearer token for orgctl serve; it is printed once."));
        const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Who or what uses it (unique)."), QStringLiteral("NAME"));
        const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("viewer, operator or admin."), QStringLiteral("ROLE"));
        ctx.parser.addOptions({name, role});
        if (auto done = ctx.parse(args.mid(1), QString(), 0, 0))
            return *done;
        const auto r = roleFromString(ctx.parser.value(role));
        if (!ctx.parser.isSet(name) || !r)
            return ctx.fail(QStringLiteral("token create needs --name NAME and --role viewer|operator|admin"), Usage);
        Store *store = ctx.store();
        if (!store)
            return Failed;
        if (auto allowed = store->access().require(DbAction::ManageTokens); !allowed)
            return ctx.fail(allowed.error().message);
        auto token = store->tokens().create(ctx.parser.value(name), *r, currentActor());
        if (!token)
            return ctx.fail(token.error().message);
        AuditRecord audit;
        audit.actor = currentActor();
        audit.action = QStringLiteral("token.create");
        audit.outcome = roleName(*r);
        audit.detail = ctx.parser.value(name);
        (void)store->audit().append(audit);
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("name"), ctx.parser.value(name)}, {QStringLiteral("role"), roleName(*r)},
                                      {QStringLiteral("token"), token.value()}});
        else
            ctx.print(token.value());
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        if (auto done = ctx.parse(args.mid(1), QString(), 0, 0))
            return *done;
        Store *store = ctx.store();
        if (!store)
            return Failed;
        auto tokens = store->tokens().list();
        if (!tokens)
            return ctx.fail(tokens.error().message);
        QJsonArray out;
        for (const ApiToken &t : tokens.value()) {
            QJsonObject o{{QStringLiteral("name"), t.name}, {QStringLiteral("role"), roleName(t.role)},
                          {QStringLiteral("createdAt"), isoTime(t.createdAt)}, {QStringLiteral("createdBy"), t.createdBy}};
            if (t.revokedAt.isValid())
                o.insert(QStringLiteral("revokedAt"), isoTime(t.revokedAt));
            out.append(o);
            if (!ctx.json())
                ctx.print(QStringLiteral("%1\t%2\t%3").arg(printable(t.name), roleName(t.role),
                                                           t.revokedAt.isValid() ? QStringLiteral("revoked ") + isoTime(t.revokedAt) : QStringLiteral("in force")));
        }
        if (ctx.json())
            ctx.printJson(QJsonObject{{QStringLiteral("tokens"), out}});
        return Ok;
    }
    if (sub == QLatin1String("revoke")) {
        if (auto done = ctx.parse(args.mid(1), QStringLiteral("NAME"), 1, 1))
            return *done;
        Store *store = ctx.store();
        if (!store)
            return Failed;
        if (auto allowed = store->access().require(DbAction::ManageTokens); !allowed)
            return ctx.fail(allowed.error().message);
        const QString name = ctx.parser.positionalArguments().constFirst();
        if (auto revoked = store->tokens().revoke(name); !revoked)
            return ctx.fail(revoked.error().message);
        AuditRecord audit;
        audit.actor = currentActor();
        audit.action = QStringLiteral("token.revoke");
        audit.outcome = QStringLiteral("revoked");
        audit.detail = name;
        (void)store->audit().append(audit);
        ctx.print(QStringLiteral("revoked %1").arg(printable(name)));
        return Ok;
    }
    return ctx.fail(QStringLiteral("unknown subcommand \"token %1\": use create, list or revoke").arg(sub), Usage);
}

} // namespace oc::cli
