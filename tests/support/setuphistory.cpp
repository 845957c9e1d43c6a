#include "setuphistory.h"

#include "store/demodata.h"
#include "store/store.h"

#include <QDateTime>

#include <cmath>

namespace oc::test {

namespace {

class Random
{
public:
    explicit Random(quint64 seed) : m_state(seed ? seed : 1) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) / double(1ull << 53); }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }

private:
    quint64 m_state;
};

struct Writer {
    Store &store;
    Random &random;
    bool audit;
    qint64 serial = 0;

    QString actor()
    {
        static const QStringList actors{QStringLiteral("maria@console-1"), QStringLiteral("jonas@console-2"),
                                        QStringLiteral("priya@laptop-7"), QStringLiteral("orgctl@ops-runner")};
        return actors.at(int(random.next() % actors.size()));
    }

    QString failedStep()
    {
        const double r = random.uniform();
        return r < 0.40 ? QStringLiteral("buy_number") : r < 0.65 ? QStringLiteral("register_number")
             : r < 0.80 ? QStringLiteral("search_number") : r < 0.88 ? QStringLiteral("create_inbound_assistant")
             : r < 0.95 ? QStringLiteral("create_outbound_assistant") : QStringLiteral("save_config");
    }

    static QString errorFor(const QString &step)
    {
        if (step == QLatin1String("buy_number"))
            return QStringLiteral("Twilio 21422: +15105550123 is not available");
        if (step == QLatin1String("search_number"))
            return QStringLiteral("Twilio 21452: no numbers found in area code 510");
        if (step == QLatin1String("register_number"))
            return QStringLiteral("VAPI 400: number already registered");
        if (step == QLatin1String("save_config"))
            return QStringLiteral("database is locked");
        return QStringLiteral("VAPI 503: service unavailable, retries exhausted");
    }

    Result<void> run(qint64 org, const QString &kind, RunStatus status, QDateTime started, const QString &who)
    {
        ProvisioningRun r;
        r.id = QStringLiteral("run-%1").arg(++serial, 6, 10, QLatin1Char('0'));
        r.organizationId = org;
        r.kind = kind;
        r.status = RunStatus::Running;
        r.countryCode = QStringLiteral("US");
        r.areaCode = QStringLiteral("510");
        r.actor = who;
        r.startedAt = started;
        if (auto ok = store.runs().create(r); !ok)
            return ok.error();
        const bool setup = kind != QLatin1String("cleanup");
        if (status != RunStatus::Running) {
            r.status = status;
            if (status == RunStatus::Succeeded && setup) {
                // Around 2.5 s, a long tail when a vendor is slow.
                double ms = 1300 + random.exponential(900);
                if (random.uniform() < 0.06)
                    ms += 3000 + random.exponential(3500);
                r.setupTimeMs = qint64(ms);
            }
            if (status != RunStatus::Succeeded && setup) {
                r.failedStep = status == RunStatus::Canceled && random.uniform() < 0.5 ? QString() : failedStep();
                r.error = status == RunStatus::Canceled ? QStringLiteral("canceled by %1").arg(who) : errorFor(r.failedStep);
            }
            r.finishedAt = started.addMSecs(r.setupTimeMs.value_or(4000) + 600);
            if (auto ok = store.runs().updateOutcome(r); !ok)
                return ok;
        }
        if (!audit || status == RunStatus::Running)
            return {};
        AuditRecord a;
        a.at = r.finishedAt;
        a.actor = who;
        a.action = QStringLiteral("org.") + kind;
        a.organizationId = org;
        a.runId = r.id;
        a.outcome = statusName(status);
        if (status == RunStatus::Succeeded && setup) {
            a.externalIds = {QStringLiteral("PN%1").arg(random.next(), 16, 16, QLatin1Char('0')),
                             QStringLiteral("+1510555%1").arg(org % 10000, 4, 10, QLatin1Char('0')),
                             QStringLiteral("asst_%1").arg(random.next() % 100000000, 8, 10, QLatin1Char('0'))};
            a.detail = QStringLiteral("set up in %1 ms").arg(*r.setupTimeMs);
        } else if (status != RunStatus::Succeeded) {
            a.detail = r.failedStep.isEmpty() ? r.error : QStringLiteral("AI setup failed at %1: %2").arg(r.failedStep, r.error);
        }
        return store.audit().append(a).ok() ? Result<void>() : Error::storage(QStringLiteral("audit append failed"));
    }

