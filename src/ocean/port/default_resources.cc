#include "ocean/port/default_resources.h"

#include <filesystem>

#include "core/concurrency.h"
#include "core/log.h"
#include "core/document.h"
#include "ocean/config/port_app_config.h"

namespace ocean::port {

namespace asio = boost::asio;
using core::Result;
using core::Status;

namespace {

constexpr std::string_view kDeferredKeys[] = {"relations",           "calculationProperties",
                                              "mirrorProperties",    "aggregationProperties",
                                              "teamInheritance",     "ownership"};
constexpr std::string_view kRelationKeys[] = {"relations", "teamInheritance", "ownership"};

// The document at <dir>/<name>.{json,yaml,yml}; null when none exists.
Result<json::value> ReadResource(const std::string& dir, std::string_view name) {
  for (std::string_view ext : {".json", ".yaml", ".yml"}) {
    std::string path = (std::filesystem::path(dir) / (std::string(name) + std::string(ext))).string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    CORE_ASSIGN_OR_RETURN(std::string text, core::ReadTextFile(path));
    return core::ParseDocument(text, path);
  }
  return json::value();
}

Status SetArray(const json::value& doc, std::string_view what, json::array* out) {
  if (doc.is_null()) return Status::Ok();
  if (!doc.is_array()) return Status::InvalidArgument(std::string(what) + ": expected a list");
  *out = doc.as_array();
  for (std::size_t i = 0; i < out->size(); ++i) {
    if (!(*out)[i].is_object()) {
      return Status::InvalidArgument(std::string(what) + "[" + std::to_string(i) +
                                     "]: expected an object");
    }
  }
  return Status::Ok();
}

Status SetMapping(const json::value& doc, std::string_view what, DefaultResources* out) {
  if (doc.is_null()) return Status::Ok();
  CORE_ASSIGN_OR_RETURN(PortAppConfig validated, PortAppConfigFromJson(doc, what));
  (void)validated;
  out->mapping = doc.as_object();
  return Status::Ok();
}

Status CheckBlueprintIds(const json::array& blueprints, std::string_view what) {
  for (std::size_t i = 0; i < blueprints.size(); ++i) {
    if (core::FindString(blueprints[i].as_object(), "identifier").empty()) {
      return Status::InvalidArgument(std::string(what) + "[" + std::to_string(i) +
                                     "]: 'identifier' is required");
    }
  }
  return Status::Ok();
}

std::string IdOf(const json::value& bp) {
  return std::string(core::FindString(bp.as_object(), "identifier"));
}

}  // namespace

Result<DefaultResources> LoadDefaultResources(const std::string& dir) {
  DefaultResources out;
  CORE_ASSIGN_OR_RETURN(json::value mapping, ReadResource(dir, "port-app-config"));
  CORE_RETURN_IF_ERROR(SetMapping(mapping, dir + "/port-app-config", &out));
  struct Slot {
    std::string_view name;
    json::array* target;
  };
  const Slot slots[] = {{"blueprints", &out.blueprints},
                        {"actions", &out.actions},
                        {"scorecards", &out.scorecards},
                        {"pages", &out.pages}};
  for (const Slot& s : slots) {
    CORE_ASSIGN_OR_RETURN(json::value doc, ReadResource(dir, s.name));
    CORE_RETURN_IF_ERROR(SetArray(doc, dir + "/" + std::string(s.name), s.target));
  }
  CORE_RETURN_IF_ERROR(CheckBlueprintIds(out.blueprints, dir + "/blueprints"));
  return out;
}

Result<DefaultResources> DefaultResourcesFromText(std::string_view mapping_text,
                                                  std::string_view blueprints_text) {
  DefaultResources out;
  if (!mapping_text.empty()) {
    CORE_ASSIGN_OR_RETURN(json::value doc,
                          core::ParseDocument(mapping_text, "default port-app-config"));
    CORE_RETURN_IF_ERROR(SetMapping(doc, "default port-app-config", &out));
  }
  if (!blueprints_text.empty()) {
    CORE_ASSIGN_OR_RETURN(json::value doc,
                          core::ParseDocument(blueprints_text, "default blueprints"));
    CORE_RETURN_IF_ERROR(SetArray(doc, "default blueprints", &out.blueprints));
    CORE_RETURN_IF_ERROR(CheckBlueprintIds(out.blueprints, "default blueprints"));
  }
  return out;
}

asio::awaitable<Result<BlueprintCreation>> CreateDefaultBlueprints(PortClient& client,
                                                                   const json::array& blueprints) {
  BlueprintCreation out;
  const std::size_t n = blueprints.size();
  std::vector<Status> errors(n);
  std::vector<bool> exists(n, false);
  co_await core::ForEachBounded(n, 10, [&](std::size_t i) -> asio::awaitable<void> {
    auto r = co_await client.GetBlueprint(IdOf(blueprints[i]));
    if (!r.ok()) errors[i] = r.status();
    else exists[i] = r->has_value();
  });
  for (std::size_t i = 0; i < n; ++i) {
    if (!errors[i].ok()) co_return errors[i].WithContext("checking default blueprints");
    if (exists[i]) out.existing.push_back(IdOf(blueprints[i]));
  }
  if (!out.existing.empty()) {
    LOG_INFO("default blueprints already exist in Port ({} of {}); creating none", out.existing.size(),
             n);
    co_return out;
  }

  // Stage 1: bare blueprints.
  std::vector<bool> created(n, false);
  co_await core::ForEachBounded(n, 10, [&](std::size_t i) -> asio::awaitable<void> {
    json::object bare = blueprints[i].as_object();
    for (std::string_view k : kDeferredKeys) bare.erase(k);
    errors[i] = co_await client.CreateBlueprint(std::move(bare));
    created[i] = errors[i].ok();
  });
  // Stages 2 and 3, each only when every earlier step succeeded.
  auto first_error = [&]() -> Status {
    for (const Status& s : errors) {
      if (!s.ok()) return s;
    }
    return Status::Ok();
  };
  for (int stage = 2; stage <= 3 && first_error().ok(); ++stage) {
    co_await core::ForEachBounded(n, 10, [&](std::size_t i) -> asio::awaitable<void> {
      const json::object& full = blueprints[i].as_object();
      json::object patch;
      if (stage == 2) {
        for (std::string_view k : kRelationKeys) {
          if (const json::value* v = core::Find(full, k)) patch[k] = *v;
        }
        if (patch.empty()) co_return;
      } else {
        patch = full;
      }
      errors[i] = co_await client.PatchBlueprint(IdOf(blueprints[i]), std::move(patch));
    });
  }
  Status failed = first_error();
  if (failed.ok()) {
    for (std::size_t i = 0; i < n; ++i) out.created.push_back(IdOf(blueprints[i]));
    co_return out;
  }
  LOG_ERROR("creating the default blueprints failed ({}); deleting the ones created",
            failed.message());
  for (std::size_t i = 0; i < n; ++i) {
    if (!created[i]) continue;
    Status d = co_await client.DeleteBlueprint(IdOf(blueprints[i]));
    if (!d.ok()) LOG_ERROR("could not delete blueprint {}: {}", IdOf(blueprints[i]), d.message());
  }
  co_return failed.WithContext("creating the default blueprints");
}

asio::awaitable<void> CreateOtherDefaults(PortClient& client, const DefaultResources& defaults) {
  for (const auto& action : defaults.actions) {
    Status s = co_await client.Post("/v1/actions", action);
    if (!s.ok()) LOG_WARN("could not create default action: {}", s.message());
  }
  for (const auto& entry : defaults.scorecards) {
    const json::object& o = entry.as_object();
    std::string bp(core::FindString(o, "blueprint"));
    const json::array* data = core::FindArray(o, "data");
    if (bp.empty() || !data) continue;
    for (const auto& scorecard : *data) {
      Status s = co_await client.Post("/v1/blueprints/" + EncodeSegment(bp) + "/scorecards",
                                      scorecard);
      if (!s.ok()) LOG_WARN("could not create a default scorecard of {}: {}", bp, s.message());
    }
  }
  for (const auto& page : defaults.pages) {
    Status s = co_await client.Post("/v1/pages", page);
    if (!s.ok()) LOG_WARN("could not create default page: {}", s.message());
  }
}

}  // namespace ocean::port
