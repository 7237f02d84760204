// Logging: one process-wide spdlog logger writing to stderr.
//
// Use the LOG_* macros with fmt-style arguments. Never pass credentials, tokens or secrets as
// arguments: log identifiers (account id, region, kind, role ARN) only.
//
// Thread-safety: spdlog's multi-threaded sink; safe from any thread.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace core {

// Configures the process logger: level is one of trace, debug, info, warn, error, off
// (case-insensitive); json=true writes one JSON object per line.
void InitLogging(std::string_view level, bool json);

}  // namespace core

#define LOG_TRACE(...) SPDLOG_TRACE(__VA_ARGS__)
#define LOG_DEBUG(...) SPDLOG_DEBUG(__VA_ARGS__)
#define LOG_INFO(...) SPDLOG_INFO(__VA_ARGS__)
#define LOG_WARN(...) SPDLOG_WARN(__VA_ARGS__)
#define LOG_ERROR(...) SPDLOG_ERROR(__VA_ARGS__)
