#include "migrations.h"

#include "store/databaseroles.h"

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


// Team mode: queued runs (drained by workers), cancel requests an owner honours, the workers' heartbeats, and
// a feed of every run and step change for watchers — PostgreSQL NOTIFY from triggers, SQLite an event table
// its watchers poll (PRAGMA data_version says when to look).
Migration teamMode()
{
    Migration m{5, "team mode: the queue, cancel requests, workers and the run feed", {}, {}, {}};
    const QString runsTable = QStringLiteral(R"(CREATE TABLE %1 (
            id TEXT PRIMARY KEY,
            organization_id BIGINT NOT NULL REFERENCES organizations (id),
            kind TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued','running','compensating','succeeded','rolled_back','needs_attention','canceled')),
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
            updated_at BIGINT NOT NULL,
            lease_epoch BIGINT NOT NULL DEFAULT 0,
            queued_at BIGINT,
            cancel_requested_at BIGINT,
            cancel_requested_by TEXT))");
    const QString columns = QStringLiteral("id, organization_id, kind, status, country_code, area_code, actor, lease_owner, "
                                           "lease_expires_at, started_at, finished_at, setup_time_ms, failed_step, error, "
                                           "updated_at, lease_epoch");
    m.sqliteRebuildsTables = true;
    m.sqliteOnly = QStringList{
        runsTable.arg(QStringLiteral("provisioning_runs_v5")),
        QStringLiteral("INSERT INTO provisioning_runs_v5 (%1) SELECT %1 FROM provisioning_runs").arg(columns),
        QStringLiteral("DROP TABLE provisioning_runs"),
        QStringLiteral("ALTER TABLE provisioning_runs_v5 RENAME TO provisioning_runs"),
        QStringLiteral("CREATE INDEX provisioning_runs_org ON provisioning_runs (organization_id, started_at)"),
        QStringLiteral("CREATE INDEX provisioning_runs_status ON provisioning_runs (status)"),
        QStringLiteral("CREATE INDEX provisioning_runs_outcome ON provisioning_runs (status, kind, failed_step)"),
        QStringLiteral("CREATE INDEX provisioning_runs_setup_time ON provisioning_runs (status, setup_time_ms)"),
        // The feed: one row per change of a run or a step, written by the database itself whoever writes.
        QStringLiteral(R"(CREATE TABLE run_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at BIGINT NOT NULL,
            run_id TEXT NOT NULL,
            organization_id BIGINT,
            kind TEXT,
            step TEXT,
            status TEXT NOT NULL,
            attempt INTEGER,
            detail TEXT,
            error TEXT,
            owner TEXT))"),
        QStringLiteral("CREATE TRIGGER run_events_run_insert AFTER INSERT ON provisioning_runs BEGIN "
                       "INSERT INTO run_events (at, run_id, organization_id, kind, status, error, owner) VALUES "
                       "(CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER), NEW.id, NEW.organization_id, "
                       "NEW.kind, NEW.status, substr(NEW.error, 1, 1000), NEW.lease_owner); END"),
        QStringLiteral("CREATE TRIGGER run_events_run_update AFTER UPDATE OF status, lease_owner, cancel_requested_at "
                       "ON provisioning_runs BEGIN "
                       "INSERT INTO run_events (at, run_id, organization_id, kind, status, error, owner) VALUES "
                       "(CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER), NEW.id, NEW.organization_id, "
                       "NEW.kind, NEW.status, substr(NEW.error, 1, 1000), NEW.lease_owner); END"),
        QStringLiteral("CREATE TRIGGER run_events_step_insert AFTER INSERT ON run_steps BEGIN "
                       "INSERT INTO run_events (at, run_id, step, status, attempt, detail, error) VALUES "
                       "(CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER), NEW.run_id, NEW.step, "
                       "NEW.status, NEW.attempt, substr(NEW.detail, 1, 1000), substr(NEW.error, 1, 1000)); END"),
        QStringLiteral("CREATE TRIGGER run_events_step_update AFTER UPDATE ON run_steps BEGIN "
                       "INSERT INTO run_events (at, run_id, step, status, attempt, detail, error) VALUES "
                       "(CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER), NEW.run_id, NEW.step, "
                       "NEW.status, NEW.attempt, substr(NEW.detail, 1, 1000), substr(NEW.error, 1, 1000)); END"),
        // Watchers read what is new within seconds; the table keeps the last 20,000 changes.
        QStringLiteral("CREATE TRIGGER run_events_prune AFTER INSERT ON run_events WHEN NEW.id % 1000 = 0 BEGIN "
                       "DELETE FROM run_events WHERE id <= NEW.id - 20000; END"),
    };
    m.postgresOnly = QStringList{
        QStringLiteral("ALTER TABLE provisioning_runs DROP CONSTRAINT provisioning_runs_status_check"),
        QStringLiteral("ALTER TABLE provisioning_runs ADD CONSTRAINT provisioning_runs_status_check CHECK (status IN "
                       "('queued','running','compensating','succeeded','rolled_back','needs_attention','canceled'))"),
        QStringLiteral("ALTER TABLE provisioning_runs ADD COLUMN queued_at BIGINT"),
        QStringLiteral("ALTER TABLE provisioning_runs ADD COLUMN cancel_requested_at BIGINT"),
        QStringLiteral("ALTER TABLE provisioning_runs ADD COLUMN cancel_requested_by TEXT"),
        QStringLiteral("DROP INDEX provisioning_runs_one_live"),
        QStringLiteral(R"(CREATE FUNCTION run_feed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_TABLE_NAME = 'provisioning_runs' THEN
                PERFORM pg_notify('orgconsole_runs', json_build_object(
                  'at', FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint, 'run', NEW.id,
                  'org', NEW.organization_id, 'kind', NEW.kind, 'status', NEW.status,
                  'error', left(NEW.error, 1000), 'owner', NEW.lease_owner)::text);
              ELSE
                PERFORM pg_notify('orgconsole_runs', json_build_object(
                  'at', FLOOR(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint, 'run', NEW.run_id,
                  'step', NEW.step, 'status', NEW.status, 'attempt', NEW.attempt,
                  'detail', left(NEW.detail, 1000), 'error', left(NEW.error, 1000))::text);
              END IF;
              RETURN NULL;
            END $$)"),
        QStringLiteral("CREATE TRIGGER run_feed_run AFTER INSERT OR UPDATE OF status, lease_owner, cancel_requested_at "
                       "ON provisioning_runs FOR EACH ROW EXECUTE FUNCTION run_feed_notify()"),
        QStringLiteral("CREATE TRIGGER run_feed_step AFTER INSERT OR UPDATE ON run_steps "
                       "FOR EACH ROW EXECUTE FUNCTION run_feed_notify()"),
    };
    const QStringList after{
        // One queued or live run per organization: the second to queue or start one gets a unique violation.
        QStringLiteral("CREATE UNIQUE INDEX provisioning_runs_one_live ON provisioning_runs (organization_id) "
                       "WHERE status IN ('queued','running','compensating')"),
        // The queue, oldest first, as an index of just the waiting runs.
        QStringLiteral("CREATE INDEX provisioning_runs_queue ON provisioning_runs (queued_at, id) WHERE status = 'queued'"),
        // The consoles' runs list: the newest runs first, without sorting the history.
        QStringLiteral("CREATE INDEX provisioning_runs_started ON provisioning_runs (started_at, id)"),
        QStringLiteral(R"(CREATE TABLE workers (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            host TEXT NOT NULL,
            actor TEXT NOT NULL,
            concurrency INTEGER NOT NULL,
            running INTEGER NOT NULL DEFAULT 0,
            started_at BIGINT NOT NULL,
            heartbeat_at BIGINT NOT NULL,
            stopped_at BIGINT))"),
    };
    // After the engine's own statements (the rebuild, the dropped index), so these are in both lists.
    m.sqliteOnly += after;
    m.postgresOnly += after;
    return m;
}

