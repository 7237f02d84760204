// The SQLite sink's cached prepared statements (prepared once per open file) and its time format.
//
// Thread-safety: as the Db they are prepared on.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.h"
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

// ISO-8601 UTC with milliseconds: "2024-01-02T03:04:05.123Z".
std::string IsoTime(std::chrono::system_clock::time_point t);

}  // namespace ocean::sqlite
