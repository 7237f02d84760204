// SqliteSink: the embedded local catalog — the default sink when no Port credentials are
// configured. One SQLite file holds the entities (by blueprint and identifier, with the mapped
// entity, its properties and relations and the raw resource it came from), the run history and
// each run's per-scope outcomes (schema in sqlite_schema.h).
//
// Semantics:
//   - A row is replaced as a whole (the mapped entity is the truth; enableMergeEntity's
//     property-level merge is a Port API feature and is not emulated), keeping first_seen_at.
//     Each row records the resync that last wrote it. Cached prepared statements.
//   - Group commit (issue 13.2: a commit per batch of <= 100 entities was ~15 % of a resync's
//     CPU): a resync's Upserts (between BeginResync and EndResync) share one transaction,
//     committed once it holds `group_commit_entities` entities or is `group_commit_interval`
//     old (checked at each Upsert), and always before ListOwned, Delete, EndResync, a live write
//     and at Flush (a kind's end). A batch is reported upserted when its rows are written into
//     the open transaction. If a group then fails to commit (or SQLite rolls it back), its rows
//     are gone and the failure sticks to the resync: later Upserts fail, ListOwned returns the
//     error (so reconciliation deletes nothing), Delete deletes nothing, and EndResync records
//     the run as failed with the cause and returns the error. A crash before a commit leaves the
//     catalog as the last commit left it (SQLite's atomicity).
//   - UpsertSync / UpsertLive write one transaction per batch, committed before they return
//     (after committing an open group). If that transaction fails, every entity of the batch is
//     reported failed.
//   - ListOwned returns the entities of this integration that existed before the resync: rows
//     not written by `start.resync_id` (live-event rows, resync_id "", only when last written
//     before its start: a live event during the resync is never a deletion candidate, Ocean's
//     rule), and rows it
//     rewrote whose first_seen_at is older than the resync's start (the deletion rate's
//     denominator, as Ocean's).
//   - Delete removes rows by key (a key already gone is not an error); relation targets are not
//     kept (kept_as_relation_targets stays 0: the local catalog has no referential integrity).
//   - Open marks this integration's runs still "running" (left by a killed process) "aborted",
//     with the message "interrupted: ...".
//   - BeginResync records a "running" run row; EndResync completes it (status, message,
//     reconciliation numbers, the report as JSON) and writes one row per scope.
//   - Everything runs synchronously (SQLite is local); the awaitables complete without suspending.
//
// Thread-safety: none; use a sink from one thread at a time (the resync's event loop). Several
// processes may share the file: WAL mode and a 5 s busy timeout.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/sinks/entity_sink.h"
#include "ocean/sinks/sqlite_db.h"

namespace ocean::sqlite {
struct SinkStatements;
}

namespace ocean {

struct SqliteSinkOptions {
  std::string integration_identifier;  // owner of the rows this sink writes and reconciles
  // Group commit of a resync's upserts (see above); 1 commits every batch on its own.
  long group_commit_entities = 2000;
  std::chrono::milliseconds group_commit_interval{500};
};

// One entity as stored.
struct StoredEntity {
  EntityKey key;
  std::string integration;
  std::string kind;
  int resource_index = 0;
  std::optional<std::string> title;
  json::object entity;   // the mapped entity
  json::value raw;       // the raw resource (null when unknown)
  std::string first_seen_at;
  std::string updated_at;
  std::string resync_id;
};

// One run of the history.
struct StoredRun {
  std::string resync_id;
  std::string integration;
  std::string trigger;
  std::string started_at;
  std::string finished_at;  // "" while running
  std::string status;       // "running", "completed", "failed", "aborted"
  std::string message;
  long deleted = 0;
  std::string reconcile_reason;
  json::value report;       // RunRecord::report_json (the resync's report), null while running
};

struct StoredScope {
  std::string kind;
  int resource_index = 0;
  std::string account_id;
  std::string region;
  std::string state;   // catalog::ScopeStateName
  std::string error;   // "" when none
  long resources = 0;
  long enrichment_errors = 0;
};

class SqliteSink final : public EntitySink {
 public:
  // Opens or creates the catalog at `path` (its directory must exist). Errors name the file:
  // cannot open, not a SQLite database / corrupt, another application's database, a newer schema.
  static core::Result<std::unique_ptr<SqliteSink>> Open(const std::string& path,
                                                        SqliteSinkOptions options);
  ~SqliteSink() override;

