#include "ocean/port/port_retry.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace ocean::port {

namespace asio = boost::asio;
using std::chrono::milliseconds;

bool IsRetryableStatus(int status) {
  switch (status) {
    case 401:
    case 408:
    case 429:
    case 502:
    case 503:
    case 504:
      return true;
    default:
      return false;
  }
}

bool IsRetryableMethod(std::string_view method, bool flagged_idempotent) {
  if (method == "PATCH") return false;
  if (method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
      method == "OPTIONS" || method == "TRACE") {
    return true;
  }
  return flagged_idempotent;
}

milliseconds BackoffDelay(const PortRetryPolicy& policy, int failed_attempts, double unit_random) {
  int exponent = std::clamp(failed_attempts - 1, 0, 40);
  double ms = static_cast<double>(policy.base_delay.count()) * std::pow(2.0, exponent);
  double jitter = (std::clamp(unit_random, 0.0, 1.0) * 2.0 - 1.0) * policy.jitter_ratio;
  ms *= 1.0 + jitter;
  ms = std::min(ms, static_cast<double>(policy.max_backoff.count()));
  return milliseconds(static_cast<int64_t>(std::max(ms, 0.0)));
}

namespace {

std::optional<double> SecondsUntil(std::string_view value, core::Timestamp now) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  double now_s = core::ToEpochSeconds(now);
  bool numeric = std::all_of(value.begin(), value.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
  });
  if (numeric) {
    std::string text(value);
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0') return std::nullopt;
    return v > 10000 ? v - now_s : v;  // large values are epochs (x-ratelimit-reset)
  }
  auto date = core::ParseHttpDate(value);
  if (!date.ok()) date = core::ParseIso8601(value);
  if (!date.ok()) return std::nullopt;
  return core::ToEpochSeconds(*date) - now_s;
}

}  // namespace

std::optional<milliseconds> RetryAfterDelay(const net::Headers& headers, core::Timestamp now,
                                            milliseconds cap) {
  for (std::string_view name : {"Retry-After", "x-ratelimit-reset"}) {
    bool found = false;
    std::string_view value = net::FindHeader(headers, name, &found);
    if (!found) continue;
    std::optional<double> seconds = SecondsUntil(value, now);
    if (!seconds) continue;
    double ms = std::clamp(*seconds * 1000.0, 0.0, static_cast<double>(cap.count()));
    return milliseconds(static_cast<int64_t>(ms));
  }
  return std::nullopt;
}

Sleeper RealSleeper() {
  return [](milliseconds d) -> asio::awaitable<void> {
    if (d.count() <= 0) co_return;
    asio::steady_timer timer(co_await asio::this_coro::executor, d);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  };
}

}  // namespace ocean::port
