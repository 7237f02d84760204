// YAML text -> JSON value, for kind definition files.
//
// Plain scalars become booleans (true/false), null (null, ~, empty), integers or numbers when
// they read as such, strings otherwise; quoted scalars are always strings. Errors carry the
// line and column.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace catalog::definition {

core::Result<json::value> YamlToJson(std::string_view text);

}  // namespace catalog::definition