  std::string_view name() const override { return "sqlite"; }
  bool keeps_state() const override { return true; }

  boost::asio::awaitable<core::Status> BeginResync(const ResyncStart& start) override;
  boost::asio::awaitable<UpsertOutcome> Upsert(UpsertBatch batch) override;
  boost::asio::awaitable<core::Status> Flush() override;
  boost::asio::awaitable<core::Result<std::vector<EntityKey>>> ListOwned(
      const ResyncStart& start) override;
  // Streams the owned rows (no vector of every key; issue 13.4).
  boost::asio::awaitable<core::Status> ForEachOwned(
      const ResyncStart& start, const std::function<void(const EntityKey&)>& visit) override;
  boost::asio::awaitable<DeleteOutcome> Delete(std::vector<EntityKey> keys,
                                               const PortAppConfig& config,
                                               const ResyncStart& start) override;
  boost::asio::awaitable<core::Status> EndResync(const ResyncStart& start,
                                                 const RunRecord& run) override;
  // Live writes record no resync (resync_id ""), so a running resync never counts them as
  // its own; its ListOwned skips rows written after it began.
  boost::asio::awaitable<UpsertOutcome> UpsertLive(UpsertBatch batch) override;
  boost::asio::awaitable<DeleteOutcome> DeleteLive(std::vector<EntityKey> keys,
                                                   const PortAppConfig& config) override;

  // Marks this integration's runs left `running` (a killed process) aborted; called by Open.
  core::Status MarkInterruptedRuns();
  // The same operations without the coroutine wrapper (the awaitables call these).
  core::Status BeginResyncSync(const ResyncStart& start);
  UpsertOutcome UpsertSync(const UpsertBatch& batch);      // its own transaction
  UpsertOutcome UpsertGroupedSync(const UpsertBatch& batch);  // into the resync's group
  // Commits the open group now. Error: this commit's, or an earlier one's that failed this resync.
  core::Status CommitGroupSync();
  core::Result<std::vector<EntityKey>> ListOwnedSync(const ResyncStart& start);
  core::Status ForEachOwnedSync(const ResyncStart& start,
                                const std::function<void(const EntityKey&)>& visit);
  // `live`: a live event's delete, not refused after a failed group of the running resync.
  DeleteOutcome DeleteSync(const std::vector<EntityKey>& keys, bool live = false);
  core::Status EndResyncSync(const ResyncStart& start, const RunRecord& run);

  // Read API for tests and the CLI summary (all integrations in the file).
  core::Result<long> Count();
  core::Result<std::map<std::string, long>> CountByBlueprint();
  core::Result<std::optional<StoredEntity>> Get(const EntityKey& key);
  core::Result<std::vector<StoredRun>> LastRuns(int n);  // newest first
  core::Result<std::vector<StoredScope>> ScopesOf(const std::string& resync_id);

  const std::string& path() const { return db_.path(); }

 private:
  SqliteSink(sqlite::Db db, SqliteSinkOptions options);
  // Binds and steps one row per entity into the open transaction. Error: SQLite gave the whole
  // transaction up (the rows written so far in it are gone).
  core::Status WriteRows(const UpsertBatch& batch, UpsertOutcome& out);
  // The group's rows were rolled back; if `reported` of them were already reported upserted,
  // the resync cannot be trusted any more (group_failure_).
  void LoseGroup(const core::Status& why, long reported);
  // Commits the open group; on failure loses it (LoseGroup(why, reported)) and returns why.
  core::Status CommitGroup(long reported);
  static void FailAll(const UpsertBatch& batch, const core::Status& why, UpsertOutcome& out);

  sqlite::Db db_;
  SqliteSinkOptions options_;
  std::unique_ptr<sqlite::SinkStatements> stmts_;
  // The resync whose upserts are being written (rows record it); "" outside a resync, so rows
  // written then (e.g. by live events) count as stale until a resync sees them again.
  std::string current_resync_id_;
  // The open group transaction of the resync's upserts (nullopt: none open).
  std::optional<sqlite::Transaction> group_;
  long group_entities_ = 0;
  std::chrono::steady_clock::time_point group_began_;
  // Set when a group's rows were lost; cleared by BeginResync/EndResync.
  core::Status group_failure_;
};

}  // namespace ocean
