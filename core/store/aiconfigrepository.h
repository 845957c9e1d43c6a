#pragma once

#include "domain/aiconfig.h"
#include "store/database.h"
#include "util/result.h"

#include <QList>

namespace oc {

class AiConfigRepository
{
public:
    explicit AiConfigRepository(Database &db) : m_db(db) {}

    // Conflict when the organization already has one: a config is never silently replaced.
    Result<qint64> insert(const AiConfig &config);
    Result<void> update(const AiConfig &config);
    Result<AiConfig> findByOrganization(qint64 organizationId);
    Result<AiConfig> findByNumber(const QString &e164);
    Result<QList<AiConfig>> all();
    Result<void> removeForOrganization(qint64 organizationId);
    // Records that the organization's assistants now have template `version` (a rollout's last step).
    Result<void> setAssistantVersion(qint64 organizationId, qint64 version);

private:
    Database &m_db;
};

} // namespace oc
