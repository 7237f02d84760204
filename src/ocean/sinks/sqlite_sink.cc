// SqliteSink: opening the catalog (schema, statements, runs left `running` by a dead process),
// a resync's run record (BeginResync / EndResync) and the EntitySink coroutines, each of which
// runs its synchronous counterpart. Upserts are written in sqlite_sink_write.cc (grouped in
// sqlite_sink_group.cc), the owned keys listed and deleted in sqlite_sink_reconcile.cc, live
// writes in sqlite_sink_live.cc; the read API lives in sqlite_sink_read.cc.
//
// Thread-safety: none, as sqlite_sink.h: one thread at a time (the resync's event loop).
#include "ocean/sinks/sqlite_sink.h"

#include "core/log.h"
#include "ocean/sinks/sqlite_schema.h"
#include "ocean/sinks/sqlite_sink_statements.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;
using core::Status;

SqliteSink::SqliteSink(sqlite::Db db, SqliteSinkOptions options)
    : db_(std::move(db)), options_(std::move(options)) {}

SqliteSink::~SqliteSink() = default;

Result<std::unique_ptr<SqliteSink>> SqliteSink::Open(const std::string& path,
                                                     SqliteSinkOptions options) {
  CORE_ASSIGN_OR_RETURN(sqlite::Db db, sqlite::Db::Open(path));
  CORE_RETURN_IF_ERROR(sqlite::PrepareSchema(db));
  std::unique_ptr<SqliteSink> sink(new SqliteSink(std::move(db), std::move(options)));
  // Statements point at the Db, so they are prepared once it sits at its final address.
  CORE_ASSIGN_OR_RETURN(sink->stmts_, sqlite::SinkStatements::Prepare(sink->db_));
  CORE_RETURN_IF_ERROR(sink->MarkInterruptedRuns());
  return sink;
}

// A run row still `running` when the catalog is opened belongs to a process that died (SIGKILL,
// OOM, power loss) before EndResync: it can never finish, so it is recorded as aborted.
Status SqliteSink::MarkInterruptedRuns() {
  CORE_ASSIGN_OR_RETURN(
      sqlite::Statement st,
      sqlite::Statement::Prepare(
          db_,
          "UPDATE runs SET status = 'aborted', finished_at = COALESCE(finished_at, ?2), "
          "message = 'interrupted: the process ended while this resync was running' "
          "WHERE status = 'running' AND integration = ?1",
          "mark interrupted runs aborted"));
  st.Bind(1, options_.integration_identifier)
      .Bind(2, sqlite::IsoTime(std::chrono::system_clock::now()));
  CORE_RETURN_IF_ERROR(st.Run());
  if (long n = db_.Changes(); n > 0) {
    LOG_WARN("{}: {} resync run(s) left 'running' by an interrupted process marked aborted",
             db_.path(), n);
  }
  return Status::Ok();
}

Status SqliteSink::BeginResyncSync(const ResyncStart& start) {
  (void)CommitGroupSync();  // none open unless a resync was never ended
  group_failure_ = Status::Ok();
  current_resync_id_ = start.resync_id;
  sqlite::Statement& st = stmts_->begin_run;
  st.Bind(1, start.resync_id)
      .Bind(2, options_.integration_identifier)
      .Bind(3, start.trigger)
      .Bind(4, sqlite::IsoTime(start.started_at));
  return st.Run();
}

Status SqliteSink::EndResyncSync(const ResyncStart& start, const RunRecord& record) {
  const Status lost = CommitGroupSync();
  group_failure_ = Status::Ok();
  current_resync_id_.clear();
  sqlite::Transaction tx(db_);
  CORE_RETURN_IF_ERROR(tx.status());
  const std::string& id = record.resync_id.empty() ? start.resync_id : record.resync_id;
  sqlite::Statement& run = stmts_->end_run;
  run.Bind(1, id)
      .Bind(2, options_.integration_identifier)
      .Bind(3, record.trigger.empty() ? start.trigger : record.trigger)
      .Bind(4, sqlite::IsoTime(start.started_at))
      .Bind(5, sqlite::IsoTime(record.finished_at))
      .Bind(6, lost.ok() || record.status == ResyncStatus::kAborted
                   ? ResyncStatusName(record.status)
                   : ResyncStatusName(ResyncStatus::kFailed))
      .Bind(7, lost.ok() ? record.message
                         : (record.message.empty() ? "" : record.message + "; ") +
                               lost.message())
      .Bind(8, record.owned)
      .Bind(9, record.stale)
      .Bind(10, record.protected_stale)
      .Bind(11, record.deleted)
      .Bind(12, record.reconcile_skipped_reason);
  if (record.report_json.empty()) {
    run.BindNull(13);
  } else {
    run.Bind(13, record.report_json);
  }
  CORE_RETURN_IF_ERROR(run.Run());
  sqlite::Statement& clear = stmts_->clear_scopes;
  clear.Bind(1, id);
  CORE_RETURN_IF_ERROR(clear.Run());
  sqlite::Statement& scope = stmts_->insert_scope;
  for (const RunScope& s : record.scopes) {
    scope.Bind(1, id)
        .Bind(2, s.kind)
        .Bind(3, s.index)
        .Bind(4, s.account_id)
        .Bind(5, s.region)
        .Bind(6, catalog::ScopeStateName(s.state));
    if (!s.error) {
      scope.BindNull(7);
    } else {
      scope.Bind(7, *s.error);
    }
    scope.Bind(8, s.resources).Bind(9, s.enrichment_errors);
    CORE_RETURN_IF_ERROR(scope.Run());
  }
  CORE_RETURN_IF_ERROR(tx.Commit());
  return lost;
}

asio::awaitable<Status> SqliteSink::BeginResync(const ResyncStart& start) {
  co_return BeginResyncSync(start);
}

asio::awaitable<UpsertOutcome> SqliteSink::Upsert(UpsertBatch batch) {
  // Outside a resync (no BeginResync) nothing would commit a group: one transaction per batch.
  co_return current_resync_id_.empty() ? UpsertSync(batch) : UpsertGroupedSync(batch);
}

asio::awaitable<Status> SqliteSink::Flush() { co_return CommitGroupSync(); }

asio::awaitable<Result<std::vector<EntityKey>>> SqliteSink::ListOwned(const ResyncStart& start) {
  co_return ListOwnedSync(start);
}

asio::awaitable<Status> SqliteSink::ForEachOwned(
    const ResyncStart& start, const std::function<void(const EntityKey&)>& visit) {
  co_return ForEachOwnedSync(start, visit);
}

asio::awaitable<DeleteOutcome> SqliteSink::Delete(std::vector<EntityKey> keys,
                                                  const PortAppConfig& /*config*/,
                                                  const ResyncStart& /*start*/) {
  co_return DeleteSync(keys);
}

asio::awaitable<Status> SqliteSink::EndResync(const ResyncStart& start,
                                              const RunRecord& run) {
  co_return EndResyncSync(start, run);
}

}  // namespace ocean
