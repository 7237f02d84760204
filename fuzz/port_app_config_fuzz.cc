// fuzz-layers: ocean catalog aws core
// Fuzzes the port-app-config loader (YAML or JSON text -> PortAppConfig), the path every
// mapping takes, whether it comes from Port or from OCEAN__PORT_APP_CONFIG_FILE: document
// parsing, kind and selector validation, region policies, mapping shapes. jq expressions are
// validated lexically here but not compiled (see mapping_fuzz.cc for the jq side).
// Property checked: a loaded config's resources are numbered by position.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ocean/config/port_app_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = ocean::ParsePortAppConfig(text, "fuzz");
  if (!config.ok()) return 0;
  for (size_t i = 0; i < config->resources.size(); ++i) {
    if (config->resources[i].index != static_cast<int>(i)) std::abort();
    (void)ocean::JqStringLiteral(config->resources[i].selector_query);
  }
  return 0;
}
