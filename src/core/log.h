// Logging: one process-wide spdlog logger writing to stderr.
//
// Use the LOG_* macros with fmt-style arguments. Never pass credentials, tokens or secrets as
// arguments: log identifiers (account id, region, kind, role ARN) only. As a safety net every
// formatted line passes through core::Redact (core/redact.h) before any sink writes it, so
// registered secrets and secret-looking tokens come out as [REDACTED].
//
// Thread-safety: spdlog's multi-threaded sink; safe from any thread.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace core {

// Configures the process logger: level is one of trace, debug, info, warn (warning), error,
// critical, off (case-insensitive; anything else means info — validate names beforehand, see
// ocean/config/log_options.h). Text lines are "<UTC time> <level> <message>"; json=true writes
// one JSON object per line: {"time":"<UTC ISO 8601>","level":"info","message":"..."} (message
// JSON-escaped; the whole line stays valid JSON after redaction).
// May be called again (e.g. once the configured level is known): the new logger replaces the old.
void InitLogging(std::string_view level, bool json);
// The same, writing to `sink` instead of stderr (tests capture output with an ostream sink).
void InitLogging(std::string_view level, bool json, spdlog::sink_ptr sink);

}  // namespace core

#define LOG_TRACE(...) SPDLOG_TRACE(__VA_ARGS__)
#define LOG_DEBUG(...) SPDLOG_DEBUG(__VA_ARGS__)
#define LOG_INFO(...) SPDLOG_INFO(__VA_ARGS__)
#define LOG_WARN(...) SPDLOG_WARN(__VA_ARGS__)
#define LOG_ERROR(...) SPDLOG_ERROR(__VA_ARGS__)
