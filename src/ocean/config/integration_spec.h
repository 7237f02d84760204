// IntegrationSpec: the `configurations` of `.port/spec.yaml` — the integration's own settings
// (Ocean's dynamic `integration.config` model) — and their application to configured values.
//
// Each configuration has a name (camelCase or snake_case; the config key is its decamelised
// form), a type (string | integer | boolean | object | array | url), and optionally required,
// sensitive, default, enum and description. Applying the spec to a raw `integration.config`
// object:
//   - object/array values given as text (environment variables) are JSON-decoded; a text that
//     is not JSON is kept for an array (comma-separated lists are read downstream), refused for
//     an object;
//   - url values must be absolute (scheme://...) and lose their trailing '/';
//   - integer/boolean values are coerced from text; string values from numbers and booleans;
//   - a missing value takes the default (when declared); a missing required value is an error;
//   - a value outside `enum` is an error;
//   - keys the spec does not declare are kept as given (e.g. live_events_api_key, region).
// Errors name the key through `label_of` (the environment variable or file key it came from)
// and never show the value of a sensitive key.
//
// Every value of a sensitive configuration, and of the always-secret keys aws_access_key_id,
// aws_secret_access_key, aws_session_token and live_events_api_key, is registered with
// core::RegisterSecret.
//
// Thread-safety: plain values; Apply touches only the process-wide secret registry.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace ocean::config {

struct SpecConfiguration {
  std::string name;  // as in the spec ("accountRoleArns")
  std::string key;   // decamelised ("account_role_arns")
  std::string type;  // string | integer | boolean | object | array | url
  bool required = false;
  bool sensitive = false;
  std::optional<json::value> default_value;
  std::vector<json::value> allowed;  // `enum`; empty = any
  std::string description;
};

struct IntegrationSpec {
  std::string type;   // spec `type`, if given
  std::string title;
  std::vector<SpecConfiguration> configurations;
};

// Parses spec.yaml text (YAML or JSON). Unknown configuration types are errors naming the
// configuration and its position.
core::Result<IntegrationSpec> ParseIntegrationSpec(std::string_view text,
                                                   std::string_view source_name);

// `raw`: integration.config as merged from every source. `label_of(key)` names a key for
// errors (e.g. "OCEAN__INTEGRATION__CONFIG__EXTERNAL_ID" or "config.yaml: integration.config.x").
core::Result<json::object> ApplyIntegrationSpec(
    const IntegrationSpec& spec, const json::object& raw,
    const std::function<std::string(std::string_view key)>& label_of);

}  // namespace ocean::config
