#include "orphansweep.h"

#include "phone/phoneformat.h"
#include "pipeline/resourcetags.h"
#include "provisioning/numberprices.h"
#include "provisioning/runsession.h"
#include "store/store.h"
#include "twilio/twilioclient.h"
#include "vapi/vapiclient.h"

#include <QSet>
#include <QTimer>

namespace oc {

OrphanSweep::OrphanSweep(ProvisioningServices &services, bool release, QString actor, QObject *parent)
    : Operation(parent), m_services(services), m_release(release), m_actor(std::move(actor)), m_calls(services.limiter)
{
}

OrphanSweep::~OrphanSweep()
{
    m_prices.reset();
    releaseHolds();
}

void OrphanSweep::start()
{
    // Releasing is the admin's — except a retry's sweep of what its own last run left, under the run it holds.
    const auto allowed = m_release && m_heldOrganization == 0 ? m_services.store.access().require(DbAction::ReleaseOrphans) : Result<void>();
    if (!allowed) {
        QTimer::singleShot(0, this, [this, why = allowed.error().message] {
            conclude(OperationOutcome::failed(why, Error::Kind::Forbidden, answer(false, why)));
        });
        return;
    }
    QTimer::singleShot(0, this, &OrphanSweep::listNumbers);
}

void OrphanSweep::listNumbers()
{
    m_calls.call<QList<IncomingNumber>>([this] { return m_services.twilio.listOwnedNumbers(); }, [this](const TypedCall<QList<IncomingNumber>> &call) {
        if (!call.ok())
            return finish(false, QStringLiteral("listing Twilio numbers failed: %1").arg(call.error().describe()));
        m_numbers = call.value();
        listAssistants();
    });
}

void OrphanSweep::listAssistants()
{
    m_calls.call<QList<VapiAssistant>>([this] { return m_services.vapi.listAssistants(); }, [this](const TypedCall<QList<VapiAssistant>> &call) {
        if (!call.ok())
            return finish(false, QStringLiteral("listing VAPI assistants failed: %1").arg(call.error().describe()));
        m_assistants = call.value();
        listPhoneNumbers();
    });
}

void OrphanSweep::listPhoneNumbers()
{
    m_calls.call<QList<VapiPhoneNumber>>([this] { return m_services.vapi.listPhoneNumbers(); }, [this](const TypedCall<QList<VapiPhoneNumber>> &call) {
        if (!call.ok())
            return finish(false, QStringLiteral("listing VAPI phone numbers failed: %1").arg(call.error().describe()));
        m_phoneNumbers = call.value();
        classify();
    });
}

void OrphanSweep::classify()
{
    Store &store = m_services.store;
    auto configs = store.aiConfigs().all();
    auto live = store.runs().withStatus({RunStatus::Running, RunStatus::Compensating});
    if (!configs || !live)
        return finish(false, (configs ? live.error() : configs.error()).message);
    QSet<QString> referenced, liveRuns;
    for (const AiConfig &c : configs.value())
        referenced << c.phoneNumberSid << c.inboundAssistantId << c.outboundAssistantId << c.vapiPhoneNumberId;
    for (const ProvisioningRun &r : live.value())
        liveRuns << r.id;
    // What a live run's journal holds is untouchable, whatever tag it carries (adopted resources keep theirs).
    auto held = store.runs().idsHeldByLiveRuns();
    if (!held)
        return finish(false, held.error().message);
    referenced += held.value();
    for (const QString &id : std::as_const(m_spared))
        referenced << id;
    // Restricted to one run: its tags, and the ids its journal records as possibly still out there.
    QSet<QString> journaled;
    for (const QString &runId : std::as_const(m_onlyRunIds)) {
        if (auto steps = store.runs().steps(runId)) {
            for (const RunStep &s : steps.value()) {
                if (!s.externalId.isEmpty() && s.status != StepStatus::Compensated && s.status != StepStatus::Failed)
                    journaled << s.externalId;
            }
        }
    }
    const QSet<QString> onlyIds(m_onlyIds.begin(), m_onlyIds.end());
    const auto inScope = [&](const QString &tagRunId, const QString &id) {
        if (!m_onlyIds.isEmpty() && !onlyIds.contains(id))
            return false;
        return m_onlyRunIds.isEmpty() ? !tagRunId.isEmpty() : m_onlyRunIds.contains(tagRunId) || journaled.contains(id);
    };

    QSet<QString> orphanNumbers, orphanAssistants;
    for (const IncomingNumber &n : m_numbers) {
        const QString runId = pipeline::ResourceTags::runIdFromFriendlyName(n.friendlyName).value_or(QString());
        if (!inScope(runId, n.sid) || (!runId.isEmpty() && liveRuns.contains(runId)) || referenced.contains(n.sid))
            continue;
        m_orphans.append({QStringLiteral("number"), n.sid, n.phoneNumber, runId, {}, n.dateCreated, false, false, {}, {}, std::nullopt});
        orphanNumbers << n.phoneNumber;
    }
    for (const VapiAssistant &a : m_assistants) {
        const QString runId = a.runId();
        if (!inScope(runId, a.id) || (!runId.isEmpty() && liveRuns.contains(runId)) || referenced.contains(a.id))
            continue;
        m_orphans.append({QStringLiteral("assistant"), a.id, a.name, runId, a.role(), a.createdAt, false, false, {}, {}, std::nullopt});
        orphanAssistants << a.id;
    }
    // VAPI numbers are released first: they reference the assistant.
    QList<Orphan> vapiNumbers;
    for (const VapiPhoneNumber &p : m_phoneNumbers) {
        if (referenced.contains(p.id) || (!m_onlyIds.isEmpty() && !onlyIds.contains(p.id))
            || (!orphanNumbers.contains(p.number) && !orphanAssistants.contains(p.assistantId) && !journaled.contains(p.id)))
            continue;
        vapiNumbers.append({QStringLiteral("vapi_phone_number"), p.id, p.number, QString(), {}, p.createdAt, false, false, {}, {}, std::nullopt});
    }
    m_orphans = vapiNumbers + m_orphans;
    priceNumbers();
}

void OrphanSweep::priceNumbers()
{
    QStringList countries;
    for (Orphan &o : m_orphans) {
        if (o.kind == QLatin1String("number")) {
            o.country = phone::countryOf(o.name);
            countries << o.country;
        }
    }
    countries.removeAll(QString());
    const auto go = [this] {
        if (!m_release)
            return finish(true);
        releaseNext();
    };
    if (countries.isEmpty())
        return go();
    m_prices = std::make_unique<NumberPrices>(m_services, countries);
    connect(m_prices.get(), &NumberPrices::finished, this, [this, go] {
        for (Orphan &o : m_orphans) {
            if (o.kind != QLatin1String("number"))
                continue;
            if (const auto it = m_prices->prices().constFind(o.country); it != m_prices->prices().cend())
                o.monthlyCost = it->monthly;
            else
                m_priceErrors.insert(o.id, m_prices->errors().value(o.country, QStringLiteral("the number's country is unknown")));
        }
        m_prices.release()->deleteLater();
        go();
    });
    m_prices->start();
}

void OrphanSweep::releaseNext()
{
    if (m_releaseIndex >= m_orphans.size()) {
        const bool allReleased = std::all_of(m_orphans.begin(), m_orphans.end(), [](const Orphan &o) { return o.released || o.skipped; });
        return finish(allReleased, allReleased ? QString() : QStringLiteral("some orphans could not be released"));
    }
    Orphan &o = m_orphans[m_releaseIndex];
    if (QString why; !holdOrganizationOf(o.runId, &why)) {
        o.error = QStringLiteral("skipped: %1").arg(why);
        o.skipped = true;
        ++m_releaseIndex;
        return releaseNext();
    }
    // Look again right before the delete: a run may have taken it over (a retry adopting it) or a configuration
    // may reference it since the list was made. Then it is no orphan any more and stays.
    if (stillReferenced(o.id, o.name)) {
        o.error = QStringLiteral("skipped: a live run or a configuration references it now");
        o.released = false;
        o.skipped = true;
        ++m_releaseIndex;
        return releaseNext();
    }
    m_calls.call<bool>([this, kind = o.kind, id = o.id] {
        return kind == QLatin1String("number")      ? m_services.twilio.releaseNumber(id)
               : kind == QLatin1String("assistant") ? m_services.vapi.deleteAssistant(id)
                                                    : m_services.vapi.deletePhoneNumber(id);
    }, [this](const TypedCall<bool> &call) {
        Orphan &o = m_orphans[m_releaseIndex];
        o.released = call.ok();
        o.error = call.ok() ? QString() : call.error().describe();
        AuditRecord audit;
        audit.actor = m_actor;
        audit.action = QStringLiteral("orphan.release");
        audit.runId = o.runId;
        audit.externalIds = {o.id, o.name};
        audit.outcome = o.released ? QStringLiteral("ok") : QStringLiteral("failed");
        audit.detail = o.kind + (o.error.isEmpty() ? QString() : QStringLiteral(": ") + o.error);
        (void)m_services.store.audit().append(audit);
        ++m_releaseIndex;
        releaseNext();
    });
}

bool OrphanSweep::holdOrganizationOf(const QString &runId, QString *why)
{
    if (runId.isEmpty())
        return true;
    if (!m_organizationOfRun.contains(runId)) {
        auto run = m_services.store.runs().find(runId);
        m_organizationOfRun.insert(runId, run ? run->organizationId : 0);
    }
    const qint64 org = m_organizationOfRun.value(runId);
    if (org == 0 || org == m_heldOrganization || m_holds.count(org))
        return true;
    ProvisioningRun hold;
    hold.id = pipeline::ResourceTags::newRunId();
    hold.organizationId = org;
    hold.kind = QStringLiteral("orphans");
    hold.status = RunStatus::Running;
    hold.actor = m_actor;
    auto session = RunSession::create(m_services, hold);
    if (!session) {
        *why = session.error().kind == Error::Kind::Conflict
                   ? QStringLiteral("organization %1 has a setup in progress, which may take it over — run the release again later").arg(org)
                   : session.error().message;
        return false;
    }
    m_holds.emplace(org, std::move(session).value());
    return true;
}

void OrphanSweep::releaseHolds()
{
    for (auto &hold : m_holds)
        (void)hold.second->end(RunStatus::Succeeded, QString(), m_actor, QStringLiteral("orphan.hold"));
    m_holds.clear();
}

bool OrphanSweep::stillReferenced(const QString &id, const QString &name) const
{
    Store &store = m_services.store;
    auto held = store.runs().idsHeldByLiveRuns();
    if (!held)
        return true; // cannot tell: keep it
    if (held->contains(id) || (!name.isEmpty() && name.startsWith(QLatin1Char('+')) && held->contains(name)))
        return true;
    auto configs = store.aiConfigs().all();
    if (!configs)
        return true;
    for (const AiConfig &c : configs.value()) {
        if (c.phoneNumberSid == id || c.inboundAssistantId == id || c.outboundAssistantId == id || c.vapiPhoneNumberId == id)
            return true;
    }
    return false;
}

QJsonObject OrphanSweep::answer(bool ok, const QString &error) const
{
    QJsonArray orphans;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    double monthly = 0;
    for (const Orphan &o : m_orphans) {
        QJsonObject j{{QStringLiteral("kind"), o.kind}, {QStringLiteral("id"), o.id}, {QStringLiteral("name"), o.name}};
        if (!o.runId.isEmpty())
            j.insert(QStringLiteral("runId"), o.runId);
        if (!o.role.isEmpty())
            j.insert(QStringLiteral("role"), o.role);
        if (o.createdAt.isValid())
            j.insert(QStringLiteral("ageDays"), double(o.createdAt.secsTo(now)) / 86400.0);
        if (!o.country.isEmpty())
            j.insert(QStringLiteral("country"), o.country);
        if (o.monthlyCost) {
            j.insert(QStringLiteral("monthlyCostUsd"), *o.monthlyCost);
            monthly += *o.monthlyCost;
        } else if (m_priceErrors.contains(o.id)) {
            j.insert(QStringLiteral("priceError"), m_priceErrors.value(o.id));
        }
        if (m_release) {
            j.insert(QStringLiteral("released"), o.released);
            if (!o.error.isEmpty())
                j.insert(QStringLiteral("error"), o.error);
        }
        orphans.append(j);
    }
    QJsonObject r{{QStringLiteral("success"), ok}, {QStringLiteral("orphans"), orphans},
                  {QStringLiteral("monthlyCostUsd"), monthly}};
    if (!error.isEmpty())
        r.insert(QStringLiteral("message"), error);
    return r;
}

void OrphanSweep::finish(bool ok, const QString &error)
{
    releaseHolds();
    OperationOutcome outcome;
    outcome.result = ok ? OperationOutcome::Result::Succeeded : OperationOutcome::Result::Failed;
    outcome.error = error;
    for (const Orphan &o : std::as_const(m_orphans)) {
        if (m_release && !o.released && !o.skipped)
            outcome.leftovers << QStringLiteral("%1 %2").arg(o.kind, o.id);
    }
    outcome.answer = answer(ok, error);
    conclude(outcome);
}

} // namespace oc
