// SqliteSink: the read API (tests, the CLI summary). Statements are prepared per call: these are
// not hot paths.
#include "ocean/sinks/sqlite_sink.h"

#include <algorithm>

namespace ocean {

using core::Result;
using core::Status;

namespace {

// Parses a JSON column; a damaged value is an error naming the file, the row and the column.
Result<json::value> JsonColumn(const sqlite::Statement& st, int column, const std::string& path,
                               const std::string& row, std::string_view name) {
  if (st.IsNull(column)) return json::value(nullptr);
  std::string text = st.Text(column);
  Result<json::value> v = core::ParseJson(text, name);
  if (!v.ok()) {
    return Status::ParseError("SQLite catalog " + path + ": " + row + ": " +
                              v.status().message());
  }
  return v;
}

}  // namespace

Result<long> SqliteSink::Count() {
  CORE_ASSIGN_OR_RETURN(sqlite::Statement st,
                        sqlite::Statement::Prepare(db_, "SELECT count(*) FROM entities",
                                                   "count entities"));
  CORE_ASSIGN_OR_RETURN(bool row, st.Step());
  return row ? static_cast<long>(st.Int(0)) : 0L;
}

Result<std::map<std::string, long>> SqliteSink::CountByBlueprint() {
  CORE_ASSIGN_OR_RETURN(
      sqlite::Statement st,
      sqlite::Statement::Prepare(
          db_, "SELECT blueprint, count(*) FROM entities GROUP BY blueprint ORDER BY blueprint",
          "count entities by blueprint"));
  std::map<std::string, long> out;
  while (true) {
    CORE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out[st.Text(0)] = static_cast<long>(st.Int(1));
  }
  return out;
}

Result<std::optional<StoredEntity>> SqliteSink::Get(const EntityKey& key) {
  CORE_ASSIGN_OR_RETURN(
      sqlite::Statement st,
      sqlite::Statement::Prepare(db_, R"sql(
SELECT integration, kind, resource_index, title, entity_json, raw_json, first_seen_at,
       updated_at, resync_id
FROM entities WHERE blueprint = ?1 AND identifier = ?2)sql",
                                 "read entity"));
  st.Bind(1, key.blueprint).Bind(2, key.identifier);
  CORE_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<StoredEntity>();
  const std::string where = "entity " + key.blueprint + "/" + key.identifier;
  StoredEntity e;
  e.key = key;
  e.integration = st.Text(0);
  e.kind = st.Text(1);
  e.resource_index = static_cast<int>(st.Int(2));
  if (!st.IsNull(3)) e.title = st.Text(3);
  CORE_ASSIGN_OR_RETURN(json::value entity, JsonColumn(st, 4, path(), where, "entity_json"));
  if (!entity.is_object()) {
    return Status::ParseError("SQLite catalog " + path() + ": " + where +
                              ": entity_json is not a JSON object");
  }
  e.entity = std::move(entity.as_object());
  CORE_ASSIGN_OR_RETURN(e.raw, JsonColumn(st, 5, path(), where, "raw_json"));
  e.first_seen_at = st.Text(6);
  e.updated_at = st.Text(7);
  e.resync_id = st.Text(8);
  return std::optional<StoredEntity>(std::move(e));
}

Result<std::vector<StoredRun>> SqliteSink::LastRuns(int n) {
  CORE_ASSIGN_OR_RETURN(
      sqlite::Statement st,
      sqlite::Statement::Prepare(db_, R"sql(
SELECT resync_id, integration, "trigger", started_at, finished_at, status, message, deleted,
       reconcile_reason, report_json
FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?1)sql",
                                 "read run history"));
  st.Bind(1, std::max(n, 0));
  std::vector<StoredRun> out;
  while (true) {
    CORE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    StoredRun r;
    r.resync_id = st.Text(0);
    r.integration = st.Text(1);
    r.trigger = st.Text(2);
    r.started_at = st.Text(3);
    r.finished_at = st.Text(4);
    r.status = st.Text(5);
    r.message = st.Text(6);
    r.deleted = static_cast<long>(st.Int(7));
    r.reconcile_reason = st.Text(8);
    CORE_ASSIGN_OR_RETURN(r.report, JsonColumn(st, 9, path(), "run " + r.resync_id, "report_json"));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<StoredScope>> SqliteSink::ScopesOf(const std::string& resync_id) {
  CORE_ASSIGN_OR_RETURN(
      sqlite::Statement st,
      sqlite::Statement::Prepare(db_, R"sql(
SELECT kind, resource_index, account_id, region, state, error, resources, enrichment_errors
FROM scopes WHERE resync_id = ?1 ORDER BY rowid)sql",
                                 "read run scopes"));
  st.Bind(1, resync_id);
  std::vector<StoredScope> out;
  while (true) {
    CORE_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    StoredScope s;
    s.kind = st.Text(0);
    s.resource_index = static_cast<int>(st.Int(1));
    s.account_id = st.Text(2);
    s.region = st.Text(3);
    s.state = st.Text(4);
    s.error = st.Text(5);
    s.resources = static_cast<long>(st.Int(6));
    s.enrichment_errors = static_cast<long>(st.Int(7));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ocean
