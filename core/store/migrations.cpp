#include "migrations.h"

namespace oc {

namespace {

Migration initialSchema()
{
    Migration m{1, "initial schema", {}, {}, {}};
    m.common = QStringList{
        QStringLiteral(R"(CREATE TABLE organizations (
            id {{ID}},
            company_name {{TEXT_C}} NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','verified','rejected','suspended')),
            is_verified BOOLEAN NOT NULL DEFAULT FALSE,
            owner_id TEXT,
            owner_name {{TEXT_C}},
            owner_email {{TEXT_C}} NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"),
        // Each sortable column has an index ending in id, so paging by key stays instant at a million rows.
        QStringLiteral("CREATE INDEX organizations_created ON organizations (created_at, id)"),
        QStringLiteral("CREATE INDEX organizations_name ON organizations (lower(company_name), id)"),
        QStringLiteral("CREATE INDEX organizations_email ON organizations (lower(owner_email), id)"),
        QStringLiteral("CREATE INDEX organizations_status ON organizations (status, id)"),

        QStringLiteral(R"(CREATE TABLE ai_configs (
            id {{ID}},
            organization_id BIGINT NOT NULL UNIQUE REFERENCES organizations (id),
            client_id TEXT,
            run_id TEXT,
            outbound_assistant_id TEXT,
            inbound_assistant_id TEXT,
            number TEXT,
            phone_number_sid TEXT,
            vapi_phone_number_id TEXT,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive','suspended')),
            setup_completed BOOLEAN NOT NULL DEFAULT FALSE,
            setup_date BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL))"),
        QStringLiteral("CREATE INDEX ai_configs_number ON ai_configs (number)"),

        QStringLiteral(R"(CREATE TABLE provisioning_runs (
            id TEXT PRIMARY KEY,
            organization_id BIGINT NOT NULL REFERENCES organizations (id),
            kind TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running','compensating','succeeded','rolled_back','needs_attention','canceled')),
            country_code TEXT,
            area_code TEXT,
            actor TEXT NOT NULL,
            lease_owner TEXT,
            lease_expires_at BIGINT,
            started_at BIGINT NOT NULL,
            finished_at BIGINT,
            setup_time_ms BIGINT,
            failed_step TEXT,
            error TEXT,
            updated_at BIGINT NOT NULL))"),
        // One live run per organization: the second console to start one gets a unique violation.
        QStringLiteral("CREATE UNIQUE INDEX provisioning_runs_one_live ON provisioning_runs (organization_id) "
                       "WHERE status IN ('running','compensating')"),
        QStringLiteral("CREATE INDEX provisioning_runs_org ON provisioning_runs (organization_id, started_at)"),
        QStringLiteral("CREATE INDEX provisioning_runs_status ON provisioning_runs (status)"),

        QStringLiteral(R"(CREATE TABLE run_steps (
            run_id TEXT NOT NULL REFERENCES provisioning_runs (id),
            step TEXT NOT NULL,
            status TEXT NOT NULL,
            attempt INTEGER NOT NULL DEFAULT 0,
            external_id TEXT,
            lookup_tag TEXT,
            detail TEXT,
            error TEXT,
            started_at BIGINT,
            finished_at BIGINT,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (run_id, step)))"),

        QStringLiteral(R"(CREATE TABLE audit_log (
            id {{ID}},
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            organization_id BIGINT,
            run_id TEXT,
            external_ids TEXT,
            outcome TEXT NOT NULL,
            detail TEXT))"),
        QStringLiteral("CREATE INDEX audit_log_at ON audit_log (at, id)"),
        QStringLiteral("CREATE INDEX audit_log_org ON audit_log (organization_id, at)"),
    };
    // The audit log is append-only, enforced by the database itself.
    m.sqliteOnly = QStringList{
        QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
        QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
    };
    m.postgresOnly = QStringList{
        QStringLiteral("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"),
        QStringLiteral("CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
                       "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"),
    };
    return m;
}

// The dashboard's aggregates and the audit log's action filter as index range scans, covering where they can,
// so they stay fast at a million organizations.
Migration dashboardIndexes()
{
    Migration m{2, "indexes for the dashboard and the audit filters", {}, {}, {}};
    m.common = QStringList{
        QStringLiteral("CREATE INDEX provisioning_runs_outcome ON provisioning_runs (status, kind, failed_step)"),
        QStringLiteral("CREATE INDEX provisioning_runs_setup_time ON provisioning_runs (status, setup_time_ms)"),
        QStringLiteral("CREATE INDEX ai_configs_state ON ai_configs (status, setup_completed)"),
        QStringLiteral("CREATE INDEX audit_log_action ON audit_log (action, at, id)"),
    };
    return m;
}

// Engine v2: every claim of a run bumps its lease epoch, the fencing token every write of the run is checked
// against; a configuration records the vendor accounts that own its resources, so cleanup never trusts a 404
// from another account.
Migration fencing()
{
    Migration m{3, "lease epochs (fencing) and the owning vendor accounts", {}, {}, {}};
    m.common = QStringList{
        QStringLiteral("ALTER TABLE provisioning_runs ADD COLUMN lease_epoch BIGINT NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE ai_configs ADD COLUMN twilio_account_sid TEXT"),
        QStringLiteral("ALTER TABLE ai_configs ADD COLUMN vapi_org_id TEXT"),
    };
    return m;
}

// Service mode: API tokens for `orgctl serve`, by name and role; only a SHA-256 of each token is kept.
Migration apiTokens()
{
    Migration m{4, "API tokens of the service (hashes only)", {}, {}, {}};
    m.common = QStringList{
        QStringLiteral(R"(CREATE TABLE api_tokens (
            name {{TEXT_C}} PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('viewer','operator','admin')),
            token_sha256 TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            created_by TEXT,
            revoked_at BIGINT))"),
    };
    return m;
}

} // namespace

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> all{initialSchema(), dashboardIndexes(), fencing(), apiTokens()};
    return all;
}

} // namespace oc
