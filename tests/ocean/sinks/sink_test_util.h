// Hand-built inputs for sink tests: resource configs, mapped entities with their raw items,
// resync starts and reports.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/json.h"
#include "ocean/resync/resync_report.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean::sink_test {

inline ResourceConfig Resource(int index, std::string kind, std::string blueprint) {
  ResourceConfig r;
  r.index = index;
  r.kind = std::move(kind);
  r.literal_blueprint = std::move(blueprint);
  return r;
}

inline json::value Json(std::string_view text) { return core::ParseJson(text).value(); }

// A batch owning its raw items: entity i comes from raw[i].
struct Batch {
  std::vector<json::value> raw;
  UpsertBatch batch;

  Batch(const ResourceConfig& resource, const std::string& blueprint,
        const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
      json::object r;
      r["Name"] = id;
      r["Arn"] = "arn:aws:s3:::" + id;
      r["Tags"] = json::array{json::object{{"Key", "env"}, {"Value", "prod"}}};
      raw.emplace_back(std::move(r));
    }
    batch.resource = &resource;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      json::object e;
      e["identifier"] = ids[i];
      e["title"] = "title of " + ids[i];
      e["blueprint"] = blueprint;
      e["properties"] = json::object{{"arn", raw[i].at("Arn")}, {"size", 42 + (int)i}};
      e["relations"] = json::object{{"account", "123456789012"}};
      batch.entities.push_back({std::move(e), i});
    }
    batch.raw = raw;
  }
  Batch(const Batch&) = delete;
};

inline ResyncStart Start(std::string id, int seconds_after_epoch = 1704164645) {
  ResyncStart s;
  s.resync_id = std::move(id);
  s.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(seconds_after_epoch));
  s.trigger = "once";
  return s;
}

inline catalog::ScopeOutcome Scope(const std::string& kind, catalog::ScopeState state,
                                   std::string region) {
  catalog::ScopeOutcome s;
  s.kind = kind;
  s.account_id = "123456789012";
  s.region = std::move(region);
  s.state = state;
  if (state != catalog::ScopeState::kComplete) {
    s.error = core::Status::Unavailable("listing broke off in " + s.region);
  }
  s.resources = 3;
  return s;
}

inline KindReport Kind(const ResourceConfig& r, std::vector<catalog::ScopeOutcome> scopes) {
  KindReport k;
  k.index = r.index;
  k.kind = r.kind;
  k.blueprint = r.literal_blueprint;
  k.scopes = std::move(scopes);
  return k;
}

}  // namespace ocean::sink_test
