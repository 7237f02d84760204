#include "app/settings_loader.h"

namespace app {

core::Result<ocean::OceanSettings> LoadProcessSettings(json::object cli_overrides) {
  ocean::SettingsSources sources;
  sources.environment = ocean::ProcessEnvironment();
  sources.cli_overrides = std::move(cli_overrides);
  return ocean::LoadSettings(sources);
}

}  // namespace app
