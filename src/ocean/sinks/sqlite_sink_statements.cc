#include "ocean/sinks/sqlite_sink_statements.h"

#include "core/timestamp.h"

namespace ocean::sqlite {

namespace {

constexpr const char* kBeginRun = R"sql(
INSERT INTO runs (resync_id, integration, "trigger", started_at, status)
VALUES (?1, ?2, ?3, ?4, 'running')
ON CONFLICT (resync_id) DO UPDATE SET
  integration = excluded.integration, "trigger" = excluded."trigger",
  started_at = excluded.started_at, status = 'running')sql";

constexpr const char* kEndRun = R"sql(
INSERT INTO runs (resync_id, integration, "trigger", started_at, finished_at, status, message,
                  owned, stale, protected_stale, deleted, reconcile_reason, report_json)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
ON CONFLICT (resync_id) DO UPDATE SET
  integration = excluded.integration, "trigger" = excluded."trigger",
  finished_at = excluded.finished_at, status = excluded.status, message = excluded.message,
  owned = excluded.owned, stale = excluded.stale, protected_stale = excluded.protected_stale,
  deleted = excluded.deleted, reconcile_reason = excluded.reconcile_reason,
  report_json = excluded.report_json)sql";

constexpr const char* kClearScopes = "DELETE FROM scopes WHERE resync_id = ?1";

constexpr const char* kInsertScope = R"sql(
INSERT INTO scopes (resync_id, kind, resource_index, account_id, region, state, error, resources,
                    enrichment_errors)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql";

constexpr const char* kDeleteEntity =
    "DELETE FROM entities WHERE blueprint = ?1 AND identifier = ?2 AND integration = ?3";

constexpr const char* kListOwned = R"sql(
SELECT blueprint, identifier FROM entities
WHERE integration = ?1 AND ((resync_id <> ?2 AND (resync_id <> '' OR updated_at < ?3))
                          OR (resync_id = ?2 AND first_seen_at < ?3))
ORDER BY blueprint, identifier)sql";

}  // namespace

// first_seen_at survives updates; everything else is the latest mapping's.
const char* const kUpsertEntitySql = R"sql(
INSERT INTO entities (blueprint, identifier, integration, kind, resource_index, title,
                      entity_json, properties_json, relations_json, raw_json, first_seen_at,
                      updated_at, resync_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)
ON CONFLICT (blueprint, identifier) DO UPDATE SET
  integration = excluded.integration, kind = excluded.kind,
  resource_index = excluded.resource_index, title = excluded.title,
  entity_json = excluded.entity_json, properties_json = excluded.properties_json,
  relations_json = excluded.relations_json, raw_json = excluded.raw_json,
  updated_at = excluded.updated_at, resync_id = excluded.resync_id)sql";

core::Result<std::unique_ptr<SinkStatements>> SinkStatements::Prepare(Db& db) {
  CORE_ASSIGN_OR_RETURN(Statement begin_run, Statement::Prepare(db, kBeginRun, "record run start"));
  CORE_ASSIGN_OR_RETURN(Statement end_run, Statement::Prepare(db, kEndRun, "record run end"));
  CORE_ASSIGN_OR_RETURN(Statement clear_scopes,
                        Statement::Prepare(db, kClearScopes, "clear run scopes"));
  CORE_ASSIGN_OR_RETURN(Statement insert_scope,
                        Statement::Prepare(db, kInsertScope, "record scope outcome"));
  CORE_ASSIGN_OR_RETURN(Statement upsert_entity,
                        Statement::Prepare(db, kUpsertEntitySql, "upsert entity"));
  CORE_ASSIGN_OR_RETURN(Statement delete_entity,
                        Statement::Prepare(db, kDeleteEntity, "delete entity"));
  CORE_ASSIGN_OR_RETURN(Statement list_owned,
                        Statement::Prepare(db, kListOwned, "list owned entities"));
  return std::unique_ptr<SinkStatements>(new SinkStatements{
      std::move(begin_run), std::move(end_run), std::move(clear_scopes), std::move(insert_scope),
      std::move(upsert_entity), std::move(delete_entity), std::move(list_owned)});
}

std::string IsoTime(std::chrono::system_clock::time_point t) {
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch());
  return core::FormatIso8601Millis(core::Timestamp{micros.count()});
}

}  // namespace ocean::sqlite
