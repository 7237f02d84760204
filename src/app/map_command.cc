#include "app/map_command.h"

#include <iostream>
#include <map>
#include <vector>

#include "app/settings_loader.h"
#include "core/json.h"
#include "core/redact.h"
#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/pool/mapping_pool.h"

namespace app {

CLI::App* AddMapCommand(CLI::App& cli, MapCommandOptions& options) {
  auto* cmd = cli.add_subcommand(
      "map", "Map raw resources (NDJSON on stdin) to Port entities (NDJSON on stdout)");
  cmd->add_option("--config,--config-file", options.config_file,
                  "port-app-config file (YAML or JSON)")
      ->required();
  cmd->add_option("--kind", options.kind,
                  "use this kind's resource configs for every line (default: each line's Type)");
  cmd->add_flag("--no-env", options.no_env, "forbid jq access to environment variables");
  options.in_process = false;
  cmd->add_flag("--in-process", options.in_process,
                "map in this process instead of a mapping worker (unprotected against libjq "
                "crashes and non-terminating expressions)");
  cmd->add_option("--timeout", options.timeout_seconds,
                  "seconds one item may take in the mapping worker (default 120)")
      ->check(CLI::PositiveNumber);
  return cmd;
}

namespace {

struct CompiledKind {
  std::vector<ocean::mapping::EntityMapper> mappers;  // in the config's order
  std::vector<ocean::mapping::pool::MapperSpecPtr> pooled;  // the same, for the worker
};

}  // namespace

int RunMap(const MapCommandOptions& options, std::istream& in, std::ostream& out,
           std::ostream& err) {
  core::Result<ocean::PortAppConfig> config = ocean::LoadPortAppConfigFile(options.config_file);
  if (!config.ok()) {
    err << "error: " << core::Redact(config.status().message()) << "\n";
    return 2;
  }
  // The same setting as resync/sail (OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS, .env,
  // config.yaml): a mapping developed with `map` sees what it will see in production.
  core::Result<ocean::OceanSettings> settings = LoadProcessSettings({});
  if (!settings.ok()) {
    err << "error: " << core::Redact(settings.status().message()) << "\n";
    return 2;
  }
  ocean::mapping::JqOptions jq;
  jq.allow_env = !options.no_env && settings->allow_environment_variables_jq_access;
  std::map<std::string, CompiledKind> by_kind;
  std::unique_ptr<ocean::mapping::pool::MappingPool> pool;
  if (!options.in_process) {
    ocean::mapping::pool::MappingPoolOptions pool_options;
    pool_options.workers = 1;
    pool_options.item_timeout = std::chrono::seconds(options.timeout_seconds);
    pool = std::make_unique<ocean::mapping::pool::MappingPool>(std::move(pool_options));
  }
  for (const ocean::ResourceConfig& resource : config->resources) {
    if (!options.kind.empty() && resource.kind != options.kind) continue;
    core::Result<ocean::mapping::EntityMapper> mapper =
        ocean::mapping::EntityMapper::Compile(resource, jq);
    if (!mapper.ok()) {
      err << "error: " << options.config_file << ": " << core::Redact(mapper.status().message()) << "\n";
      return 2;
    }
    by_kind[resource.kind].mappers.push_back(std::move(*mapper));
    if (pool) by_kind[resource.kind].pooled.push_back(pool->Register(resource, jq));
  }
  if (by_kind.empty()) {
    err << "error: " << options.config_file << " has no resource config"
        << (options.kind.empty() ? "" : " of kind " + options.kind) << "\n";
    return 2;
  }

  long lines = 0, raw = 0, entities = 0, filtered = 0, dropped = 0, errors = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++lines;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    core::Result<json::value> item = core::ParseJson(line);
    if (!item.ok()) {
      err << "line " << lines << ": invalid JSON: " << item.status().message() << "\n";
      ++errors;
      continue;
    }
    std::string kind = options.kind;
    if (kind.empty()) {
      const json::object* obj = item->if_object();
      const json::value* type = obj ? obj->if_contains("Type") : nullptr;
      if (type == nullptr || !type->is_string()) {
        err << "line " << lines << ": no \"Type\" to choose a kind by (use --kind)\n";
        ++errors;
        continue;
      }
      kind = std::string(type->as_string());
    }
    auto it = by_kind.find(kind);
    if (it == by_kind.end()) continue;  // a kind the config does not map: nothing, as in Ocean
    ++raw;
    std::span<const json::value> one(&*item, 1);
    for (std::size_t m = 0; m < it->second.mappers.size(); ++m) {
      ocean::mapping::MapResult r;
      if (pool) {
        ocean::mapping::pool::MapJob job;
        job.mapper = it->second.pooled[m];
        job.items.push_back(*item);
        r = pool->MapNow(std::move(job)).result;
      } else {
        r = it->second.mappers[m].Map(one);
      }
      for (const ocean::mapping::MappedEntity& e : r.entities) {
        out << core::WriteJson(e.entity) << "\n";
      }
      entities += static_cast<long>(r.entities.size());
      filtered += r.filtered_out;
      dropped += r.dropped;
      for (const ocean::mapping::MapError& e : r.errors) {
        err << "line " << lines << ": " << e.kind << " " << e.field << " (" << e.expression
            << ") item " << e.item << ": " << e.message << "\n";
      }
      errors += static_cast<long>(r.errors.size());  // selector, itemsToParse and leaf errors
    }
  }
  out.flush();
  err << "mapped " << raw << " raw items into " << entities << " entities (" << filtered
      << " filtered out by selectors, " << dropped << " dropped for a null identifier or "
      << "blueprint, " << errors << " errors)\n";
  return errors > 0 ? 1 : 0;
}

}  // namespace app
