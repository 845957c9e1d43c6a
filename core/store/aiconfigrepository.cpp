#include "aiconfigrepository.h"

#include "store/sqlvalues.h"

#include <QSqlQuery>

namespace oc {

namespace {

const QString kColumns = QStringLiteral(
    "id, client_id, organization_id, run_id, outbound_assistant_id, inbound_assistant_id, number, phone_number_sid, "
    "vapi_phone_number_id, status, setup_completed, setup_date, created_at, updated_at, twilio_account_sid, vapi_org_id, "
    "assistant_version");

AiConfig readConfig(const QSqlQuery &q)
{
    AiConfig c;
    c.id = q.value(0).toLongLong();
    c.clientId = q.value(1).toString();
    c.organizationId = q.value(2).toLongLong();
    c.runId = q.value(3).toString();
    c.outboundAssistantId = q.value(4).toString();
    c.inboundAssistantId = q.value(5).toString();
    c.number = q.value(6).toString();
    c.phoneNumberSid = q.value(7).toString();
    c.vapiPhoneNumberId = q.value(8).toString();
    c.status = aiConfigStatusFromString(q.value(9).toString()).value_or(AiConfigStatus::Inactive);
    c.setupCompleted = q.value(10).toBool();
    c.setupDate = sql::toTime(q.value(11));
    c.createdAt = sql::toTime(q.value(12));
    c.updatedAt = sql::toTime(q.value(13));
    c.twilioAccountSid = q.value(14).toString();
    c.vapiOrgId = q.value(15).toString();
    c.assistantVersion = q.value(16).toLongLong();
    return c;
}

QVariantList fieldValues(const AiConfig &c)
{
    return {sql::fromText(c.clientId), sql::fromText(c.runId), sql::fromText(c.outboundAssistantId),
            sql::fromText(c.inboundAssistantId), sql::fromText(c.number), sql::fromText(c.phoneNumberSid),
            sql::fromText(c.vapiPhoneNumberId), statusName(c.status), c.setupCompleted, sql::fromTime(c.setupDate),
            sql::fromText(c.twilioAccountSid), sql::fromText(c.vapiOrgId),
            c.assistantVersion > 0 ? QVariant(c.assistantVersion) : QVariant(QMetaType(QMetaType::LongLong))};
}

} // namespace

Result<qint64> AiConfigRepository::insert(const AiConfig &config)
{
    const qint64 now = sql::nowMs();
    QVariantList values{config.organizationId};
    values += fieldValues(config);
    values << now << now;
    auto q = m_db.exec(QStringLiteral("INSERT INTO ai_configs (organization_id, client_id, run_id, outbound_assistant_id, "
                                      "inbound_assistant_id, number, phone_number_sid, vapi_phone_number_id, status, "
                                      "setup_completed, setup_date, twilio_account_sid, vapi_org_id, assistant_version, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                       values);
    if (!q) {
        if (q.error().kind == Error::Kind::Conflict)
            return Error::conflict(QStringLiteral("organization %1 already has an AI configuration").arg(config.organizationId));
        return q.error();
    }
    q.value().next();
    return q.value().value(0).toLongLong();
}

Result<void> AiConfigRepository::update(const AiConfig &config)
{
    QVariantList values = fieldValues(config);
    values << sql::nowMs() << config.organizationId;
    auto q = m_db.exec(QStringLiteral("UPDATE ai_configs SET client_id = ?, run_id = ?, outbound_assistant_id = ?, "
                                      "inbound_assistant_id = ?, number = ?, phone_number_sid = ?, vapi_phone_number_id = ?, "
                                      "status = ?, setup_completed = ?, setup_date = ?, twilio_account_sid = ?, vapi_org_id = ?, assistant_version = ?, updated_at = ? "
                                      "WHERE organization_id = ?"),
                       values);
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("organization %1 has no AI configuration").arg(config.organizationId));
    return {};
}

Result<AiConfig> AiConfigRepository::findByOrganization(qint64 organizationId)
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM ai_configs WHERE organization_id = ?").arg(kColumns), {organizationId});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("organization %1 has no AI configuration").arg(organizationId));
    return readConfig(q.value());
}

Result<AiConfig> AiConfigRepository::findByNumber(const QString &e164)
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM ai_configs WHERE number = ?").arg(kColumns), {e164});
    if (!q)
        return q.error();
    if (!q.value().next())
        return Error::notFound(QStringLiteral("no AI configuration uses %1").arg(e164));
    return readConfig(q.value());
}

Result<QList<AiConfig>> AiConfigRepository::all()
{
    auto q = m_db.execForward(QStringLiteral("SELECT %1 FROM ai_configs ORDER BY id").arg(kColumns));
    if (!q)
        return q.error();
    QList<AiConfig> configs;
    while (q.value().next())
        configs.append(readConfig(q.value()));
    return configs;
}

Result<void> AiConfigRepository::removeForOrganization(qint64 organizationId)
{
    auto q = m_db.exec(QStringLiteral("DELETE FROM ai_configs WHERE organization_id = ?"), {organizationId});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("organization %1 has no AI configuration").arg(organizationId));
    return {};
}

Result<void> AiConfigRepository::setAssistantVersion(qint64 organizationId, qint64 version)
{
    auto q = m_db.exec(QStringLiteral("UPDATE ai_configs SET assistant_version = ?, updated_at = ? WHERE organization_id = ?"),
                       {version, sql::nowMs(), organizationId});
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1)
        return Error::notFound(QStringLiteral("organization %1 has no AI configuration").arg(organizationId));
    return {};
}

} // namespace oc
