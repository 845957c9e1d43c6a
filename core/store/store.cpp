#include "store.h"

#include "store/migrator.h"

namespace oc {

Store::Store(std::unique_ptr<Database> db)
    : m_db(std::move(db)), m_organizations(*m_db), m_aiConfigs(*m_db), m_runs(*m_db), m_audit(*m_db), m_stats(*m_db), m_tokens(*m_db), m_workers(*m_db), m_templates(*m_db)
{
}

Result<std::unique_ptr<Store>> Store::open(const DatabaseUrl &url)
{
    auto db = Database::open(url);
    if (!db)
        return db.error();
    auto migrated = Migrator(*db.value()).migrate();
    if (!migrated)
        return migrated.error();
    auto access = DbRole::detect(*db.value());
    if (!access)
        return access.error();
    std::unique_ptr<Store> store(new Store(std::move(db).value()));
    store->m_access = std::move(access).value();
    return store;
}

} // namespace oc
