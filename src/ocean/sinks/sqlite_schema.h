// The SQLite catalog's schema and its migrations.
//
// The file is tagged with PRAGMA application_id = kApplicationId and versioned with PRAGMA
// user_version = schema version. PrepareSchema() on a fresh (empty) file creates the current
// schema; on an older version it applies each migration step in turn, in one transaction; on a
// newer version, a file of another application, a SQLite database that is not ours (untagged but
// holding tables) or a file that is not a SQLite database at all it returns an error naming the
// file. It also sets the connection's pragmas: WAL journal, synchronous=NORMAL.
//
// Schema version 2 (version 1 had entities WITHOUT ROWID with PRIMARY KEY(blueprint,
// identifier); the migration copies its rows):
//   entities(blueprint, identifier, integration, kind, resource_index, title, entity_json,
//            properties_json, relations_json, raw_json, first_seen_at, updated_at, resync_id)
//            a rowid table, UNIQUE(blueprint, identifier), INDEX(integration, resync_id).
//   Why (issue 13.2): in the WITHOUT ROWID table every row (1-3 KB with its raw JSON) was
//   inserted at a random place of the key order, dirtying a leaf and an overflow page per
//   entity; rows now go to the end of the table, packed, and only the small key index is
//   written at random places. New files use 8 KB pages (two or more rows a page).
//   runs(resync_id PRIMARY KEY, integration, trigger, started_at, finished_at, status, message,
//        owned, stale, protected_stale, deleted, reconcile_reason, report_json)
//   scopes(resync_id, kind, resource_index, account_id, region, state, error, resources,
//          enrichment_errors)
// Times are ISO-8601 UTC text with milliseconds ("2024-01-02T03:04:05.123Z"); JSON columns hold
// compact JSON text.
//
// Thread-safety: as the Db it is given.
#pragma once

#include "core/status.h"
#include "ocean/sinks/sqlite_db.h"

namespace ocean::sqlite {

inline constexpr int kSchemaVersion = 2;
inline constexpr int kApplicationId = 0x4f434157;  // "OCAW"

core::Status PrepareSchema(Db& db);

}  // namespace ocean::sqlite
