// OceanSettings: the process configuration, read the way Ocean reads it.
//
// Sources, highest precedence first:
//   1. CLI overrides (already nested, snake_case keys, e.g. {"event_listener":{"type":"ONCE"}});
//   2. the environment: OCEAN__* and APPLICATION__* variables, names case-insensitive, `__`
//      nesting (OCEAN__PORT__CLIENT_ID -> port.client_id); a value for an object or array
//      field may be one JSON string (OCEAN__EVENT_LISTENER='{"type":"POLLING"}');
//      `.env` in the working directory fills variables the environment does not set;
//   3. `config.yaml` in the working directory: camelCase keys are decamelised; a string value
//      `{{ from env VAR }}` becomes $VAR.
// Integration config (`integration.config`) keys follow `.port/spec.yaml` (decamelised names,
// objects/arrays JSON-decoded, url trailing '/' stripped).
//
// Typed fields accept their text form (environment variables are text): booleans as
// true/false/1/0/yes/no/on/off, integers as decimal text. Event listener types POLLING, ONCE and
// WEBHOOK are accepted (case-insensitive); Ocean's KAFKA, WEBHOOKS_ONLY and ACTIONS_ONLY are
// refused with "... is not supported by ocean-aws". APPLICATION__LOG_LEVEL is one of TRACE,
// DEBUG, INFO, WARNING (WARN), ERROR, CRITICAL, OFF and is returned upper-case.
//
// Errors name the variable or key, its source and what was expected, e.g.
// `OCEAN__EVENT_LISTENER__INTERVAL: expected an integer, got "abc"` or
// `config.yaml: event_listener.interval: ...`, never the value of a secret; all problems found
// are reported together, separated by "; ". Every sensitive value loaded (Port client secret,
// AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN from the environment, integration config
// aws_secret_access_key / aws_session_token / live_events_api_key, spec fields marked
// sensitive) is registered with core::RegisterSecret (core/redact.h) before return.
//
// Thread-safety: LoadSettings reads the process environment; call it once at startup.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace ocean {

struct PortSettings {
  std::string client_id;
  std::string client_secret;  // sensitive
  std::string base_url = "https://api.getport.io";  // no trailing '/'
  bool verify_tls = true;     // OCEAN__SSL__PORT__VERIFY
};

struct EventListenerSettings {
  std::string type = "POLLING";  // POLLING | ONCE | WEBHOOK (others are refused with a message)
  int interval_seconds = 60;     // POLLING
  std::string app_host;          // WEBHOOK (sensitive in Ocean)
};

// Where entities go. Chosen by `sink` (ours: OCEAN__SINK = port|sqlite|ndjson); when unset:
// Port if client id and secret are set, otherwise SQLite at `sqlite_path`.
enum class SinkKind { kPort, kSqlite, kNdjson };

struct OceanSettings {
  PortSettings port;
  std::string integration_identifier;      // default "my-{type}-integration"
  std::string integration_type = "aws-v3";
  std::string integration_version;         // ours (project version)
  json::object integration_config;         // snake_case keys (catalog::IntegrationConfig::FromJson)
  EventListenerSettings event_listener;
  bool initialize_port_resources = true;
  std::optional<int> scheduled_resync_interval_minutes;
  bool send_raw_data_examples = true;
  std::string base_url;                    // OCEAN__BASE_URL
  std::string path_prefix;                 // "" or "/prefix" (normalised: leading '/', no trailing)
  std::size_t upsert_batch_max_length = 20;
  std::size_t upsert_batch_max_bytes = 1'048'576;
  std::string resources_path = ".port/resources";
  bool allow_environment_variables_jq_access = true;
  // The mapping worker pool (ocean/mapping/pool/mapping_pool.h). Ocean's names:
  // OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS (unset: the cgroup CPU quota, else the cores; 0 = map
  // in the main process, unprotected against libjq crashes and runaways) and
  // OCEAN__PROCESS_IN_QUEUE_TIMEOUT (seconds one item may take). Ours:
  // OCEAN__MAPPING_WORKER_MEMORY_LIMIT_MB (address-space limit per worker; 0 = none).
  std::optional<int> mapping_workers;
  int mapping_item_timeout_seconds = 120;
  std::int64_t mapping_worker_memory_limit_mb = 4096;
  // OCEAN__RESYNC_STAGE_CAPACITY (ours): per resync (all kinds together), batches listed but
  // not yet loaded (ocean/resync/kind_stages.h); bounds memory and how far listing runs ahead
  // of the sink.
  std::size_t resync_stage_capacity = 16;
  int application_port = 8000;             // APPLICATION__PORT
  std::string log_level = "INFO";          // APPLICATION__LOG_LEVEL
  // ours
  SinkKind sink = SinkKind::kSqlite;
  std::string sqlite_path = "ocean-aws-catalog.db";  // OCEAN__SQLITE_PATH
  std::string ndjson_path = "-";                      // OCEAN__NDJSON_PATH ("-" = stdout)
  std::string port_app_config_file;  // OCEAN__PORT_APP_CONFIG_FILE: a local mapping instead of Port's

  // The merged, nested tree every field above was read from (secrets included; never log it).
  json::object tree;
};

struct SettingsSources {
  std::map<std::string, std::string> environment;  // usually the process environment
  std::string dotenv_path = ".env";                // missing file: ignored
  std::string config_yaml_path = "config.yaml";    // missing file: ignored
  json::object cli_overrides;
  std::string spec_path = ".port/spec.yaml";       // integration config schema (missing: none)
  std::optional<std::string> spec_text;            // the spec itself; when set, spec_path unused
};

// The process environment as a map (for SettingsSources::environment).
std::map<std::string, std::string> ProcessEnvironment();

core::Result<OceanSettings> LoadSettings(const SettingsSources& sources);

// The User-Agent Port derives entity ownership from:
// "port-ocean/{type}/{version}/{identifier}/exporter".
std::string PortUserAgent(const OceanSettings& settings);

}  // namespace ocean
