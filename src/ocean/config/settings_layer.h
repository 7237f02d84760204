// SettingsLayer: one source of settings (environment, .env, config.yaml, command line) as a
// nested tree plus, for every leaf, a label naming where it came from, so that errors can say
// `OCEAN__EVENT_LISTENER__INTERVAL: expected an integer` or
// `config.yaml: event_listener.interval: ...`.
//
// Layers are merged the way pydantic's deep_update merges sources: objects merge key by key,
// anything else (scalars, lists) replaces. Arrays are leaves.
//
// Thread-safety: plain values.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/result.h"

namespace ocean::config {

struct SettingsLayer {
  json::object tree;
  std::map<std::string, std::string> origins;  // dotted leaf path -> label

  // Sets `value` at `path`, recording `label` for it (and for each leaf below it, when `value`
  // is an object: label + ` (key "a.b")`). Intermediate scalars are replaced by objects.
  void Set(const std::vector<std::string>& path, json::value value, const std::string& label);

  // Merges `over` into this layer; `over` wins leaf by leaf.
  void MergeFrom(const SettingsLayer& over);

  // The label of the leaf at `path`, or of its nearest labelled ancestor; `fallback` if none.
  std::string OriginOf(std::string_view dotted_path, std::string_view fallback) const;

  // The value at a dotted path, nullptr when absent.
  const json::value* Find(std::string_view dotted_path) const;
};

// An environment variable, as given.
struct EnvVariable {
  std::string name;
  std::string value;
  std::string label;  // the name, or "<file>: <name>" for a .env entry
};

// OCEAN__* and APPLICATION__* variables (names case-insensitive; `__` nests; keys lower-cased;
// APPLICATION__X -> application.x). A variable naming an object setting (`container_paths`,
// dotted) may hold that object as one JSON string; an empty value is treated as unset.
core::Result<SettingsLayer> LayerFromEnvironment(const std::vector<EnvVariable>& variables,
                                                 const std::vector<std::string>& container_paths);

// A config.yaml string value `{{ from <provider> <argument> }}` (Ocean's config providers).
struct ConfigPlaceholder {
  std::string provider;  // "env" is the only one Ocean has
  std::string argument;  // the variable name
};

// A parsed config.yaml: keys decamelised recursively; placeholder strings are kept and listed
// in `placeholders` (dotted path -> placeholder) for LoadSettings to resolve.
SettingsLayer LayerFromConfigYaml(const json::object& doc, const std::string& source_name,
                                  std::map<std::string, ConfigPlaceholder>* placeholders);

// Command-line overrides (already nested and snake_case).
SettingsLayer LayerFromOverrides(const json::object& overrides);

}  // namespace ocean::config
