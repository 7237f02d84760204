// PortSink's reconciliation half (see ocean/port/port_sink.h): listing the entities this
// integration owns in Port, and deleting stale ones safely.
#include "core/concurrency.h"
#include "core/log.h"
#include "core/timestamp.h"
#include "ocean/port/port_sink.h"

namespace ocean {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

constexpr int64_t kListLimit = 5000;
constexpr std::size_t kBlueprintLookups = 8;

}  // namespace

asio::awaitable<Result<std::vector<EntityKey>>> PortSink::ListOwned(const ResyncStart& start) {
  owned_refs_.clear();
  std::vector<EntityKey> keys;
  std::string next;
  for (int page = 1;; ++page) {
    json::object body;
    body["datasource_prefix"] = "port-ocean/" + options_.integration_type + "/";
    body["datasource_suffix"] = "/" + options_.integration_identifier + "/exporter";
    body["limit"] = kListLimit;
    body["before"] = core::FormatIso8601Millis(core::FromTimePoint(start.started_at));
    if (!next.empty()) body["from"] = next;
    Result<json::object> r = co_await client_->DatasourceEntities(std::move(body));
    if (!r.ok()) {
      co_return r.status().WithContext("listing the entities this integration owns in Port (page " +
                                       std::to_string(page) + ")");
    }
    if (const json::array* entities = core::FindArray(*r, "entities")) {
      for (const auto& v : *entities) {
        const json::object* e = v.if_object();
        if (!e) continue;
        EntityKey key = KeyOf(*e);
        if (const json::object* rel = core::FindObject(*e, "relations")) {
          std::vector<port::RelationRef> refs = port::RelationRefsOf(*rel);
          if (!refs.empty()) owned_refs_[key] = std::move(refs);
        }
        keys.push_back(std::move(key));
      }
    }
    std::string following(core::FindString(*r, "next"));
    if (following.empty()) break;
    if (following == next) {
      co_return Status::RemoteError("listing the entities this integration owns in Port: the "
                                    "cursor did not advance (page " + std::to_string(page) + ")");
    }
    next = std::move(following);
  }
  // Entities this resync refreshed existed before it, whether or not `before` listed them.
  keys.insert(keys.end(), refreshed_existing_.begin(), refreshed_existing_.end());
  co_return keys;
}

asio::awaitable<port::RelationTargets> PortSink::TargetsOf(std::set<std::string> blueprints) {
  std::vector<std::string> missing;
  for (const auto& bp : blueprints) {
    if (!targets_cache_.contains(bp)) missing.push_back(bp);
  }
  std::vector<std::optional<std::map<std::string, std::string>>> found(missing.size());
  co_await core::ForEachBounded(
      missing.size(), kBlueprintLookups, [&](std::size_t i) -> asio::awaitable<void> {
        auto r = co_await client_->GetBlueprint(missing[i]);
        if (!r.ok() || !r->has_value()) {
          LOG_WARN("blueprint {}: relation targets unknown ({}); protecting by identifier",
                   missing[i], r.ok() ? "not found" : r.status().message());
          co_return;
        }
        std::map<std::string, std::string> targets;
        if (const json::object* rel = core::FindObject(**r, "relations")) {
          for (const auto& [name, def] : *rel) {
            if (!def.is_object()) continue;
            std::string_view target = core::FindString(def.as_object(), "target");
            if (!target.empty()) targets[std::string(name)] = std::string(target);
          }
        }
        found[i] = std::move(targets);
      });
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (found[i]) targets_cache_[missing[i]] = std::move(*found[i]);
  }
  co_return targets_cache_;
}

asio::awaitable<void> PortSink::DeleteBatch(const std::string& bp, std::vector<std::string> ids,
                                            bool dependents, const ResyncStart& start,
                                            DeleteOutcome& out) {
  port::QueryParams query = {{"delete_dependents", dependents ? "true" : "false"}};
  for (auto& p : InfoQuery(start)) query.push_back(std::move(p));
  std::size_t n = ids.size();
  Result<json::object> r = co_await client_->BulkDelete(bp, std::move(ids), query);
  if (r.ok()) {
    out.deleted += static_cast<long>(n);
    co_return;
  }
  out.failed += static_cast<long>(n);
  out.errors.push_back(r.status().message() + " (" + std::to_string(n) + " " + bp +
                       (n == 1 ? " entity)" : " entities)"));
  LOG_ERROR("deleting {} stale {} entities failed: {}", n, bp, r.status().message());
}

asio::awaitable<DeleteOutcome> PortSink::Delete(std::vector<EntityKey> keys,
                                                const PortAppConfig& config,
                                                const ResyncStart& start) {
  DeleteOutcome out;
  if (config.create_missing_related_entities && !kept_refs_.empty()) {
    std::set<std::string> sources;
    for (const auto& [bp, refs] : kept_refs_) sources.insert(bp);
    port::RelationTargets targets = co_await TargetsOf(std::move(sources));
    keys = port::WithoutRelationTargets(keys, kept_refs_, targets, &out.kept_as_relation_targets);
    if (out.kept_as_relation_targets > 0) {
      LOG_INFO("keeping {} stale entities that entities of this resync relate to",
               out.kept_as_relation_targets);
    }
  }
  if (keys.empty()) co_return out;

  if (config.delete_dependent_entities) {
    std::map<std::string, std::vector<std::string>> by_blueprint;
    for (auto& k : keys) by_blueprint[k.blueprint].push_back(std::move(k.identifier));
    struct Chunk {
      std::string blueprint;
      std::vector<std::string> ids;
    };
    std::vector<Chunk> chunks;
    std::size_t max = std::max<std::size_t>(1, std::min<std::size_t>(options_.delete_batch_max, 100));
    for (auto& [bp, ids] : by_blueprint) {
      for (std::size_t i = 0; i < ids.size(); i += max) {
        Chunk c;
        c.blueprint = bp;
        c.ids.assign(std::make_move_iterator(ids.begin() + i),
                     std::make_move_iterator(ids.begin() + std::min(ids.size(), i + max)));
        chunks.push_back(std::move(c));
      }
    }
    co_await core::ForEachBounded(
        chunks.size(), options_.delete_concurrency, [&](std::size_t i) -> asio::awaitable<void> {
          co_await DeleteBatch(chunks[i].blueprint, std::move(chunks[i].ids), true, start, out);
        });
    co_return out;
  }

  // Without dependents: one entity per request, an entity before those it relates to.
  std::set<std::string> sources;
  for (const auto& k : keys) {
    if (owned_refs_.contains(k)) sources.insert(k.blueprint);
  }
  port::RelationTargets targets = co_await TargetsOf(std::move(sources));
  for (const EntityKey& k : port::DependentsFirst(keys, owned_refs_, targets)) {
    std::vector<std::string> one;
    one.push_back(k.identifier);
    co_await DeleteBatch(k.blueprint, std::move(one), false, start, out);
  }
  co_return out;
}

}  // namespace ocean
