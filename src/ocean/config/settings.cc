#include "ocean/config/settings.h"

#include <filesystem>
#include <set>

#include "core/redact.h"
#include "core/document.h"
#include "ocean/config/dotenv.h"
#include "ocean/config/integration_spec.h"
#include "ocean/config/key_case.h"
#include "ocean/config/settings_layer.h"
#include "ocean/config/settings_reader.h"
#include "ocean/config/tree_values.h"
#include "ocean/config/version.h"

extern char** environ;

namespace ocean {
namespace {

using config::SettingsLayer;
using core::Status;

// Settings whose whole value may be given as one JSON string (pydantic "complex" fields).
const std::vector<std::string>& ContainerPaths() {
  static const std::vector<std::string> kPaths = {
      "port",       "integration", "integration.config", "event_listener", "ssl",
      "ssl.port",   "ssl.third_party", "metrics",        "streaming",      "actions_processor",
      "live_events", "live_events.redis"};
  return kPaths;
}

core::Result<bool> FileExists(const std::string& path) {
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (ec) return Status::Unavailable(path + ": " + ec.message());
  return exists;
}

// The environment plus the .env entries it does not set (names compared case-insensitively).
core::Result<std::vector<config::EnvVariable>> EnvironmentVariables(const SettingsSources& src) {
  std::vector<config::EnvVariable> vars;
  std::set<std::string> seen;
  for (const auto& [name, value] : src.environment) {
    vars.push_back({name, value, name});
    seen.insert(config::AsciiUpper(name));
  }
  if (src.dotenv_path.empty()) return vars;
  CORE_ASSIGN_OR_RETURN(bool exists, FileExists(src.dotenv_path));
  if (!exists) return vars;
  CORE_ASSIGN_OR_RETURN(std::string text, core::ReadTextFile(src.dotenv_path));
  CORE_ASSIGN_OR_RETURN(auto entries, config::ParseDotenv(text, src.dotenv_path));
  std::map<std::string, std::size_t> from_file;  // upper name -> index in vars (last wins)
  for (auto& [name, value] : entries) {
    std::string upper = config::AsciiUpper(name);
    if (seen.count(upper)) continue;
    std::string label = src.dotenv_path + ": " + name;
    if (auto it = from_file.find(upper); it != from_file.end()) {
      vars[it->second] = {name, value, label};
    } else {
      from_file[upper] = vars.size();
      vars.push_back({name, value, label});
    }
  }
  return vars;
}

core::Result<SettingsLayer> ConfigYamlLayer(const SettingsSources& src,
                                            std::map<std::string, config::ConfigPlaceholder>* ph) {
  if (src.config_yaml_path.empty()) return SettingsLayer();
  CORE_ASSIGN_OR_RETURN(bool exists, FileExists(src.config_yaml_path));
  if (!exists) return SettingsLayer();
  CORE_ASSIGN_OR_RETURN(std::string text, core::ReadTextFile(src.config_yaml_path));
  CORE_ASSIGN_OR_RETURN(json::value doc, core::ParseDocument(text, src.config_yaml_path));
  if (doc.is_null()) return SettingsLayer();
  if (!doc.is_object()) {
    return Status::InvalidArgument(src.config_yaml_path + ": expected a mapping at the top level");
  }
  return config::LayerFromConfigYaml(doc.get_object(), src.config_yaml_path, ph);
}

// `{{ from env VAR }}` values that no higher-precedence source replaced.
Status ResolvePlaceholders(const SettingsSources& src, const std::string& yaml_source,
                           const std::map<std::string, config::ConfigPlaceholder>& placeholders,
                           SettingsLayer& merged) {
  for (const auto& [path, ph] : placeholders) {
    std::string label = yaml_source + ": " + path;
    if (merged.OriginOf(path, "") != label) continue;  // set by the environment or command line
    if (ph.provider != "env") {
      return Status::InvalidArgument(label + ": unknown config provider " +
                                     config::Quoted(ph.provider) + " (only 'env' exists)");
    }
    auto it = src.environment.find(ph.argument);
    if (it == src.environment.end()) {
      return Status::InvalidArgument(label + ": environment variable " + ph.argument +
                                     " is not set");
    }
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
      std::size_t dot = path.find('.', start);
      parts.push_back(path.substr(start, dot == std::string::npos ? path.npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    merged.Set(parts, json::value(json::string(it->second)),
               label + " (from env " + ph.argument + ")");
  }
  return Status::Ok();
}

core::Result<config::IntegrationSpec> LoadSpec(const SettingsSources& src) {
  if (src.spec_text) return config::ParseIntegrationSpec(*src.spec_text, "spec.yaml");
  if (src.spec_path.empty()) return config::IntegrationSpec();
  CORE_ASSIGN_OR_RETURN(bool exists, FileExists(src.spec_path));
  if (!exists) return config::IntegrationSpec();
  CORE_ASSIGN_OR_RETURN(std::string text, core::ReadTextFile(src.spec_path));
  return config::ParseIntegrationSpec(text, src.spec_path);
}

}  // namespace

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string_view entry(*e);
    std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    out.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

core::Result<OceanSettings> LoadSettings(const SettingsSources& sources) {
  for (const char* name : {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}) {
    if (auto it = sources.environment.find(name); it != sources.environment.end()) {
      core::RegisterSecret(it->second);
    }
  }
  std::map<std::string, config::ConfigPlaceholder> placeholders;
  CORE_ASSIGN_OR_RETURN(SettingsLayer merged, ConfigYamlLayer(sources, &placeholders));
  CORE_ASSIGN_OR_RETURN(auto variables, EnvironmentVariables(sources));
  CORE_ASSIGN_OR_RETURN(SettingsLayer env,
                        config::LayerFromEnvironment(variables, ContainerPaths()));
  merged.MergeFrom(env);
  merged.MergeFrom(config::LayerFromOverrides(sources.cli_overrides));
  CORE_RETURN_IF_ERROR(
      ResolvePlaceholders(sources, sources.config_yaml_path, placeholders, merged));

  // Secrets first, so that nothing below can leak them.
  for (const char* path : {"port.client_secret", "live_events.redis.password"}) {
    if (const json::value* v = merged.Find(path); v != nullptr && v->is_string()) {
      core::RegisterSecret(v->get_string());
    }
  }

  CORE_ASSIGN_OR_RETURN(config::IntegrationSpec spec, LoadSpec(sources));
  json::object raw_config;
  std::vector<std::string> errors;
  if (const json::value* c = merged.Find("integration.config"); c != nullptr && !c->is_null()) {
    if (c->is_object()) {
      raw_config = c->get_object();
    } else {
      errors.push_back(merged.OriginOf("integration.config", "integration.config") +
                       ": expected a mapping of integration settings");
    }
  }
  auto label_of = [&](std::string_view key) {
    std::string path = "integration.config." + std::string(key);
    return merged.OriginOf(path, "OCEAN__INTEGRATION__CONFIG__" + config::AsciiUpper(key));
  };
  auto applied = config::ApplyIntegrationSpec(spec, raw_config, label_of);
  if (!applied.ok()) errors.push_back(applied.status().message());

  OceanSettings out;
  out.integration_version = std::string(kOceanAwsVersion);
  if (applied.ok()) out.integration_config = std::move(*applied);
  config::ReadTypedSettings(merged, out, errors);
  if (!errors.empty()) {
    std::string msg = errors.front();
    for (std::size_t i = 1; i < errors.size(); ++i) msg += "; " + errors[i];
    return Status::InvalidArgument(msg);
  }
  out.tree = std::move(merged.tree);
  json::value& integration = out.tree["integration"];
  if (!integration.is_object()) integration = json::object();
  integration.get_object()["config"] = out.integration_config;
  return out;
}

std::string PortUserAgent(const OceanSettings& settings) {
  return "port-ocean/" + settings.integration_type + "/" + settings.integration_version + "/" +
         settings.integration_identifier + "/exporter";
}

}  // namespace ocean
