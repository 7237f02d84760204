// SqliteSink's upserts (sqlite_sink.h): each entity serialized once, its properties and
// relations bound as slices of that text and the raw item bound without a copy, one row per
// entity. An entity SQLite refuses fails alone (counted, described); a transaction SQLite gave
// up, or one that cannot begin or commit, fails the whole batch. UpsertSync is the one
// transaction per batch used outside a resync (and by live writes); a resync's batches go
// through the group commit (sqlite_sink_group.cc), which calls WriteRows.
//
// Thread-safety: none, as sqlite_sink.h: one thread at a time (the resync's event loop).
#include "core/json_write.h"
#include "ocean/sinks/sqlite_sink.h"
#include "ocean/sinks/sqlite_sink_statements.h"

namespace ocean {

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

}  // namespace

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
      out.errors.push_back(sqlite::KeyText(key) + ": " + s.message());
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
    out.errors.push_back(sqlite::KeyText(KeyOf(e.entity)) + ": " + why.message());
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

}  // namespace ocean
