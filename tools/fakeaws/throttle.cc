#include "throttle.h"

#include <algorithm>
#include <functional>

namespace fakeaws {

namespace {

bool IsReadOnly(std::string_view op) {
  return op.starts_with("Describe") || op.starts_with("List") || op.starts_with("Get") ||
         op.starts_with("Search") || op.starts_with("Head");
}

// EC2's describes that draw from the smaller bucket when called unfiltered and unpaginated.
bool HasUnfilteredBucket(std::string_view op) {
  static constexpr std::string_view kOps[] = {
      "DescribeInstances",      "DescribeInstanceStatus", "DescribeNetworkInterfaces",
      "DescribeSecurityGroups", "DescribeSnapshots",      "DescribeSpotInstanceRequests",
      "DescribeVolumes"};
  return std::find(std::begin(kOps), std::end(kOps), op) != std::end(kOps);
}

}  // namespace

BucketLimit DefaultLimit(std::string_view service, std::string_view op, bool unfiltered) {
  if (service == "ec2") {
    if (unfiltered && HasUnfilteredBucket(op)) return {50, 10};
    return IsReadOnly(op) ? BucketLimit{100, 20} : BucketLimit{50, 5};
  }
  if (service == "ecs") return IsReadOnly(op) ? BucketLimit{50, 20} : BucketLimit{50, 1};
  if (service == "account") return {5, 5};
  if (service == "sts") return {600, 600};
  if (service == "organizations") return {20, 10};
  if (service == "sqs") return {100, 50};
  if (service == "s3") return op == "ListBuckets" ? BucketLimit{50, 10} : BucketLimit{5500, 5500};
  return {100, 20};
}

Throttler::Throttler(const FakeConfig& config)
    : enabled_(config.throttle), overrides_(config.limits) {}

BucketLimit Throttler::LimitFor(std::string_view service, std::string_view op,
                                bool unfiltered) const {
  std::string key = std::string(service) + ":" + std::string(op);
  if (auto it = overrides_.find(key); it != overrides_.end()) return it->second;
  if (auto it = overrides_.find(std::string(service) + ":*"); it != overrides_.end()) {
    return it->second;
  }
  return DefaultLimit(service, op, unfiltered);
}

bool Throttler::Admit(std::string_view account, std::string_view region, std::string_view service,
                      std::string_view op, bool unfiltered, Clock::time_point now) {
  bool small_bucket = unfiltered && service == "ec2" && HasUnfilteredBucket(op);
  std::string key;
  key.reserve(account.size() + region.size() + service.size() + op.size() + 16);
  key.append(account).append("/").append(region).append("/").append(service).append(":").append(op);
  if (small_bucket) key += " (unfiltered)";
  Shard& shard = shards_[std::hash<std::string>()(key) % kShards];
  std::lock_guard lock(shard.mu);
  auto [it, inserted] = shard.buckets.try_emplace(std::move(key));
  Bucket& b = it->second;
  if (inserted) {
    b.limit = LimitFor(service, op, small_bucket);
    b.tokens = b.limit.burst;
    b.last = now;
  }
  if (!enabled_) {
    ++b.admitted;
    return true;
  }
  double elapsed = std::chrono::duration<double>(now - b.last).count();
  if (elapsed > 0) {
    b.tokens = std::min(b.limit.burst, b.tokens + elapsed * b.limit.refill);
    b.last = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    ++b.admitted;
    return true;
  }
  ++b.throttled;
  return false;
}

std::vector<Throttler::KeyStats> Throttler::Keys() const {
  std::vector<KeyStats> out;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mu);
    for (const auto& [key, b] : shard.buckets) {
      KeyStats k;
      size_t a = key.find('/');
      size_t r = key.find('/', a + 1);
      k.account = key.substr(0, a);
      k.region = key.substr(a + 1, r - a - 1);
      k.api = key.substr(r + 1);
      k.admitted = b.admitted;
      k.throttled = b.throttled;
      k.limit = b.limit;
      out.push_back(std::move(k));
    }
  }
  std::sort(out.begin(), out.end(), [](const KeyStats& x, const KeyStats& y) {
    return std::tie(x.account, x.region, x.api) < std::tie(y.account, y.region, y.api);
  });
  return out;
}

}  // namespace fakeaws