// Team roles: PostgreSQL refuses what a role may not do (DatabaseRoles: the roles when the migrating user may
// create them, their GRANTs, row-level security), and every audit record names the database user that wrote
// it — set by the database, whatever the writer sends. SQLite has one user: only the (empty) column.
Migration databaseRoles()
{
    Migration m{6, "team roles: grants, row-level security, the audit log's database role", {}, {}, {}};
    m.sqliteOnly = QStringList{QStringLiteral("ALTER TABLE audit_log ADD COLUMN db_role TEXT")};
    m.postgresOnly = QStringList{
        // Added first, defaulted after: the records from before say nothing rather than the migrating user.
        QStringLiteral("ALTER TABLE audit_log ADD COLUMN db_role TEXT"),
        QStringLiteral("ALTER TABLE audit_log ALTER COLUMN db_role SET DEFAULT current_user"),
        QStringLiteral("CREATE FUNCTION audit_log_db_role() RETURNS trigger LANGUAGE plpgsql AS "
                       "$$ BEGIN NEW.db_role := current_user; RETURN NEW; END $$"),
        QStringLiteral("CREATE TRIGGER audit_log_db_role BEFORE INSERT ON audit_log "
                       "FOR EACH ROW EXECUTE FUNCTION audit_log_db_role()"),
    };
    m.postgresOnly += DatabaseRoles::statements(6);
    return m;
}

