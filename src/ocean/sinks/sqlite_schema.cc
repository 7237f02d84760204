#include "ocean/sinks/sqlite_schema.h"

#include <string>
#include <vector>

namespace ocean::sqlite {

using core::Result;
using core::Status;

namespace {

// migration[i] brings a database from user_version i to i + 1. Append, never edit.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the initial schema.
    R"sql(
CREATE TABLE entities (
  blueprint       TEXT NOT NULL,
  identifier      TEXT NOT NULL,
  integration     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  resource_index  INTEGER NOT NULL,
  title           TEXT,
  entity_json     TEXT NOT NULL,
  properties_json TEXT,
  relations_json  TEXT,
  raw_json        TEXT,
  first_seen_at   TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  resync_id       TEXT NOT NULL,
  PRIMARY KEY (blueprint, identifier)
) WITHOUT ROWID;
CREATE INDEX entities_by_integration ON entities (integration, resync_id);
CREATE TABLE runs (
  resync_id        TEXT PRIMARY KEY,
  integration      TEXT NOT NULL,
  trigger          TEXT NOT NULL,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  status           TEXT NOT NULL,
  message          TEXT NOT NULL DEFAULT '',
  owned            INTEGER,
  stale            INTEGER,
  protected_stale  INTEGER,
  deleted          INTEGER,
  reconcile_reason TEXT,
  report_json      TEXT
);
CREATE INDEX runs_by_start ON runs (started_at);
CREATE TABLE scopes (
  resync_id         TEXT NOT NULL REFERENCES runs (resync_id) ON DELETE CASCADE,
  kind              TEXT NOT NULL,
  resource_index    INTEGER NOT NULL,
  account_id        TEXT NOT NULL,
  region            TEXT NOT NULL,
  state             TEXT NOT NULL,
  error             TEXT,
  resources         INTEGER NOT NULL,
  enrichment_errors INTEGER NOT NULL
);
CREATE INDEX scopes_by_run ON scopes (resync_id);
)sql",
    // 1 -> 2: entities as a rowid table (rows appended in write order, not placed by key).
    R"sql(
CREATE TABLE entities_v2 (
  blueprint       TEXT NOT NULL,
  identifier      TEXT NOT NULL,
  integration     TEXT NOT NULL,
  kind            TEXT NOT NULL,
  resource_index  INTEGER NOT NULL,
  title           TEXT,
  first_seen_at   TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  resync_id       TEXT NOT NULL,
  entity_json     TEXT NOT NULL,
  properties_json TEXT,
  relations_json  TEXT,
  raw_json        TEXT
);
INSERT INTO entities_v2 (blueprint, identifier, integration, kind, resource_index, title,
                         first_seen_at, updated_at, resync_id, entity_json, properties_json,
                         relations_json, raw_json)
  SELECT blueprint, identifier, integration, kind, resource_index, title, first_seen_at,
         updated_at, resync_id, entity_json, properties_json, relations_json, raw_json
  FROM entities ORDER BY blueprint, identifier;
DROP TABLE entities;
ALTER TABLE entities_v2 RENAME TO entities;
CREATE UNIQUE INDEX entities_by_key ON entities (blueprint, identifier);
CREATE INDEX entities_by_integration ON entities (integration, resync_id);
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

Result<std::int64_t> PragmaInt(Db& db, const char* pragma) {
  CORE_ASSIGN_OR_RETURN(Statement st,
                        Statement::Prepare(db, std::string("PRAGMA ") + pragma,
                                           std::string("read ") + pragma));
  CORE_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? st.Int(0) : 0;
}

Status NotACatalog(const Db& db, const std::string& why) {
  return Status::InvalidArgument("SQLite catalog " + db.path() +
                                 " is not an ocean-aws catalog: " + why);
}

// Reads the header pragmas; a non-SQLite or corrupt file fails here.
Status CheckOwnership(Db& db, std::int64_t& version) {
  Result<std::int64_t> app = PragmaInt(db, "application_id");
  if (!app.ok()) {
    if (app.status().code() == core::StatusCode::kParseError) {
      return Status::ParseError("SQLite catalog " + db.path() +
                                " is not a SQLite database or is corrupt: " +
                                app.status().message());
    }
    return app.status();
  }
  CORE_ASSIGN_OR_RETURN(version, PragmaInt(db, "user_version"));
  if (*app != 0 && *app != kApplicationId) {
    return NotACatalog(db, "it belongs to another application (application_id " +
                               std::to_string(*app) + ")");
  }
  if (*app == 0) {
    CORE_ASSIGN_OR_RETURN(Statement st,
                          Statement::Prepare(db, "SELECT count(*) FROM sqlite_schema",
                                             "inspect existing tables"));
    CORE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (row && st.Int(0) > 0) {
      return NotACatalog(db, "it is a SQLite database holding " + std::to_string(st.Int(0)) +
                                 " other objects");
    }
    version = 0;
  }
  if (version > kSchemaVersion) {
    return Status::InvalidArgument("SQLite catalog " + db.path() + " has schema version " +
                                   std::to_string(version) + ", newer than this build's " +
                                   std::to_string(kSchemaVersion) + "; upgrade ocean-aws");
  }
  return Status::Ok();
}

}  // namespace

Status PrepareSchema(Db& db) {
  std::int64_t version = 0;
  CORE_RETURN_IF_ERROR(CheckOwnership(db, version));
  // A new file's page size (it cannot change once the file has pages in WAL mode): 8 KB holds
  // two or more entity rows with their raw JSON (issue 13.2).
  if (version == 0) CORE_RETURN_IF_ERROR(db.Exec("PRAGMA page_size=8192", "set page size"));
  // WAL persists in the file; setting it again is cheap. It fails on read-only media only.
  CORE_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL", "enable WAL"));
  // cache_size: 4 MB of pages (default 2 MB). A resync's upserts walk the entity table and its
  // indexes; with the default cache every batch re-read the pages it had just written from the
  // WAL (pread was ~10 % of a 100,000-resource resync's CPU, issue 13.2). The cache grows to
  // this only for catalogs that large. 16 MB gained little CPU over 2 MB (pread 10.9 -> 9.4 %)
  // and was 16 of the 128 MB a 1,000-account resync may use (issue 13.4); entities are now
  // appended (rowid table), so the hot pages are the table's tail and the key index.
  CORE_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                               "PRAGMA cache_size=-4096",
                               "set connection pragmas"));
  if (version == kSchemaVersion) return Status::Ok();

  Transaction tx(db);
  CORE_RETURN_IF_ERROR(tx.status());
  // Another process may have migrated between our read and BEGIN IMMEDIATE; re-read under lock.
  CORE_ASSIGN_OR_RETURN(std::int64_t locked_version, PragmaInt(db, "user_version"));
  for (std::int64_t v = locked_version; v < kSchemaVersion; ++v) {
    CORE_RETURN_IF_ERROR(db.Exec(kMigrations[v], "migrate schema from version " +
                                                     std::to_string(v) + " to " +
                                                     std::to_string(v + 1)));
  }
  CORE_RETURN_IF_ERROR(db.Exec("PRAGMA application_id=" + std::to_string(kApplicationId) +
                                   "; PRAGMA user_version=" + std::to_string(kSchemaVersion),
                               "record schema version"));
  return tx.Commit();
}

}  // namespace ocean::sqlite
