// RetryPolicy: the AWS SDKs' "standard" retry mode, with injected randomness and time.
//
//  * attempts: at most config.max_attempts in total (default 3; AWS_MAX_ATTEMPTS).
//  * which errors: throttling and transient ones (error_classifier.h); never non-retryable ones.
//  * backoff: full jitter, rand() * min(base * 2^(attempt-1), 20 s). The base follows the SDKs'
//    newer variant (botocore's opt-in "new retries"): 1 s after a throttle, 50 ms after a
//    transient error. Throttles must back off hard (AWS buckets refill at a few tokens per
//    second), while a 500 or a reset is usually gone at once; standard mode's single 1 s base
//    would make every reset cost ~0.5 s on average.
//  * server hints: x-amz-retry-after (milliseconds) or Retry-After (seconds or an HTTP date) is
//    a lower bound on the delay, capped at config.max_retry_after (20 s).
//  * retry quota: a token bucket of 500 per quota scope; a retry costs 5 (10 after a timeout);
//    a request that succeeds at its first attempt adds 1, one that succeeds after retries gives
//    back the cost of its last retry. An empty quota stops retrying (the error is returned).
//    The SDKs keep one per client, and a client serves one account and region; ours serves
//    every account, so the scope is the account and region (QuotaScope() of the limiter key):
//    a throttled or failing account cannot use up the retries of the others (issue 13.3).
//  * modes (AWS_RETRY_MODE): "standard"; "adaptive" = standard + the client-side rate limiter
//    (adaptive_rate_limiter.h, wired by the caller); "legacy" is treated as standard mechanics
//    with botocore's legacy default of 5 attempts (legacy's own per-service backoff tables are
//    not reproduced: standard is what AWS recommends and what the SDKs converge on).
//
// Thread-safety: a RetryPolicy may be shared by many requests and threads (the quota and the
// RNG are guarded by a mutex).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>

#include "aws/net_names.h"
#include "aws/retry/error_classifier.h"
#include "core/clock.h"
#include "core/result.h"

namespace aws {

enum class RetryMode { kLegacy, kStandard, kAdaptive };

// "legacy", "standard", "adaptive" (case-insensitive).
core::Result<RetryMode> ParseRetryMode(std::string_view text);
std::string_view RetryModeName(RetryMode mode);

struct RetryConfig {
  RetryMode mode = RetryMode::kStandard;
  int max_attempts = 3;  // total, the first attempt included; >= 1
  std::chrono::milliseconds throttle_base{1000};
  std::chrono::milliseconds transient_base{50};
  std::chrono::milliseconds max_backoff{20'000};
  std::chrono::milliseconds max_retry_after{20'000};
  int quota_capacity = 500;
  int retry_cost = 5;
  int timeout_cost = 10;
  int no_retry_increment = 1;

  // Resolution order per setting: the configured value, else the environment (AWS_RETRY_MODE,
  // AWS_MAX_ATTEMPTS), else the mode's default (3; legacy 5). Bad values are InvalidArgument.
  static core::Result<RetryConfig> Resolve(std::optional<std::string_view> configured_mode,
                                           std::optional<int> configured_max_attempts);
};

class RetryPolicy {
 public:
  using Random = std::function<double()>;  // uniform in [0, 1)

  // `random` defaults to a seeded Mersenne twister; `clock` (for HTTP-date hints) to the system.
  explicit RetryPolicy(RetryConfig config, Random random = {},
                       const core::Clock* clock = nullptr);

  const RetryConfig& config() const { return config_; }

  struct Decision {
    bool retry = false;
    std::chrono::milliseconds delay{0};
    int quota_cost = 0;       // what this retry took from the quota (give it to OnSuccess)
    std::string_view reason;  // why not: "not retryable", "max attempts", "retry quota exhausted"
  };

  // After attempt number `attempt` (1-based) failed with `cls`. `timeout`: the failure was a
  // timeout (costs more quota). `retry_after`: the server's hint, if any.
  // `scope`: the quota scope (see above); "" is one scope like any other.
  Decision ShouldRetry(int attempt, ErrorClass cls, bool timeout,
                       std::optional<std::chrono::milliseconds> retry_after,
                       std::string_view scope = {});
  // The request succeeded; `last_retry_cost` is Decision::quota_cost of its last retry, 0 when
  // the first attempt succeeded.
  void OnSuccess(int last_retry_cost, std::string_view scope = {});

  // Jittered delay before attempt `attempt` + 1.
  std::chrono::milliseconds Backoff(int attempt, ErrorClass cls);
  // The server's hint from x-amz-retry-after or Retry-After, if present and valid.
  std::optional<std::chrono::milliseconds> RetryAfter(const Headers& headers) const;

  int quota_available(std::string_view scope = {}) const;

 private:
  double NextRandom();  // REQUIRES: mu_ held

  const RetryConfig config_;
  const core::Clock& clock_;
  mutable std::mutex mu_;
  Random random_;           // guarded by mu_
  std::mt19937_64 engine_;  // guarded by mu_; used when random_ is empty
  // guarded by mu_; 0 <= quota <= config_.quota_capacity; a scope not in the map is full
  std::map<std::string, int, std::less<>> quota_;
};

// The quota scope of a limiter key "account/region/service:operation": "account/region".
std::string_view QuotaScope(std::string_view limiter_key);

}  // namespace aws
