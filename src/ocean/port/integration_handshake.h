// The startup handshake with Port (Ocean's validate_integration_runtime + initialize_defaults,
// ocean-core.md §1.2 step 6 and §1.7), origin "Default" (ocean-aws creates its own defaults):
//
//   1. GET /v1/integration/{id}. When it exists, its installationType must suit the runtime
//      (OnPrem: exactly "OnPrem"; Saas: starting with "Saas"), else an error.
//   2. Missing: POST /v1/integration {installationId, installationAppType, version,
//      changelogDestination, config: default mapping (when initialize_port_resources) or {},
//      actionsProcessingEnabled: false, incrementalSyncEnabled: false,
//      createPortResourcesOrigin: "Default", processingMode}. An empty version is an error.
//   3. Drift: when installationAppType, changelogDestination, version, processingMode,
//      actionsProcessingEnabled or incrementalSyncEnabled differ from ours, PATCH all of them.
//   4. Unless arePortResourcesInitialized:
//      - origin "Port": nothing (Port provisions the defaults);
//      - origin "Empty": PATCH {config: empty mapping, arePortResourcesInitialized: true, version};
//      - otherwise, when initialize_port_resources: PATCH .../config with the default mapping if
//        the integration has none, create the default blueprints in stages (rollback on
//        failure, which fails the handshake), the other defaults, then PATCH
//        {arePortResourcesInitialized: true, version}. With initialize_port_resources off,
//        nothing (and the flag stays unset, as in Ocean).
//
// Thread-safety: a coroutine on the client's io_context.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "ocean/port/default_resources.h"
#include "ocean/port/port_client.h"

namespace ocean::port {

struct HandshakeOptions {
  std::string integration_type = "aws-v3";  // installationAppType
  std::string version;                      // the integration version
  // {} for POLLING / ONCE; {"type":"WEBHOOK","url": appHost + "/resync"} for WEBHOOK.
  json::object changelog_destination;
  bool initialize_port_resources = true;
  std::string processing_mode = "ocean-core";
  std::string runtime = "OnPrem";  // OnPrem | Saas
  DefaultResources defaults;
};

struct HandshakeResult {
  bool created = false;                // POST /v1/integration
  bool drift_patched = false;          // PATCH for changed settings
  bool config_patched = false;         // PATCH .../config with the default mapping
  bool resources_initialized = false;  // this run set arePortResourcesInitialized
  BlueprintCreation blueprints;
  json::object integration;            // Port's latest view of the integration
};

// OK when `integration.installationType` (default "OnPrem") suits `runtime`.
core::Status ValidateRuntime(const json::object& integration, std::string_view runtime);

boost::asio::awaitable<core::Result<HandshakeResult>> RunIntegrationHandshake(
    PortClient& client, const HandshakeOptions& options);

}  // namespace ocean::port
