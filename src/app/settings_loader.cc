#include "app/settings_loader.h"

#include <filesystem>

namespace app {

core::Result<ocean::OceanSettings> LoadProcessSettings(json::object cli_overrides) {
  ocean::SettingsSources sources;
  sources.environment = ocean::ProcessEnvironment();
  sources.cli_overrides = std::move(cli_overrides);
  // Ocean reads ./.port/spec.yaml; outside the repository the spec built into the binary
  // stands in, so spec defaults, enums and sensitive fields (redaction) still apply.
  std::error_code ec;
  if (!std::filesystem::exists(sources.spec_path, ec)) {
    sources.spec_text = std::string(EmbeddedDefaultSpec());
  }
  return ocean::LoadSettings(sources);
}

}  // namespace app
