// bench_stats: how long the dashboard's statistics and the organizations table's setup summaries take on a big
// store. Fills the database (if it has fewer organizations) with --orgs demo organizations, a configuration and a
// succeeded run for 30 % of them, failed runs for 6 %, earlier failures for 2 % and 25 live runs; then times
// StatsRepository::dashboard() and setupSummaries() for pages of 256 ids, printing medians.
// Usage: bench_stats --database URL [--orgs N (1000000)] [--repeat K (7)]. Not a ctest test: load makes timings vary.
#include "provisioning/setupstate.h"
#include "store/demodata.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

using namespace oc;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

Result<void> fill(Store &store, qint64 orgs)
{
    const qint64 base = 1700000000000;
    return store.database().transaction([&]() -> Result<void> {
        // Read all ids first: PostgreSQL's driver holds one result per connection.
        auto rows = store.database().execForward(QStringLiteral("SELECT id FROM organizations ORDER BY id"));
        if (!rows)
            return rows.error();
        QList<qint64> ids;
        while (rows.value().next())
            ids << rows.value().value(0).toLongLong();
        qint64 i = 0;
        for (qint64 id : ids) {
            if (++i > orgs)
                break;
            ProvisioningRun r;
            r.organizationId = id;
            r.actor = QStringLiteral("bench");
            r.kind = QStringLiteral("approve");
            r.startedAt = QDateTime::fromMSecsSinceEpoch(base + i * 10, Qt::UTC);
            if (i % 50 == 0) { // an earlier failure
                r.id = QStringLiteral("e-%1").arg(id);
                r.status = RunStatus::RolledBack;
                r.startedAt = r.startedAt.addDays(-30);
                if (auto ok = store.runs().create(r); !ok)
                    return ok.error();
                r.startedAt = r.startedAt.addDays(30);
            }
            r.id = QStringLiteral("r-%1").arg(id);
            if (i % 100 < 30) {
                r.status = RunStatus::Succeeded;
                if (auto ok = store.runs().create(r); !ok)
                    return ok.error();
                r.setupTimeMs = 500 + (i * 7919) % 12000;
                if (auto ok = store.runs().updateOutcome(r); !ok)
                    return ok.error();
                AiConfig c;
                c.organizationId = id;
                c.runId = r.id;
                c.number = QStringLiteral("+1510%1").arg(i, 7, 10, QLatin1Char('0'));
                c.status = i % 30 == 0 ? AiConfigStatus::Inactive : AiConfigStatus::Active;
                c.setupCompleted = i % 97 != 0;
                if (auto ok = store.aiConfigs().insert(c); !ok)
                    return ok.error();
            } else if (i % 100 < 36) {
                r.status = i % 6 == 0 ? RunStatus::NeedsAttention : i % 11 == 0 ? RunStatus::Canceled : RunStatus::RolledBack;
                if (auto ok = store.runs().create(r); !ok)
                    return ok.error();
                static const QStringList steps{QStringLiteral("buy_number"), QStringLiteral("search_number"),
                                               QStringLiteral("create_inbound_assistant"), QStringLiteral("register_number"),
                                               QStringLiteral("save_config")};
                r.failedStep = steps.at(i % steps.size());
                if (auto ok = store.runs().updateOutcome(r); !ok)
                    return ok.error();
            } else if (i % 40000 == 37) {
                r.status = RunStatus::Running;
                if (auto ok = store.runs().create(r); !ok)
                    return ok.error();
            }
        }
        return {};
    });
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("database"), QStringLiteral("Store URL."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("orgs"), QStringLiteral("Organizations."), QStringLiteral("n"), QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("repeat"), QStringLiteral("Repetitions."), QStringLiteral("k"), QStringLiteral("7")});
    parser.process(app);
    auto url = DatabaseUrl::parse(parser.value(QStringLiteral("database")));
    if (!url) {
        out() << url.error().message << Qt::endl;
        return 2;
    }
    auto store = Store::open(url.value());
    if (!store) {
        out() << store.error().message << Qt::endl;
        return 1;
    }
    const qint64 orgs = parser.value(QStringLiteral("orgs")).toLongLong();
    const int repeat = parser.value(QStringLiteral("repeat")).toInt();
    auto have = store.value()->organizations().count({});
    if (have && have.value() < orgs) {
        QElapsedTimer t;
        t.start();
        if (auto ok = DemoData::seed(store.value()->organizations(), store.value()->database(), orgs - have.value()); !ok) {
            out() << ok.error().message << Qt::endl;
            return 1;
        }
        if (auto ok = fill(*store.value(), orgs); !ok) {
            out() << ok.error().message << Qt::endl;
            return 1;
        }
        out() << "filled " << orgs << " organizations in " << t.elapsed() / 1000.0 << " s" << Qt::endl;
    }

    QList<double> dashboard;
    DashboardStats last;
    for (int k = 0; k < repeat; ++k) {
        QElapsedTimer t;
        t.start();
        auto stats = store.value()->stats().dashboard();
        dashboard << t.nsecsElapsed() / 1e6;
        if (!stats) {
            out() << stats.error().message << Qt::endl;
            return 1;
        }
        last = stats.value();
    }
    out() << "organizations " << last.organizations << ": none " << last.organizationsIn(SetupState::None) << ", provisioning "
          << last.organizationsIn(SetupState::Provisioning) << ", active " << last.organizationsIn(SetupState::Active)
          << ", failed " << last.organizationsIn(SetupState::Failed) << ", needs attention "
          << last.organizationsIn(SetupState::NeedsAttention) << "; finished runs " << last.finishedRuns() << Qt::endl;
    out() << "dashboard(): median " << median(dashboard) << " ms over " << repeat << Qt::endl;

    QList<double> pages;
    for (qint64 first = 1; first < orgs; first += orgs / 20) {
        QList<qint64> ids;
        for (qint64 id = first; id < first + 256; ++id)
            ids << id;
        QElapsedTimer t;
        t.start();
        auto s = setupSummaries(*store.value(), ids);
        pages << t.nsecsElapsed() / 1e6;
        if (!s) {
            out() << s.error().message << Qt::endl;
            return 1;
        }
    }
    out() << "setupSummaries(256 ids): median " << median(pages) << " ms, max "
          << *std::max_element(pages.cbegin(), pages.cend()) << " ms over " << pages.size() << " pages" << Qt::endl;
    return 0;
}
