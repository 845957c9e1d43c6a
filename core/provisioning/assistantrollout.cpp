#include "assistantrollout.h"

#include "provisioning/rolloutoperation.h"
#include "store/store.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>

namespace oc {

Result<qint64> saveAssistantTemplateVersion(Store &store, const AssistantTemplate &body, const QString &note,
                                            const AssistantTemplate &initial, const QString &actor)
{
    if (auto allowed = store.access().require(DbAction::UpdateAssistants); !allowed)
        return allowed.error();
    if (auto current = store.assistantTemplates().current(initial, actor); !current)
        return current.error();
    auto saved = store.assistantTemplates().save(body, note, actor);
    if (!saved)
        return saved;
    AuditRecord a;
    a.actor = actor;
    a.action = QStringLiteral("assistants.save");
    a.outcome = QStringLiteral("ok");
    a.detail = note.isEmpty() ? QStringLiteral("version %1").arg(saved.value())
                              : QStringLiteral("version %1: %2").arg(saved.value()).arg(note.left(200));
    (void)store.audit().append(a);
    return saved;
}

AssistantRollout::AssistantRollout(ProvisioningServices &services, qint64 version, QList<qint64> organizationIds, QString actor, bool dryRun,
                                   QObject *parent)
    : Operation(parent), m_services(services), m_version(version), m_organizationIds(std::move(organizationIds)), m_actor(std::move(actor)),
      m_dryRun(dryRun)
{
}

AssistantRollout::~AssistantRollout() = default;

Result<qint64> AssistantRollout::previousVersion(ProvisioningServices &services, const QString &actor)
{
    auto current = services.store.assistantTemplates().current(services.assistantTemplate, actor);
    if (!current)
        return current.error();
    auto all = services.store.assistantTemplates().list();
    if (!all)
        return all.error();
    for (const AssistantTemplateVersion &v : all.value()) { // newest first
        if (v.version < current->version)
            return v.version;
    }
    return Error::invalid(QStringLiteral("version %1 is the first assistant template version: there is nothing to roll back to").arg(current->version));
}

void AssistantRollout::start()
{
    QTimer::singleShot(0, this, &AssistantRollout::begin);
}

void AssistantRollout::begin()
{
    Store &store = m_services.store;
    if (auto allowed = store.access().require(m_dryRun ? DbAction::Read : DbAction::UpdateAssistants); !allowed)
        return finish(allowed.error().message, allowed.error().kind);
    if (m_version == 0) { // a rollback
        auto previous = previousVersion(m_services, m_actor);
        if (!previous)
            return finish(previous.error().message, previous.error().kind);
        m_version = previous.value();
    }
    if (auto version = store.assistantTemplates().find(m_version); !version)
        return finish(version.error().message, version.error().kind);
    const bool everyone = m_organizationIds.isEmpty();
    if (everyone) {
        auto configs = store.aiConfigs().all();
        if (!configs)
            return finish(configs.error().message, configs.error().kind);
        for (const AiConfig &c : configs.value()) {
            if (c.setupCompleted && c.status == AiConfigStatus::Active)
                m_organizationIds << c.organizationId;
        }
    }
    if (everyone && !m_dryRun) {
        // New setups use it from now on, also while this rollout runs.
        if (auto made = store.assistantTemplates().makeCurrent(m_version); !made)
            return finish(made.error().message, made.error().kind);
        m_madeCurrent = true;
    }
    Q_EMIT planned(int(m_organizationIds.size()));
    if (m_organizationIds.isEmpty())
        return finish();
    for (qint64 id : std::as_const(m_organizationIds)) {
        auto *op = new RolloutOperation(m_services, id, m_version, m_actor, m_dryRun, this);
        m_operations << op;
        connect(op, &Operation::stepEvent, this, &Operation::stepEvent);
        connect(op, &Operation::finished, this, [this, op] { oneEnded(op); });
    }
    for (RolloutOperation *op : std::as_const(m_operations)) {
        if (m_cancelRequested)
            op->cancel();
        op->start();
    }
}

void AssistantRollout::cancel()
{
    m_cancelRequested = true;
    for (RolloutOperation *op : std::as_const(m_operations)) {
        if (!op->isFinished())
            op->cancel();
    }
}

void AssistantRollout::handBack()
{
    for (RolloutOperation *op : std::as_const(m_operations)) {
        if (!op->isFinished())
            op->handBack();
    }
}

void AssistantRollout::oneEnded(RolloutOperation *op)
{
    Q_EMIT organizationEnded(op->organizationId(), op->outcome().answer);
    if (++m_ended == m_operations.size())
        finish();
}

void AssistantRollout::finish(const QString &error, Error::Kind kind)
{
    OperationOutcome outcome;
    QJsonArray results;
    QStringList errors;
    int succeeded = 0, failed = 0, unchanged = 0;
    bool canceled = false;
    for (const RolloutOperation *op : std::as_const(m_operations)) {
        const OperationOutcome &o = op->outcome();
        results.append(o.answer);
        const QString status = o.answer.value(QLatin1String("status")).toString();
        if (status == QLatin1String("unchanged"))
            ++unchanged;
        else if (o.ok())
            ++succeeded;
        else {
            ++failed;
            errors << QStringLiteral("organization %1: %2").arg(op->organizationId()).arg(o.error);
        }
        canceled = canceled || o.result == OperationOutcome::Result::Canceled;
        outcome.leftovers += o.leftovers;
    }
    if (!error.isEmpty())
        errors.prepend(error);
    const bool ok = errors.isEmpty();
    outcome.result = ok ? OperationOutcome::Result::Succeeded : canceled ? OperationOutcome::Result::Canceled : OperationOutcome::Result::Failed;
    outcome.errorKind = kind;
    outcome.error = !error.isEmpty() ? error
                    : ok          ? QString()
                                  : QStringLiteral("%1 of %2 organizations not updated: %3").arg(failed).arg(m_operations.size())
                                        .arg(errors.join(QStringLiteral("; ")));
    outcome.answer = QJsonObject{{QStringLiteral("success"), ok},
                                 {QStringLiteral("version"), m_version},
                                 {QStringLiteral("dryRun"), m_dryRun},
                                 {QStringLiteral("madeCurrent"), m_madeCurrent},
                                 {QStringLiteral("succeeded"), succeeded},
                                 {QStringLiteral("failed"), failed},
                                 {QStringLiteral("unchanged"), unchanged},
                                 {QStringLiteral("results"), results}};
    if (!outcome.error.isEmpty())
        outcome.answer.insert(QStringLiteral("message"), outcome.error);
    conclude(outcome);
}

} // namespace oc
