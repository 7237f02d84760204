// ResyncSession: everything a resync needs, built once from the settings and reused by every
// resync of the process — the AWS runtime, the sink (Port, SQLite or NDJSON), the Port client
// when Port is used, and where the mapping comes from:
//   --config-file / OCEAN__PORT_APP_CONFIG_FILE  >  Port's integration config (Port sink)
//   >  <resources_path>/port-app-config.yml  >  the default mapping embedded in the binary.
//
// Run() loads the mapping afresh (as Ocean does for every resync), then runs RunResync.
// Mapping runs on a pool of worker processes built from the settings (mapping_pool.h).
//
// Thread-safety: lives on its Runtime's event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/runtime.h"
#include "core/result.h"
#include "ocean/config/port_app_config.h"
#include "ocean/config/settings.h"
#include "ocean/mapping/pool/mapping_pool.h"
#include "ocean/resync/resync_observer.h"
#include "ocean/resync/resync_runner.h"
#include "ocean/sinks/entity_sink.h"

namespace ocean::port {
class PortClient;
}

namespace app {

struct SessionOptions {
  std::string endpoint_url;               // AWS endpoint override (tests, emulators)
  std::vector<std::string> only_regions;  // --region
  bool reconcile_narrowed = false;         // --reconcile-narrowed
};

class ResyncSession {
 public:
  static core::Result<std::unique_ptr<ResyncSession>> Create(ocean::OceanSettings settings,
                                                             SessionOptions options);
  ~ResyncSession();

  Runtime& runtime() { return *runtime_; }
  const ocean::OceanSettings& settings() const { return settings_; }
  ocean::EntitySink& sink() { return *sink_; }
  ocean::port::PortClient* port() { return port_.get(); }  // null unless the Port sink is used
  // The mapping worker pool (null when OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS=0).
  ocean::mapping::pool::MappingPool* mapping_pool() { return mapping_pool_.get(); }
  std::string sink_description() const;  // e.g. "SQLite catalog /path/x.db"
  const catalog::IntegrationConfig& integration() const { return integration_; }

  // Port handshake (integration create/patch, default resources) when Port is used; OK otherwise.
  boost::asio::awaitable<core::Status> Prepare(const std::string& event_listener_type);

  // The mapping for the next resync; nullopt when it is empty (the resync is then skipped).
  boost::asio::awaitable<core::Result<std::optional<ocean::PortAppConfig>>> LoadMapping();

  boost::asio::awaitable<ocean::ResyncReport> Run(std::string trigger, ocean::AbortSignalPtr abort,
                                                  ocean::ResyncObserver* observer);

 private:
  ResyncSession() = default;
  ocean::OceanSettings settings_;
  SessionOptions options_;
  std::unique_ptr<Runtime> runtime_;
  // Declared after runtime_: destroyed first, so its completions never outlive the event loop.
  std::unique_ptr<ocean::mapping::pool::MappingPool> mapping_pool_;  // null: map in-process
  std::shared_ptr<net::CurlTransport> port_transport_;  // Port's own TLS/proxy settings
  std::shared_ptr<ocean::port::PortClient> port_;
  std::unique_ptr<ocean::EntitySink> sink_;
  std::string sink_description_;
  catalog::IntegrationConfig integration_;
};

// The mapping pool the settings ask for; null when OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS=0.
std::unique_ptr<ocean::mapping::pool::MappingPool> MakeMappingPool(
    const ocean::OceanSettings& settings);

// The default Port resources embedded in the binary at build time (.port/resources/):
// port-app-config.yml and blueprints.json ("" if the file was missing at build time).
std::string_view EmbeddedDefaultMapping();
std::string_view EmbeddedDefaultBlueprints();

}  // namespace app
