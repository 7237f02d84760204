// The SQLite catalog's schema and its migrations.
//
// The file is tagged with PRAGMA application_id = kApplicationId and versioned with PRAGMA
// user_version = schema version. PrepareSchema() on a fresh (empty) file creates the current
// schema; on an older version it applies each migration step in turn, in one transaction; on a
// newer version, a file of another application, a SQLite database that is not ours (untagged but
// holding tables) or a file that is not a SQLite database at all it returns an error naming the
// file. It also sets the connection's pragmas: WAL journal, synchronous=NORMAL.
//
// Schema version 1:
//   entities(blueprint, identifier, integration, kind, resource_index, title, entity_json,
//            properties_json, relations_json, raw_json, first_seen_at, updated_at, resync_id;
//            PRIMARY KEY(blueprint, identifier))
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

inline constexpr int kSchemaVersion = 1;
inline constexpr int kApplicationId = 0x4f434157;  // "OCAW"

core::Status PrepareSchema(Db& db);

}  // namespace ocean::sqlite
