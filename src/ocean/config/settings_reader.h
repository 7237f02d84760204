// The typed fields of OceanSettings read from the merged settings tree (see settings.h for the
// keys, defaults and coercions). Problems are appended to `errors`, each naming the variable or
// key the value came from; fields keep their defaults when absent.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "ocean/config/settings.h"
#include "ocean/config/settings_layer.h"

namespace ocean::config {

void ReadTypedSettings(const SettingsLayer& tree, OceanSettings& out,
                       std::vector<std::string>& errors);

}  // namespace ocean::config
