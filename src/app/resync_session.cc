#include "app/resync_session.h"

#include <filesystem>

#include "catalog/integration_config.h"
#include "catalog/kind_table.h"
#include "core/log.h"
#include "ocean/port/port_client.h"
#include "ocean/port/default_resources.h"
#include "ocean/port/integration_handshake.h"
#include "ocean/port/port_factory.h"
#include "ocean/port/port_sink.h"
#include "ocean/sinks/ndjson_sink.h"
#include "ocean/sinks/sqlite_sink.h"

namespace app {

namespace asio = boost::asio;
using core::Result;
using core::Status;

ResyncSession::~ResyncSession() = default;

std::unique_ptr<ocean::mapping::pool::MappingPool> MakeMappingPool(
    const ocean::OceanSettings& settings) {
  if (settings.mapping_workers && *settings.mapping_workers == 0) {
    LOG_WARN("OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS=0: mapping runs in the main process, "
             "unprotected against libjq crashes and non-terminating expressions");
    return nullptr;
  }
  ocean::mapping::pool::MappingPoolOptions options;
  options.workers = settings.mapping_workers.value_or(0);
  options.item_timeout = std::chrono::seconds(settings.mapping_item_timeout_seconds);
  options.memory_limit_mb = settings.mapping_worker_memory_limit_mb;
  return std::make_unique<ocean::mapping::pool::MappingPool>(std::move(options));
}

Result<std::unique_ptr<ResyncSession>> ResyncSession::Create(ocean::OceanSettings settings,
                                                             SessionOptions options) {
  std::unique_ptr<ResyncSession> s(new ResyncSession());
  CORE_ASSIGN_OR_RETURN(s->integration_,
                        catalog::IntegrationConfig::FromJson(settings.integration_config));
  // User-defined kinds named in the integration's config (file or environment), unless the CLI
  // flags or environment already loaded some at start (those win).
  if ((!s->integration_.custom_kinds_path.empty() || !s->integration_.aws_models_path.empty()) &&
      catalog::LoadedKindTableOptions() == catalog::KindTableOptions{}) {
    Status kinds = catalog::LoadKindTable(
        {s->integration_.custom_kinds_path, s->integration_.aws_models_path});
    if (!kinds.ok()) return kinds.WithContext("invalid kind definitions");
  }
  s->runtime_ = std::make_unique<Runtime>(options.endpoint_url);
  s->mapping_pool_ = MakeMappingPool(settings);
  switch (settings.sink) {
    case ocean::SinkKind::kPort: {
      s->port_transport_ =
          net::MakeCurlTransport(s->runtime_->io, ocean::port::PortTransportOptions(settings));
      s->port_ = ocean::port::MakePortClient(s->port_transport_, settings);
      ocean::PortSinkOptions port_options;
      port_options.integration_type = settings.integration_type;
      port_options.integration_identifier = settings.integration_identifier;
      port_options.upsert_batch_max_length = settings.upsert_batch_max_length;
      port_options.upsert_batch_max_bytes = settings.upsert_batch_max_bytes;
      port_options.scheduled_resync_interval_minutes = settings.scheduled_resync_interval_minutes;
      s->sink_ = std::make_unique<ocean::PortSink>(s->port_, port_options);
      s->sink_description_ = "Port at " + settings.port.base_url + " (integration " +
                             settings.integration_identifier + ")";
      break;
    }
    case ocean::SinkKind::kSqlite: {
      ocean::SqliteSinkOptions sqlite_options;
      sqlite_options.integration_identifier = settings.integration_identifier;
      CORE_ASSIGN_OR_RETURN(std::unique_ptr<ocean::SqliteSink> sqlite,
                            ocean::SqliteSink::Open(settings.sqlite_path, sqlite_options));
      s->sink_description_ = "SQLite catalog " + std::filesystem::absolute(settings.sqlite_path).string();
      s->sink_ = std::move(sqlite);
      break;
    }
    case ocean::SinkKind::kNdjson: {
      CORE_ASSIGN_OR_RETURN(std::unique_ptr<ocean::NdjsonSink> ndjson,
                            ocean::NdjsonSink::Open(settings.ndjson_path));
      s->sink_description_ = settings.ndjson_path == "-" ? "NDJSON on standard output"
                                                         : "NDJSON file " + settings.ndjson_path;
      s->sink_ = std::move(ndjson);
      break;
    }
  }
  s->settings_ = std::move(settings);
  s->options_ = std::move(options);
  return s;
}

std::string ResyncSession::sink_description() const { return sink_description_; }

asio::awaitable<Status> ResyncSession::Prepare(const std::string& event_listener_type) {
  if (!port_) co_return Status::Ok();
  ocean::port::HandshakeOptions options;
  options.integration_type = settings_.integration_type;
  options.version = settings_.integration_version;
  options.initialize_port_resources = settings_.initialize_port_resources;
  if (event_listener_type == "WEBHOOK") {
    options.changelog_destination["type"] = "WEBHOOK";
    options.changelog_destination["url"] = settings_.event_listener.app_host + "/resync";
  }
  if (settings_.initialize_port_resources) {
    // Defaults on disk (a checkout with .port/resources) win over those embedded in the binary.
    std::string dir = settings_.resources_path;
    Result<ocean::port::DefaultResources> defaults =
        std::filesystem::exists(dir + "/blueprints.json") ||
                std::filesystem::exists(dir + "/port-app-config.yml")
            ? ocean::port::LoadDefaultResources(dir)
            : ocean::port::DefaultResourcesFromText(EmbeddedDefaultMapping(),
                                                    EmbeddedDefaultBlueprints());
    if (!defaults.ok()) co_return defaults.status();
    options.defaults = std::move(*defaults);
  }
  Result<ocean::port::HandshakeResult> result =
      co_await ocean::port::RunIntegrationHandshake(*port_, options);
  if (!result.ok()) co_return result.status();
  LOG_INFO("Port integration {}: {}{}{}", settings_.integration_identifier,
           result->created ? "created" : "found", result->drift_patched ? ", settings patched" : "",
           result->resources_initialized ? ", default resources initialized" : "");
  co_return Status::Ok();
}

asio::awaitable<Result<std::optional<ocean::PortAppConfig>>> ResyncSession::LoadMapping() {
  using Out = std::optional<ocean::PortAppConfig>;
  core::Result<ocean::PortAppConfig> config = Status::NotFound("no mapping");
  if (!settings_.port_app_config_file.empty()) {
    config = ocean::LoadPortAppConfigFile(settings_.port_app_config_file);
  } else if (port_) {
    Result<std::optional<ocean::PortAppConfig>> fetched = co_await port_->FetchPortAppConfig();
    if (!fetched.ok()) co_return fetched.status();
    if (!*fetched) co_return Out();
    config = std::move(**fetched);
  } else {
    std::string local = settings_.resources_path + "/port-app-config.yml";
    if (std::filesystem::exists(local)) {
      config = ocean::LoadPortAppConfigFile(local);
    } else {
      config = ocean::ParsePortAppConfig(EmbeddedDefaultMapping(),
                                         "the default port-app-config (embedded)");
    }
  }
  if (!config.ok()) co_return config.status();
  if (config->resources.empty()) co_return Out();
  co_return Out(std::move(*config));
}

asio::awaitable<ocean::ResyncReport> ResyncSession::Run(std::string trigger,
                                                        ocean::AbortSignalPtr abort,
                                                        ocean::ResyncObserver* observer) {
  Result<std::optional<ocean::PortAppConfig>> mapping = co_await LoadMapping();
  if (!mapping.ok() || !*mapping) {
    ocean::ResyncReport skipped;
    skipped.resync_id = ocean::NewResyncId();
    skipped.trigger = trigger;
    skipped.started_at = skipped.finished_at = std::chrono::system_clock::now();
    if (!mapping.ok()) {
      skipped.status = ocean::ResyncStatus::kFailed;
      // A mapping file or Port's mapping that does not parse is the configuration's fault (exit
      // 2); Port being unreachable is not.
      const core::StatusCode code = mapping.status().code();
      skipped.configuration_error =
          code == core::StatusCode::kInvalidArgument || code == core::StatusCode::kNotFound ||
          code == core::StatusCode::kParseError;
      skipped.message = "cannot load the mapping: " + mapping.status().message();
      LOG_ERROR("resync skipped: {}", skipped.message);
    } else {
      skipped.message = "skipping resync due to empty mapping";
      LOG_WARN("{}", skipped.message);
    }
    co_return skipped;
  }
  ocean::ResyncEnvironment env{*runtime_->source,
                               integration_,
                               *sink_,
                               ocean::mapping::JqOptions{settings_.allow_environment_variables_jq_access},
                               options_.only_regions,
                               mapping_pool_.get(),
                               options_.reconcile_narrowed};
  env.stage_capacity = settings_.resync_stage_capacity;
  ocean::PortAppConfig config = std::move(**mapping);
  co_return co_await ocean::RunResync(env, config, std::move(trigger), std::move(abort), observer);
}

}  // namespace app
