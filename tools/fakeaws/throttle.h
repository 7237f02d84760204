// Throttler: AWS's request throttling as token buckets, one per (account, region, API), seeded
// with the limits AWS publishes (README.md, "Throttling"): EC2 describe calls 100 burst 20/s,
// unfiltered unpaginated EC2 describes 50/10, ECS cluster reads 50/20, Account ListRegions 5/5,
// ... A request takes one token; an empty bucket throttles it (the caller answers with the
// service's throttling error). Throttled requests take no token, as AWS's do.
//
// Every key's admitted and throttled requests are counted whether throttling is on or not, so
// that a benchmark can compute its rate-limit lower bound from what the exporter asked for.
//
// Thread-safety: all methods may be called concurrently (sharded mutexes).
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fake_config.h"

namespace fakeaws {

// The published (or, where AWS publishes none, our documented) limit of an API.
// `unfiltered`: an EC2 describe without MaxResults, ids or filters (AWS's smaller bucket).
BucketLimit DefaultLimit(std::string_view service, std::string_view operation, bool unfiltered);

class Throttler {
 public:
  using Clock = std::chrono::steady_clock;
  explicit Throttler(const FakeConfig& config);

  // Takes a token from the key's bucket; false when the request is throttled (never when
  // throttling is off).
  bool Admit(std::string_view account, std::string_view region, std::string_view service,
             std::string_view operation, bool unfiltered, Clock::time_point now = Clock::now());

  BucketLimit LimitFor(std::string_view service, std::string_view operation, bool unfiltered) const;

  struct KeyStats {
    std::string account, region, api;  // api: "ec2:DescribeInstances" (+ " (unfiltered)")
    uint64_t admitted = 0;
    uint64_t throttled = 0;
    BucketLimit limit;
  };
  std::vector<KeyStats> Keys() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;
    uint64_t admitted = 0;
    uint64_t throttled = 0;
    BucketLimit limit;
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;  // guarded by mu
  };
  static constexpr size_t kShards = 64;

  bool enabled_;
  std::map<std::string, BucketLimit> overrides_;
  std::array<Shard, kShards> shards_;
};

}  // namespace fakeaws
