// Default Port resources (Ocean's `.port/resources`): the default mapping and blueprints an
// integration creates in Port at first start, plus optional actions, scorecards and pages.
//
// Loading: <dir>/<name>.{json,yaml,yml} for name in port-app-config, blueprints, actions,
// scorecards, pages; a missing file means none. The mapping is validated (as Port's mapping
// would be) but kept as written. Errors name the file and the problem.
//
// Creating blueprints follows Ocean's stages (ocean-core.md §1.7):
//   0. if ANY default blueprint already exists in Port (GET /v1/blueprints/{id}), create nothing;
//   1. POST every blueprint "bare" (without relations, calculationProperties, mirrorProperties,
//      aggregationProperties, teamInheritance, ownership), concurrently;
//   2. PATCH each with its relations / teamInheritance / ownership;
//   3. PATCH each with the full blueprint;
//   on any failure, DELETE the blueprints created in stage 1 and return the failure.
// Actions (POST /v1/actions), scorecards (POST /v1/blueprints/{bp}/scorecards) and pages
// (POST /v1/pages) follow; their errors are logged only.
//
// Thread-safety: coroutines on the client's io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"
#include "ocean/port/port_client.h"

namespace ocean::port {

struct DefaultResources {
  std::optional<json::object> mapping;  // the default port-app-config document
  json::array blueprints;
  json::array actions;
  json::array scorecards;  // [{"blueprint": id, "data": [scorecard...]}]
  json::array pages;
};

core::Result<DefaultResources> LoadDefaultResources(const std::string& dir);

// From text (e.g. defaults embedded in the binary); an empty text means none.
core::Result<DefaultResources> DefaultResourcesFromText(std::string_view mapping_text,
                                                        std::string_view blueprints_text);

struct BlueprintCreation {
  std::vector<std::string> existing;  // non-empty: creation was skipped
  std::vector<std::string> created;
};

boost::asio::awaitable<core::Result<BlueprintCreation>> CreateDefaultBlueprints(
    PortClient& client, const json::array& blueprints);

// Actions, scorecards and pages; failures are logged, never returned.
boost::asio::awaitable<void> CreateOtherDefaults(PortClient& client,
                                                 const DefaultResources& defaults);

}  // namespace ocean::port
