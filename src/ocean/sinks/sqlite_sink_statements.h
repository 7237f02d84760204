// The SQLite sink's cached prepared statements (prepared once per open file), its time format and
// how its error lines name an entity.
//
// Thread-safety: as the Db they are prepared on.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.h"
#include "ocean/sinks/entity_sink.h"
#include "ocean/sinks/sqlite_db.h"

namespace ocean::sqlite {

struct SinkStatements {
  Statement begin_run;      // ?1 resync_id ?2 integration ?3 trigger ?4 started_at
  Statement end_run;        // ?1..?13: id, integration, trigger, started, finished, status,
                            // message, owned, stale, protected_stale, deleted, reason, report
  Statement clear_scopes;   // ?1 resync_id
  Statement insert_scope;   // ?1..?9 in scopes column order
  Statement upsert_entity;  // ?1..?12: blueprint, identifier, integration, kind, index, title,
                            // entity, properties, relations, raw, now, resync_id
  Statement delete_entity;  // ?1 blueprint ?2 identifier ?3 integration
  Statement list_owned;     // ?1 integration ?2 current resync_id -> blueprint, identifier

  static core::Result<std::unique_ptr<SinkStatements>> Prepare(Db& db);
};

// The entity upsert `upsert_entity` is prepared from (its parameters above); shared with the
// SQLite floor benchmark (bench/floor_sqlite_bench.cc), which must run the very same statement.
extern const char* const kUpsertEntitySql;

// ISO-8601 UTC with milliseconds: "2024-01-02T03:04:05.123Z".
std::string IsoTime(std::chrono::system_clock::time_point t);

// "blueprint/identifier": how the sink's error lines name an entity.
inline std::string KeyText(const EntityKey& key) { return key.blueprint + "/" + key.identifier; }

}  // namespace ocean::sqlite
