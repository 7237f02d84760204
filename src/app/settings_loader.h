// LoadProcessSettings: the process's settings from its environment, ./.env, ./config.yaml and
// `.port/spec.yaml` (ocean::LoadSettings), with command-line overrides on top. Without a
// ./.port/spec.yaml the spec embedded at build time (EmbeddedDefaultSpec) is used.
//
// Thread-safety: reads the process environment; call from the main thread at startup.
#pragma once

#include <string_view>

#include "core/json.h"
#include "core/result.h"
#include "ocean/config/settings.h"

namespace app {

core::Result<ocean::OceanSettings> LoadProcessSettings(json::object cli_overrides);

// The integration's spec (.port/spec.yaml) embedded at build time, for runs outside the repo.
std::string_view EmbeddedDefaultSpec();

}  // namespace app
