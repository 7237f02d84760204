#include "ocean/config/log_options.h"

#include <optional>

#include "ocean/config/key_case.h"
#include "ocean/config/tree_values.h"

namespace ocean::config {
namespace {

using core::Status;

// (label, value) of the first non-empty source: the flag, then each variable in order.
std::optional<std::pair<std::string, std::string>> FirstSet(
    std::string_view flag_name, std::string_view flag_value,
    std::initializer_list<std::string_view> variables,
    const std::map<std::string, std::string>& environment) {
  if (!flag_value.empty()) return std::pair{std::string(flag_name), std::string(flag_value)};
  for (std::string_view wanted : variables) {
    for (const auto& [name, value] : environment) {
      if (!value.empty() && AsciiUpper(name) == wanted) return std::pair{name, value};
    }
  }
  return std::nullopt;
}

}  // namespace

core::Result<LogOptions> ResolveLogOptions(std::string_view level_flag,
                                           std::string_view format_flag,
                                           const std::map<std::string, std::string>& environment) {
  LogOptions out;
  if (auto level = FirstSet("--log-level", level_flag,
                            {"OCEAN__LOG_LEVEL", "APPLICATION__LOG_LEVEL"}, environment)) {
    std::string v = AsciiLower(level->second);
    if (v == "warning") v = "warn";
    if (v != "trace" && v != "debug" && v != "info" && v != "warn" && v != "error" &&
        v != "critical" && v != "off") {
      return Status::InvalidArgument(level->first + ": expected one of trace, debug, info, "
                                     "warning, error, critical, off, got " +
                                     Quoted(level->second));
    }
    out.level = v;
  }
  if (auto format = FirstSet("--log-format", format_flag, {"OCEAN__LOG_FORMAT"}, environment)) {
    std::string v = AsciiLower(format->second);
    if (v != "text" && v != "json") {
      return Status::InvalidArgument(format->first + ": expected text or json, got " +
                                     Quoted(format->second));
    }
    out.json = v == "json";
  }
  return out;
}

}  // namespace ocean::config
