#include "ocean/port/port_sink.h"

#include "core/concurrency.h"
#include "core/log.h"
#include "core/timestamp.h"
#include "ocean/port/upsert_batches.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;
using core::Status;
using port::QueryParams;

namespace {

std::string Iso(core::Timestamp t) { return core::FormatIso8601Millis(t); }

const char* Bool(bool b) { return b ? "true" : "false"; }

std::string Describe(const json::object& error) {
  std::string out;
  if (const json::value* code = core::Find(error, "statusCode"); code && code->is_number()) {
    out = std::to_string(code->to_number<int64_t>());
  }
  std::string_view message = core::FindString(error, "message");
  if (message.empty()) message = core::FindString(error, "error");
  if (!message.empty()) out += (out.empty() ? "" : " ") + std::string(message);
  return out.empty() ? "rejected by Port" : out;
}

std::string ResponseError(std::string_view path, const port::PortResponse& r) {
  port::PortRequest req;
  req.method = "POST";
  req.path = std::string(path);
  return port::PortError(req, r).message();
}

}  // namespace

struct PortSink::Pending {
  json::object entity;
  std::string label;  // blueprint/identifier as mapped
  std::vector<port::RelationRef> refs;
};

PortSink::PortSink(std::shared_ptr<port::PortClient> client, PortSinkOptions options)
    : client_(std::move(client)), options_(std::move(options)) {}

json::object PortSink::ScheduleFields(core::Timestamp now) const {
  json::object o;
  std::optional<int> minutes = options_.scheduled_resync_interval_minutes;
  if (!minutes || *minutes <= 0) {
    o["nextResync"] = nullptr;
    o["intervalInMinuets"] = nullptr;  // sic: Port's field name
    return o;
  }
  int64_t interval = int64_t{*minutes} * 60 * 1'000'000;
  int64_t elapsed = std::max<int64_t>(0, now.micros - options_.process_start.micros);
  int64_t next = options_.process_start.micros + (elapsed / interval + 1) * interval;
  o["nextResync"] = Iso(core::Timestamp{next});
  o["intervalInMinuets"] = *minutes;
  return o;
}

QueryParams PortSink::InfoQuery(const ResyncStart& start) const {
  return {{"ocean_info_event_type", "resync"}, {"ocean_info_resync_id", start.resync_id}};
}

QueryParams PortSink::UpsertQuery(const ResyncStart& start) const {
  PortAppConfig defaults;
  const PortAppConfig& c = start.config ? *start.config : defaults;
  QueryParams q = {{"upsert", "true"},
                   {"merge", Bool(c.enable_merge_entity)},
                   {"create_missing_related_entities", Bool(c.create_missing_related_entities)},
                   {"validation_only", "false"}};
  for (auto& p : InfoQuery(start)) q.push_back(std::move(p));
  return q;
}

asio::awaitable<Status> PortSink::BeginResync(const ResyncStart& start) {
  start_ = start;
  kept_refs_.clear();
  owned_refs_.clear();
  refreshed_existing_.clear();
  targets_cache_.clear();
  json::object body;
  body["status"] = "running";
  body["lastResyncEnd"] = nullptr;
  body["lastResyncStart"] = Iso(core::FromTimePoint(start.started_at));
  for (auto& [k, v] : ScheduleFields(options_.clock->Now())) body[k] = v;
  (void)co_await client_->PatchResyncState(std::move(body));
  co_return Status::Ok();
}

asio::awaitable<Status> PortSink::EndResync(const ResyncStart& start, const RunRecord& run) {
  json::object body;
  body["status"] = std::string(ResyncStatusName(run.status));
  body["lastResyncEnd"] = Iso(options_.clock->Now());
  for (auto& [k, v] : ScheduleFields(options_.clock->Now())) body[k] = v;
  (void)co_await client_->PatchResyncState(std::move(body));
  co_return Status::Ok();
}

void PortSink::Upserted(const std::string& blueprint, const json::value& identifier, bool created,
                        Pending& p, UpsertOutcome& out) {
  std::string id = identifier.is_string() ? std::string(identifier.as_string())
                                          : NormalizeIdentifier(identifier);
  if (!created) refreshed_existing_.insert({blueprint, id});
  out.upserted.push_back({blueprint, std::move(id)});
  if (!p.refs.empty()) {
    auto& refs = kept_refs_[blueprint];
    refs.insert(p.refs.begin(), p.refs.end());
  }
}

