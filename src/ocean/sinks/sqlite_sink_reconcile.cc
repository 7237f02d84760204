// SqliteSink's side of reconciliation (sqlite_sink.h): the entities of this integration that
// existed before the resync began (ListOwned's rule in sqlite_sink.h), streamed from one
// statement (ForEachOwnedSync; ListOwnedSync collects them), and deletion by key in one
// transaction (DeleteSync, also for live deletes). Both first commit the open group: after a
// lost group the listing fails and a resync's Delete deletes nothing, since the catalog misses
// entities the resync saw. Deleting a key that is already gone is not an error.
//
// Thread-safety: none, as sqlite_sink.h: one thread at a time (the resync's event loop).
#include "ocean/sinks/sqlite_sink.h"
#include "ocean/sinks/sqlite_sink_statements.h"

namespace ocean {

using core::Result;
using core::Status;

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
      out.errors.push_back(sqlite::KeyText(key) + ": " + s.message());
      continue;
    }
    out.deleted += db_.Changes();  // 0 when already gone: not an error
  }
  Status committed = tx.Commit();
  if (!committed.ok()) fail_all(committed);
  return out;
}

}  // namespace ocean
