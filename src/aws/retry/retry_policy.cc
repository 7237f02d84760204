#include "aws/retry/retry_policy.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/timestamp.h"

namespace aws {
namespace {

using std::chrono::milliseconds;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

core::Result<RetryMode> ParseRetryMode(std::string_view text) {
  if (EqualsIgnoreCase(text, "standard")) return RetryMode::kStandard;
  if (EqualsIgnoreCase(text, "adaptive")) return RetryMode::kAdaptive;
  if (EqualsIgnoreCase(text, "legacy")) return RetryMode::kLegacy;
  return core::Status::InvalidArgument("retry mode must be legacy, standard or adaptive, not '" +
                                       std::string(text) + "'");
}

std::string_view RetryModeName(RetryMode mode) {
  switch (mode) {
    case RetryMode::kLegacy:
      return "legacy";
    case RetryMode::kStandard:
      return "standard";
    case RetryMode::kAdaptive:
      return "adaptive";
  }
  return "?";
}

core::Result<RetryConfig> RetryConfig::Resolve(std::optional<std::string_view> configured_mode,
                                               std::optional<int> configured_max_attempts) {
  RetryConfig c;
  const char* env_mode = std::getenv("AWS_RETRY_MODE");
  if (configured_mode || (env_mode != nullptr && *env_mode != '\0')) {
    std::string_view text = configured_mode ? *configured_mode : std::string_view(env_mode);
    auto mode = ParseRetryMode(text);
    if (!mode.ok()) {
      return mode.status().WithContext(configured_mode ? "retry mode" : "AWS_RETRY_MODE");
    }
    c.mode = *mode;
  }
  if (c.mode == RetryMode::kLegacy) c.max_attempts = 5;  // botocore legacy: 4 retries
  const char* env_attempts = std::getenv("AWS_MAX_ATTEMPTS");
  if (configured_max_attempts) {
    c.max_attempts = *configured_max_attempts;
  } else if (env_attempts != nullptr && *env_attempts != '\0') {
    auto v = ParseInt(env_attempts);
    if (!v || *v < 1 || *v > 1000) {
      return core::Status::InvalidArgument("AWS_MAX_ATTEMPTS must be an integer from 1 to 1000");
    }
    c.max_attempts = static_cast<int>(*v);
  }
  if (c.max_attempts < 1) {
    return core::Status::InvalidArgument("max attempts must be at least 1");
  }
  return c;
}

RetryPolicy::RetryPolicy(RetryConfig config, Random random, const core::Clock* clock)
    : config_(std::move(config)),
      clock_(clock != nullptr ? *clock : core::SystemClock::Get()),
      random_(std::move(random)),
      engine_(std::random_device{}()),
      quota_() {}

double RetryPolicy::NextRandom() {
  if (random_) return std::clamp(random_(), 0.0, 1.0);
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine_);
}

milliseconds RetryPolicy::Backoff(int attempt, ErrorClass cls) {
  milliseconds base =
      cls == ErrorClass::kThrottling ? config_.throttle_base : config_.transient_base;
  double cap = static_cast<double>(config_.max_backoff.count());
  double exp = static_cast<double>(base.count()) * std::ldexp(1.0, std::clamp(attempt - 1, 0, 40));
  double r;
  {
    std::lock_guard lock(mu_);
    r = NextRandom();
  }
  return milliseconds(static_cast<int64_t>(r * std::min(exp, cap)));
}

std::optional<milliseconds> RetryPolicy::RetryAfter(const Headers& headers) const {
  bool found = false;
  std::string_view amz = FindHeader(headers, "x-amz-retry-after", &found);
  if (found) {
    auto ms = ParseInt(amz);
    if (ms && *ms >= 0) return milliseconds(*ms);
  }
  std::string_view std_hint = FindHeader(headers, "Retry-After", &found);
  if (!found) return std::nullopt;
  if (auto secs = ParseInt(std_hint); secs && *secs >= 0) return milliseconds(*secs * 1000);
  auto when = core::ParseHttpDate(std_hint);
  if (!when.ok()) return std::nullopt;
  int64_t delta_us = when->micros - clock_.Now().micros;
  return milliseconds(std::max<int64_t>(0, delta_us / 1000));
}

RetryPolicy::Decision RetryPolicy::ShouldRetry(int attempt, ErrorClass cls, bool timeout,
                                               std::optional<milliseconds> retry_after,
                                               std::string_view scope) {
  Decision d;
  if (cls != ErrorClass::kThrottling && cls != ErrorClass::kTransient) {
    d.reason = "not retryable";
    return d;
  }
  if (attempt >= config_.max_attempts) {
    d.reason = "max attempts";
    return d;
  }
  int cost = timeout ? config_.timeout_cost : config_.retry_cost;
  {
    std::lock_guard lock(mu_);
    auto it = quota_.find(scope);
    if (it == quota_.end()) it = quota_.emplace(std::string(scope), config_.quota_capacity).first;
    if (it->second < cost) {
      d.reason = "retry quota exhausted";
      return d;
    }
    it->second -= cost;
  }
  d.retry = true;
  d.quota_cost = cost;
  d.delay = Backoff(attempt, cls);
  if (retry_after) d.delay = std::max(d.delay, std::min(*retry_after, config_.max_retry_after));
  return d;
}

void RetryPolicy::OnSuccess(int last_retry_cost, std::string_view scope) {
  std::lock_guard lock(mu_);
  auto it = quota_.find(scope);
  if (it == quota_.end()) return;  // full, as it was never used
  it->second += last_retry_cost > 0 ? last_retry_cost : config_.no_retry_increment;
  if (it->second >= config_.quota_capacity) quota_.erase(it);  // full again: forget it
}

int RetryPolicy::quota_available(std::string_view scope) const {
  std::lock_guard lock(mu_);
  auto it = quota_.find(scope);
  return it == quota_.end() ? config_.quota_capacity : it->second;
}

std::string_view QuotaScope(std::string_view limiter_key) {
  const std::size_t first = limiter_key.find('/');
  if (first == std::string_view::npos) return limiter_key;
  const std::size_t second = limiter_key.find('/', first + 1);
  return second == std::string_view::npos ? limiter_key : limiter_key.substr(0, second);
}

}  // namespace aws