asio::awaitable<UpsertOutcome> PortSink::Upsert(UpsertBatch batch) {
  UpsertOutcome out;
  ResyncStart fallback;
  const ResyncStart& start = start_ ? *start_ : fallback;
  QueryParams query = UpsertQuery(start);

  std::vector<std::string> order;
  std::map<std::string, std::vector<Pending>> groups;
  for (auto& mapped : batch.entities) {
    Pending p;
    EntityKey key = KeyOf(mapped.entity);
    p.label = key.blueprint + "/" + key.identifier;
    if (const json::object* rel = core::FindObject(mapped.entity, "relations")) {
      p.refs = port::RelationRefsOf(*rel);
    }
    p.entity = std::move(mapped.entity);
    auto [it, inserted] = groups.try_emplace(key.blueprint);
    if (inserted) order.push_back(key.blueprint);
    it->second.push_back(std::move(p));
  }

  for (const std::string& bp : order) {
    std::vector<Pending>& items = groups[bp];
    std::vector<std::size_t> sizes;
    sizes.reserve(items.size());
    for (const auto& p : items) sizes.push_back(core::WriteJson(p.entity).size());
    std::vector<port::BatchRange> ranges = port::SplitIntoBatches(
        sizes, options_.upsert_batch_max_length, options_.upsert_batch_max_bytes);
    std::vector<std::vector<Pending>> batches(ranges.size());
    for (std::size_t b = 0; b < ranges.size(); ++b) {
      for (std::size_t i = ranges[b].begin; i < ranges[b].end; ++i) {
        batches[b].push_back(std::move(items[i]));
      }
    }
    co_await core::ForEachBounded(
        batches.size(), options_.upsert_concurrency, [&](std::size_t b) -> asio::awaitable<void> {
          co_await SendBulk(bp, std::move(batches[b]), query, out);
        });
  }
  co_return out;
}

asio::awaitable<void> PortSink::SendBulk(const std::string& bp, std::vector<Pending> batch,
                                         const QueryParams& query, UpsertOutcome& out) {
  json::array entities;
  entities.reserve(batch.size());
  for (const auto& p : batch) entities.push_back(p.entity);
  Result<port::PortResponse> r = co_await client_->BulkUpsert(bp, std::move(entities), query);
  auto fail_all = [&](const std::string& why) {
    for (const auto& p : batch) out.errors.push_back(p.label + ": " + why);
    out.failed += static_cast<long>(batch.size());
  };
  if (!r.ok()) {
    fail_all(r.status().message());
    co_return;
  }
  if (r->status == 413) {
    LOG_INFO("Port refused a batch of {} {} entities as too large; upserting them one by one",
             batch.size(), bp);
    co_await SendSingles(bp, std::move(batch), query, out);
    co_return;
  }
  if (!r->ok()) {
    fail_all(ResponseError("/v1/blueprints/" + bp + "/entities/bulk", *r));
    co_return;
  }
  std::vector<bool> answered(batch.size(), false);
  const json::object* body = r->body.if_object();
  auto index_of = [&](const json::object& o) -> std::optional<std::size_t> {
    const json::value* i = core::Find(o, "index");
    if (!i || !i->is_number()) return std::nullopt;
    auto idx = i->to_number<int64_t>();
    if (idx < 0 || static_cast<std::size_t>(idx) >= batch.size() || answered[idx]) {
      return std::nullopt;
    }
    return static_cast<std::size_t>(idx);
  };
  if (const json::array* ok = body ? core::FindArray(*body, "entities") : nullptr) {
    for (const auto& v : *ok) {
      const json::object* o = v.if_object();
      auto idx = o ? index_of(*o) : std::nullopt;
      if (!idx) continue;
      answered[*idx] = true;
      const json::value* id = core::Find(*o, "identifier");
      const json::value* created = core::Find(*o, "created");
      const bool is_new = created != nullptr && created->is_bool() && created->get_bool();
      Upserted(bp, id ? *id : batch[*idx].entity["identifier"], is_new, batch[*idx], out);
    }
  }
  if (const json::array* errors = body ? core::FindArray(*body, "errors") : nullptr) {
    for (const auto& v : *errors) {
      const json::object* o = v.if_object();
      auto idx = o ? index_of(*o) : std::nullopt;
      if (!idx) continue;
      answered[*idx] = true;
      ++out.failed;
      out.errors.push_back(batch[*idx].label + ": " + Describe(*o));
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (answered[i]) continue;
    ++out.failed;
    out.errors.push_back(batch[i].label + ": missing from Port's bulk upsert response");
  }
}

asio::awaitable<void> PortSink::SendSingles(const std::string& bp, std::vector<Pending> batch,
                                            const QueryParams& query, UpsertOutcome& out) {
  co_await core::ForEachBounded(
      batch.size(), options_.single_upsert_concurrency,
      [&](std::size_t i) -> asio::awaitable<void> {
        Pending& p = batch[i];
        Result<port::PortResponse> r = co_await client_->UpsertOne(bp, p.entity, query);
        if (r.ok() && r->ok()) {
          const json::object* body = r->body.if_object();
          const json::object* entity = body ? core::FindObject(*body, "entity") : nullptr;
          const json::value* id = entity ? core::Find(*entity, "identifier") : nullptr;
          // The single endpoint does not say whether it created the entity: counted as
          // existing (the denominator can only grow by entities Port really holds).
          Upserted(bp, id ? *id : p.entity["identifier"], /*created=*/false, p, out);
          co_return;
        }
        ++out.failed;
        out.errors.push_back(p.label + ": " +
                             (r.ok() ? ResponseError("/v1/blueprints/" + bp + "/entities", *r)
                                     : r.status().message()));
      });
}

}  // namespace ocean