// Instant search: substring search over company, owner and e-mail as a trigram index lookup, back-filled here for
// the rows there are. SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34), contentless (it holds the
// index, not a second copy of the text), kept in sync by triggers. It indexes the text as lower() makes it (ASCII
// only, as the LIKE it replaces folds case) and matches case-sensitively, so its answers are exactly LIKE's and a
// count is read from the index alone. The status is indexed too, as its first three letters (one trigram, unique
// per status), so a status filter with a search is also answered by the index. A contentless table forgets a row
// through the 'delete' command given the values it indexed, hence the triggers' OLD values.
// PostgreSQL: pg_trgm GIN indexes on the expressions the search already uses. pg_trgm is a trusted extension (a
// database owner may create it); where it cannot be created the migration still succeeds without the indexes and
// search scans the table (OrganizationRepository logs a warning).
Migration searchIndex()
{
    Migration m{7, "trigram index for substring search", {}, {}, {}};
    const QString indexed = QStringLiteral("lower(%1company_name), lower(%1owner_name), lower(%1owner_email), substr(%1status, 1, 3)");
    const QString insertRow = QStringLiteral("INSERT INTO organizations_search (rowid, company_name, owner_name, owner_email, status) "
                                             "VALUES (NEW.id, %1)").arg(indexed.arg(QStringLiteral("NEW.")));
    const QString deleteRow = QStringLiteral("INSERT INTO organizations_search (organizations_search, rowid, company_name, owner_name, "
                                             "owner_email, status) VALUES ('delete', OLD.id, %1)").arg(indexed.arg(QStringLiteral("OLD.")));
    m.sqliteOnly = QStringList{
        QStringLiteral("CREATE VIRTUAL TABLE organizations_search USING fts5(company_name, owner_name, owner_email, status, "
                       "content='', columnsize=0, tokenize='trigram case_sensitive 1')"),
        QStringLiteral("INSERT INTO organizations_search (rowid, company_name, owner_name, owner_email, status) "
                       "SELECT id, %1 FROM organizations").arg(indexed.arg(QString())),
        QStringLiteral("CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations BEGIN %1; END").arg(insertRow),
        QStringLiteral("CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations BEGIN %1; END").arg(deleteRow),
        QStringLiteral("CREATE TRIGGER organizations_search_update AFTER UPDATE OF id, company_name, owner_name, owner_email, status "
                       "ON organizations BEGIN %1; %2; END").arg(deleteRow, insertRow),
    };
    // The extension's schema may be any (an existing installation): the operator class is named through it.
    m.postgresOnly = QStringList{
        QStringLiteral(R"(DO $orgconsole$
DECLARE
  trgm text;
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'OrgConsole search index not created (search scans the table): %', SQLERRM;
  END;
  SELECT n.nspname INTO trgm FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
  IF trgm IS NULL THEN
    RETURN;
  END IF;
  SET LOCAL maintenance_work_mem = '256MB';
  EXECUTE format('CREATE INDEX organizations_search_company ON organizations USING gin (lower(company_name) %I.gin_trgm_ops)', trgm);
  EXECUTE format('CREATE INDEX organizations_search_owner ON organizations USING gin (lower(owner_name) %I.gin_trgm_ops)', trgm);
  EXECUTE format('CREATE INDEX organizations_search_email ON organizations USING gin (lower(owner_email) %I.gin_trgm_ops)', trgm);
END
$orgconsole$)"),
        // The planner weighs the new indexes by the expressions' statistics: gather them now, not at autovacuum's leisure.
        QStringLiteral("ANALYZE organizations"),
    };
    return m;
}

// Assistant configuration rollout (issue 13): the assistants' template as numbered versions — the one new setups
// use is the one made current last (current_since) — each configuration's version, and what a run was asked to do
// beyond country and area code (params, JSON: the template version a setup or rollout uses, the bundle and address
// a purchase carries), so whoever finishes an interrupted run does exactly what it was asked.
Migration assistantVersions()
{
    Migration m{8, "assistant template versions, each configuration's version, run parameters", {}, {}, {}};
    m.common = QStringList{
        QStringLiteral(R"(CREATE TABLE assistant_templates (
            version BIGINT PRIMARY KEY,
            body TEXT NOT NULL,
            note {{TEXT_C}},
            created_by TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            current_since BIGINT))"),
        QStringLiteral("CREATE INDEX assistant_templates_current ON assistant_templates (current_since)"),
        QStringLiteral("ALTER TABLE ai_configs ADD COLUMN assistant_version BIGINT"),
        QStringLiteral("CREATE INDEX ai_configs_assistant_version ON ai_configs (assistant_version)"),
        QStringLiteral("ALTER TABLE provisioning_runs ADD COLUMN params TEXT"),
    };
    m.postgresOnly = DatabaseRoles::statements(8);
    return m;
}

} // namespace

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> all{initialSchema(), dashboardIndexes(), fencing(), apiTokens(), teamMode(), databaseRoles(),
                                             searchIndex(), assistantVersions()};
    return all;
}

} // namespace oc
