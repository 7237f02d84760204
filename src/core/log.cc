#include "core/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "core/redact.h"

namespace core {
namespace {

constexpr char kLoggerName[] = "ocean-aws";

// %* : the message, escaped for use inside a JSON string.
class JsonEscapedMessage final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    for (char c : msg.payload) {
      switch (c) {
        case '"': dest.append(std::string_view("\\\"")); break;
        case '\\': dest.append(std::string_view("\\\\")); break;
        case '\n': dest.append(std::string_view("\\n")); break;
        case '\r': dest.append(std::string_view("\\r")); break;
        case '\t': dest.append(std::string_view("\\t")); break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
            dest.append(std::string_view(buf));
          } else {
            dest.push_back(c);
          }
      }
    }
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonEscapedMessage>();
  }
};

// Formats with `inner`, then passes the whole line through Redact().
class RedactingFormatter final : public spdlog::formatter {
 public:
  explicit RedactingFormatter(std::unique_ptr<spdlog::formatter> inner)
      : inner_(std::move(inner)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    spdlog::memory_buf_t line;
    inner_->format(msg, line);
    std::string redacted = Redact(std::string_view(line.data(), line.size()));
    if (redacted.size() != line.size()) {
      // The colour range (around the level) precedes the message; keep it only if still valid.
      if (msg.color_range_end > redacted.size()) msg.color_range_start = msg.color_range_end = 0;
    }
    dest.append(redacted.data(), redacted.data() + redacted.size());
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<RedactingFormatter>(inner_->clone());
  }

 private:
  std::unique_ptr<spdlog::formatter> inner_;
};

}  // namespace

void InitLogging(std::string_view level, bool json, spdlog::sink_ptr sink) {
  auto logger = std::make_shared<spdlog::logger>(kLoggerName, std::move(sink));
  std::string lv(level);
  std::transform(lv.begin(), lv.end(), lv.begin(), ::tolower);
  if (lv == "warning") lv = "warn";
  if (lv == "critical" || lv == "fatal") lv = "error";
  // spdlog maps an unknown name to "off"; an unknown level must not silence the process.
  spdlog::level::level_enum parsed = spdlog::level::from_str(lv);
  if (parsed == spdlog::level::off && lv != "off") parsed = spdlog::level::info;
  logger->set_level(parsed);
  auto pattern = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  if (json) {
    pattern->add_flag<JsonEscapedMessage>('*').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l","message":"%*"})");
  } else {
    pattern->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v");
  }
  logger->set_formatter(std::make_unique<RedactingFormatter>(std::move(pattern)));
  spdlog::set_default_logger(std::move(logger));
}

void InitLogging(std::string_view level, bool json) {
  InitLogging(level, json, std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
}

}  // namespace core
