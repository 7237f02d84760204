// PortSink's live-event writes (ocean/port/port_sink.h).
#include <fmt/format.h>

#include <map>

#include "core/log.h"
#include "ocean/port/port_client.h"
#include "ocean/port/port_sink.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;

namespace {

port::QueryParams LiveUpsertQuery(const PortAppConfig* c) {
  PortAppConfig defaults;
  const PortAppConfig& config = c ? *c : defaults;
  return {{"upsert", "true"},
          {"merge", config.enable_merge_entity ? "true" : "false"},
          {"create_missing_related_entities",
           config.create_missing_related_entities ? "true" : "false"},
          {"validation_only", "false"},
          {"ocean_info_event_type", "live_event"}};
}

}  // namespace

asio::awaitable<UpsertOutcome> PortSink::UpsertLive(UpsertBatch batch) {
  UpsertOutcome out;
  port::QueryParams query = LiveUpsertQuery(nullptr);
  for (mapping::MappedEntity& mapped : batch.entities) {
    EntityKey key = KeyOf(mapped.entity);
    const std::string label = key.blueprint + "/" + key.identifier;
    json::array one;
    one.push_back(std::move(mapped.entity));
    Result<port::PortResponse> r = co_await client_->BulkUpsert(key.blueprint, std::move(one), query);
    if (!r.ok()) {
      ++out.failed;
      out.errors.push_back(label + ": " + r.status().message());
      continue;
    }
    const json::object* body = r->body.if_object();
    const json::array* errors = body ? core::FindArray(*body, "errors") : nullptr;
    if (!r->ok() || (errors && !errors->empty())) {
      ++out.failed;
      out.errors.push_back(fmt::format("{}: Port answered {} {}", label, r->status,
                                       core::WriteJson(r->body).substr(0, 300)));
      continue;
    }
    out.upserted.push_back(std::move(key));
  }
  co_return out;
}

asio::awaitable<DeleteOutcome> PortSink::DeleteLive(std::vector<EntityKey> keys,
                                                    const PortAppConfig& config) {
  DeleteOutcome out;
  std::map<std::string, std::vector<std::string>> by_blueprint;
  for (EntityKey& k : keys) by_blueprint[k.blueprint].push_back(std::move(k.identifier));
  for (auto& [bp, ids] : by_blueprint) {
    port::QueryParams query = {
        {"delete_dependents", config.delete_dependent_entities ? "true" : "false"},
        {"ocean_info_event_type", "live_event"}};
    const std::size_t n = ids.size();
    Result<json::object> r = co_await client_->BulkDelete(bp, std::move(ids), query);
    if (r.ok()) {
      out.deleted += static_cast<long>(n);
      continue;
    }
    if (r.status().code() == core::StatusCode::kNotFound) continue;  // already gone
    out.failed += static_cast<long>(n);
    out.errors.push_back(r.status().message());
  }
  co_return out;
}

}  // namespace ocean
