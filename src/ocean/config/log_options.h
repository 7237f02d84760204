// LogOptions: the logging level and format, resolved before anything else runs (so before the
// full settings are loaded): the command-line flag when given, else the environment, else the
// default. Environment names are matched case-insensitively, like every Ocean setting:
//   level:  --log-level > OCEAN__LOG_LEVEL > APPLICATION__LOG_LEVEL (Ocean's name) > info
//           one of trace, debug, info, warn/warning, error, critical, off (any case)
//   format: --log-format > OCEAN__LOG_FORMAT > text
//           text (plain lines; coloured levels only on a terminal) or json (one JSON object
//           per line: {"time","level","message"}); Ocean has no such setting, the name is ours
// An unknown value is an error naming the flag or variable and the accepted values.
//
// Thread-safety: pure function.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace ocean::config {

struct LogOptions {
  std::string level = "info";  // lower-case spdlog name: trace|debug|info|warn|error|critical|off
  bool json = false;
};

// `level_flag` / `format_flag`: the flags' values, empty when not given.
core::Result<LogOptions> ResolveLogOptions(std::string_view level_flag,
                                           std::string_view format_flag,
                                           const std::map<std::string, std::string>& environment);

}  // namespace ocean::config
