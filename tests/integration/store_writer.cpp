// A second (and third) process writing to the store at the same time as others, for tst_concurrentwriters.
// Usage: store_writer URL NAME COUNT — adds COUNT organizations (each with its audit line, in one transaction),
// and races for every organization named "Shared …": verify it (pending → verified) and start its one live run.
// Prints one JSON object: {"added", "statusWins", "runWins", "errors": [...]}.
#include "store/store.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace oc;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: store_writer URL NAME COUNT\n");
        return 2;
    }
    const QString name = args[2];
    const int count = args[3].toInt();
    QJsonArray errors;
    auto url = DatabaseUrl::parse(args[1]);
    auto store = Store::open(url.value());
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().message));
        return 1;
    }
    Store &s = *store.value();
    OrgQuery sharedQuery;
    sharedQuery.search = QStringLiteral("Shared ");
    sharedQuery.limit = 100000;
    const QList<Organization> shared = s.organizations().list(sharedQuery).value();

    int added = 0, statusWins = 0, runWins = 0;
    for (int i = 0; i < std::max<qsizetype>(count, shared.size()); ++i) {
        if (i < count) {
            auto r = s.database().transaction([&]() -> Result<void> {
                auto id = s.organizations().add({QStringLiteral("%1 org %2").arg(name).arg(i),
                                                 QStringLiteral("w%1@%2.example.com").arg(i).arg(name), {}, {}, OrgStatus::Pending, {}});
                if (!id)
                    return id.error();
                AuditRecord audit;
                audit.actor = name;
                audit.action = QStringLiteral("org.add");
                audit.organizationId = id.value();
                audit.outcome = QStringLiteral("ok");
                auto logged = s.audit().append(audit);
                return logged ? Result<void>() : logged.error();
            });
            if (r)
                ++added;
            else
                errors.append(r.error().message);
        }
        if (i < shared.size()) {
            const qint64 orgId = shared[i].id;
            auto st = s.organizations().setStatus(orgId, OrgStatus::Verified, OrgStatus::Pending);
            if (st)
                ++statusWins;
            else if (st.error().kind != Error::Kind::Conflict)
                errors.append(st.error().message);
            ProvisioningRun run;
            run.id = QStringLiteral("%1-%2").arg(name).arg(orgId);
            run.organizationId = orgId;
            run.kind = QStringLiteral("approve");
            run.actor = name;
            auto created = s.runs().create(run);
            if (created)
                ++runWins;
            else if (created.error().kind != Error::Kind::Conflict)
                errors.append(created.error().message);
        }
    }
    const QJsonObject result{{QStringLiteral("added"), added}, {QStringLiteral("statusWins"), statusWins},
                             {QStringLiteral("runWins"), runWins}, {QStringLiteral("errors"), errors}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return errors.isEmpty() ? 0 : 1;
}
