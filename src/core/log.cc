#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <string>

namespace core {

void InitLogging(std::string_view level, bool json) {
  auto logger = spdlog::stderr_color_mt("ocean-aws");
  std::string lv(level);
  std::transform(lv.begin(), lv.end(), lv.begin(), ::tolower);
  if (lv == "warning") lv = "warn";
  logger->set_level(spdlog::level::from_str(lv.empty() ? "info" : lv));
  if (json) {
    logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","message":"%v"})",
                        spdlog::pattern_time_type::utc);
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
  }
  spdlog::set_default_logger(logger);
}

}  // namespace core
