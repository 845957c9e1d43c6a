#pragma once

#include "store/aiconfigrepository.h"
#include "store/assistanttemplaterepository.h"
#include "store/auditrepository.h"
#include "store/database.h"
#include "store/dbrole.h"
#include "store/organizationrepository.h"
#include "store/runrepository.h"
#include "store/statsrepository.h"
#include "store/tokenrepository.h"
#include "store/workerrepository.h"

#include <memory>

namespace oc {

// The SQL store: one connection, migrated, with its repositories.
class Store
{
public:
    // Opens the database, applies pending migrations (refusing a newer schema) and reads its role.
    static Result<std::unique_ptr<Store>> open(const DatabaseUrl &url);

    Database &database() { return *m_db; }
    // What the connected database role may do (read once at open): operations check it before they write.
    const DbRole &access() const { return m_access; }
    OrganizationRepository &organizations() { return m_organizations; }
    AiConfigRepository &aiConfigs() { return m_aiConfigs; }
    RunRepository &runs() { return m_runs; }
    AuditRepository &audit() { return m_audit; }
    StatsRepository &stats() { return m_stats; }
    TokenRepository &tokens() { return m_tokens; }
    WorkerRepository &workers() { return m_workers; }
    AssistantTemplateRepository &assistantTemplates() { return m_templates; }

private:
    explicit Store(std::unique_ptr<Database> db);

    std::unique_ptr<Database> m_db;
    DbRole m_access;
    OrganizationRepository m_organizations;
    AiConfigRepository m_aiConfigs;
    RunRepository m_runs;
    AuditRepository m_audit;
    StatsRepository m_stats;
    TokenRepository m_tokens;
    WorkerRepository m_workers;
    AssistantTemplateRepository m_templates;
};

} // namespace oc