    Result<void> config(qint64 org, AiConfigStatus status)
    {
        AiConfig c;
        c.organizationId = org;
        c.number = QStringLiteral("+1510555%1").arg(org % 10000, 4, 10, QLatin1Char('0'));
        c.status = status;
        c.setupCompleted = true;
        c.setupDate = QDateTime::currentDateTimeUtc();
        auto ok = store.aiConfigs().insert(c);
        return ok ? Result<void>() : ok.error();
    }
};

} // namespace

Result<void> seedSetupHistory(Store &store, const SetupHistoryOptions &options)
{
    if (auto seeded = DemoData::seed(store.organizations(), store.database(), options.organizations); !seeded)
        return seeded.error();
    auto ids = store.database().execForward(QStringLiteral("SELECT id FROM organizations ORDER BY id"));
    if (!ids)
        return ids.error();
    QList<qint64> orgs;
    while (ids.value().next())
        orgs << ids.value().value(0).toLongLong();

    Random random(options.seed);
    Writer w{store, random, options.audit};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return store.database().transaction([&]() -> Result<void> {
        for (qint64 org : orgs) {
            const double r = random.uniform();
            QDateTime t = now.addSecs(-qint64(random.uniform() * 30 * 86400));
            const QString who = w.actor();
            Result<void> ok;
            if (options.audit) {
                AuditRecord added;
                added.at = t.addSecs(-3600);
                added.actor = QStringLiteral("orgctl@ops-runner");
                added.action = QStringLiteral("org.add");
                added.organizationId = org;
                added.outcome = QStringLiteral("ok");
                if (!store.audit().append(added))
                    return Error::storage(QStringLiteral("audit append failed"));
            }
            if (r < 0.42)
                continue; // signed up, not approved yet
            if (r < 0.80) {
                ok = w.run(org, QStringLiteral("approve"), RunStatus::Succeeded, t, who);
                if (ok)
                    ok = w.config(org, random.uniform() < 0.04 ? AiConfigStatus::Suspended : AiConfigStatus::Active);
            } else if (r < 0.86) {
                ok = w.run(org, QStringLiteral("approve"), RunStatus::RolledBack, t, who);
                if (ok)
                    ok = w.run(org, QStringLiteral("retry"), RunStatus::Succeeded, t.addSecs(900), who);
                if (ok)
                    ok = w.config(org, AiConfigStatus::Active);
            } else if (r < 0.91) {
                ok = w.run(org, QStringLiteral("approve"), RunStatus::RolledBack, t, who);
            } else if (r < 0.93) {
                ok = w.run(org, QStringLiteral("approve"), RunStatus::Canceled, t, who);
            } else if (r < 0.955) {
                ok = w.run(org, QStringLiteral("approve"), RunStatus::NeedsAttention, t, who);
            } else if (r < 0.962) {
                ok = w.run(org, QStringLiteral("approve"), RunStatus::Running, now.addSecs(-qint64(random.uniform() * 20)), who);
            } else {
                // Set up, then cleaned up again.
                ok = w.run(org, QStringLiteral("approve"), RunStatus::Succeeded, t, who);
                if (ok)
                    ok = w.run(org, QStringLiteral("cleanup"), RunStatus::Succeeded, t.addSecs(7200), who);
            }
            if (!ok)
                return ok;
        }
        return {};
    });
}

} // namespace oc::test
