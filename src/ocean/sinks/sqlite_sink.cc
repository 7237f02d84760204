// SqliteSink: the EntitySink half (writes). The read API lives in sqlite_sink_read.cc.
#include "ocean/sinks/sqlite_sink.h"

#include "core/json_write.h"
#include "core/log.h"
#include "ocean/sinks/sqlite_schema.h"
#include "ocean/sinks/sqlite_sink_statements.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

// The entity serialized once (issue 13.2: it used to be written whole, then its properties and
// relations again): the text, and where the properties and relations values sit in it.
struct EntityText {
  std::string text;
  std::size_t properties_at = 0, properties_len = 0;  // len 0: absent
  std::size_t relations_at = 0, relations_len = 0;

  void Write(const json::object& entity) {
    text.clear();
    properties_len = relations_len = 0;
    text.push_back('{');
    bool first = true;
    for (const auto& kv : entity) {
      if (!first) text.push_back(',');
      first = false;
      core::WriteJsonString(kv.key(), text);
      text.push_back(':');
      const std::size_t at = text.size();
      core::WriteJson(kv.value(), text);
      if (kv.key() == "properties") {
        properties_at = at;
        properties_len = text.size() - at;
      } else if (kv.key() == "relations") {
        relations_at = at;
        relations_len = text.size() - at;
      }
    }
    text.push_back('}');
  }
};

// The JSON texts are bound without a copy (BindStatic): they live until the row's Run().
void BindPart(sqlite::Statement& st, int index, const std::string& text, std::size_t at,
              std::size_t len) {
  if (len == 0) {
    st.BindNull(index);
  } else {
    st.BindStatic(index, std::string_view(text).substr(at, len));
  }
}

std::string KeyText(const EntityKey& key) { return key.blueprint + "/" + key.identifier; }

}  // namespace

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

Status SqliteSink::WriteRows(const UpsertBatch& batch, UpsertOutcome& out) {
  const std::string now = sqlite::IsoTime(std::chrono::system_clock::now());
  const std::string kind = batch.resource != nullptr ? batch.resource->kind : "";
  const int index = batch.resource != nullptr ? batch.resource->index : 0;
  sqlite::Statement& st = stmts_->upsert_entity;
  EntityText entity_text;  // buffers reused across the batch
  std::string raw_text;
  for (const mapping::MappedEntity& e : batch.entities) {
    EntityKey key = KeyOf(e.entity);
    const json::value* title = e.entity.if_contains("title");
    st.Bind(1, key.blueprint)
        .Bind(2, key.identifier)
        .Bind(3, options_.integration_identifier)
        .Bind(4, kind)
        .Bind(5, index);
    if (title != nullptr && title->is_string()) {
      st.Bind(6, std::string_view(title->get_string()));
    } else {
      st.BindNull(6);
    }
    entity_text.Write(e.entity);
    st.BindStatic(7, entity_text.text);
    BindPart(st, 8, entity_text.text, entity_text.properties_at, entity_text.properties_len);
    BindPart(st, 9, entity_text.text, entity_text.relations_at, entity_text.relations_len);
    if (e.raw_index < batch.raw.size()) {
      raw_text.clear();
      core::WriteJson(batch.raw[e.raw_index], raw_text);
      st.BindStatic(10, raw_text);
    } else {
      st.BindNull(10);
    }
    st.Bind(11, now).Bind(12, current_resync_id_);
    Status s = st.Run();
    if (!s.ok()) {
      if (!db_.InTransaction()) return s;  // SQLite gave up the whole transaction
      ++out.failed;
      out.errors.push_back(KeyText(key) + ": " + s.message());
      continue;
    }
    out.upserted.push_back(std::move(key));
  }
  return Status::Ok();
}

void SqliteSink::FailAll(const UpsertBatch& batch, const Status& why, UpsertOutcome& out) {
  out.upserted.clear();
  out.errors.clear();
  out.failed = static_cast<long>(batch.entities.size());
  for (const mapping::MappedEntity& e : batch.entities) {
    out.errors.push_back(KeyText(KeyOf(e.entity)) + ": " + why.message());
  }
}

UpsertOutcome SqliteSink::UpsertSync(const UpsertBatch& batch) {
  UpsertOutcome out;
  if (batch.entities.empty()) return out;
  (void)CommitGroupSync();  // its failure sticks to the resync (group_failure_)
  sqlite::Transaction tx(db_);
  if (!tx.status().ok()) {
    FailAll(batch, tx.status(), out);
    return out;
  }
  if (Status s = WriteRows(batch, out); !s.ok()) {
    FailAll(batch, s, out);
    return out;
  }
  Status committed = tx.Commit();
  if (!committed.ok()) FailAll(batch, committed, out);
  return out;
}

Result<std::vector<EntityKey>> SqliteSink::ListOwnedSync(const ResyncStart& start) {
  std::vector<EntityKey> keys;
  Status st = ForEachOwnedSync(start, [&](const EntityKey& key) { keys.push_back(key); });
  if (!st.ok()) return st;
  return keys;
}

Status SqliteSink::ForEachOwnedSync(const ResyncStart& start,
                                    const std::function<void(const EntityKey&)>& visit) {
  // Every upsert reported so far must be in the catalog, or stale rows would be listed (and a
  // failed group fails the listing, so reconciliation deletes nothing).
  CORE_RETURN_IF_ERROR(CommitGroupSync());
  sqlite::Statement& st = stmts_->list_owned;
  // Reset on every way out, an exception from `visit` included: a statement left stepped keeps
  // its read snapshot (pinning the WAL) and refuses its next Bind.
  struct ResetOnExit {
    sqlite::Statement& st;
    ~ResetOnExit() { st.Reset(); }
  } reset{st};
  st.Bind(1, options_.integration_identifier)
      .Bind(2, start.resync_id)
      .Bind(3, sqlite::IsoTime(start.started_at));
  EntityKey key;
  while (true) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    key.blueprint = st.Text(0);
    key.identifier = st.Text(1);
    visit(key);
  }
  return Status::Ok();
}

DeleteOutcome SqliteSink::DeleteSync(const std::vector<EntityKey>& keys, bool live) {
  DeleteOutcome out;
  if (keys.empty()) return out;
  auto fail_all = [&](const Status& why) {
    out.deleted = 0;
    out.failed = static_cast<long>(keys.size());
    out.errors.assign(1, "deleting " + std::to_string(keys.size()) + " entities: " +
                             why.message());
  };
  // After a lost group a resync deletes nothing: the catalog misses entities the resync saw.
  if (Status g = CommitGroupSync(); !g.ok() && !live) {
    fail_all(g);
    return out;
  }
  sqlite::Transaction tx(db_);
  if (!tx.status().ok()) {
    fail_all(tx.status());
    return out;
  }
  sqlite::Statement& st = stmts_->delete_entity;
  for (const EntityKey& key : keys) {
    st.Bind(1, key.blueprint).Bind(2, key.identifier).Bind(3, options_.integration_identifier);
    Status s = st.Run();
    if (!s.ok()) {
      if (!db_.InTransaction()) {
        fail_all(s);
        return out;
      }
      ++out.failed;
      out.errors.push_back(KeyText(key) + ": " + s.message());
      continue;
    }
    out.deleted += db_.Changes();  // 0 when already gone: not an error
  }
  Status committed = tx.Commit();
  if (!committed.ok()) fail_all(committed);
  return out;
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
