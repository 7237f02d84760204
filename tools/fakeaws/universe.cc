#include "universe.h"

#include <charconv>

namespace fakeaws {
namespace {

constexpr std::string_view kKindNames[kKindCount] = {"AWS::EC2::Instance", "AWS::S3::Bucket",
                                                     "AWS::SQS::Queue", "AWS::ECS::Cluster"};

}  // namespace

std::string_view KindName(Kind k) { return kKindNames[static_cast<int>(k)]; }

Universe::Universe(const FakeConfig& config) : config_(config) {
  regions_ = config_.regions.empty() ? DefaultRegions() : config_.regions;
  for (size_t i = 0; i < regions_.size(); ++i) region_index_[regions_[i]] = static_cast<int>(i);
  account_ids_.reserve(config_.accounts);
  for (int i = 0; i < config_.accounts; ++i) account_ids_.push_back(config_.account_id(i));
  for (const std::string& id : config_.removed) removed_.insert(id);
  any_removed_ = !removed_.empty();
}

int Universe::AccountIndex(std::string_view id) const {
  uint64_t v = 0;
  auto r = std::from_chars(id.data(), id.data() + id.size(), v);
  if (id.size() != 12 || r.ec != std::errc() || r.ptr != id.data() + id.size()) return -1;
  if (v < config_.first_account || v - config_.first_account >= uint64_t(config_.accounts)) {
    return -1;
  }
  return static_cast<int>(v - config_.first_account);
}

int Universe::RegionIndex(std::string_view region) const {
  auto it = region_index_.find(std::string(region));
  return it == region_index_.end() ? -1 : it->second;
}

uint64_t Universe::Count(Kind kind, int account, int region) const {
  if (account < 0 || account >= config_.accounts) return 0;
  uint64_t per = 0;
  switch (kind) {
    case Kind::kEc2Instance:
      per = config_.ec2_instances;
      break;
    case Kind::kSqsQueue:
      per = config_.sqs_queues;
      break;
    case Kind::kEcsCluster:
      per = config_.ecs_clusters;
      break;
    case Kind::kS3Bucket:
      per = config_.s3_buckets;
      region = 0;
      break;
    case Kind::kCount:
      return 0;
  }
  if (per == 0) return 0;
  if (kind != Kind::kS3Bucket && (region < 0 || region >= static_cast<int>(regions_.size()))) {
    return 0;
  }
  if (config_.populated >= 1.0) return per;
  double u = Unit(Mix(config_.seed, static_cast<uint64_t>(account), static_cast<uint64_t>(region),
                      static_cast<uint64_t>(kind), 0xC0FFEE));
  return u < config_.populated ? per : 0;
}

uint64_t Universe::Total(Kind kind) const {
  uint64_t total = 0;
  int regions = kind == Kind::kS3Bucket ? 1 : static_cast<int>(regions_.size());
  for (int a = 0; a < config_.accounts; ++a) {
    for (int r = 0; r < regions; ++r) total += Count(kind, a, r);
  }
  return total;
}

uint64_t Universe::PopulatedScopes(Kind kind) const {
  uint64_t n = 0;
  int regions = kind == Kind::kS3Bucket ? 1 : static_cast<int>(regions_.size());
  for (int a = 0; a < config_.accounts; ++a) {
    for (int r = 0; r < regions; ++r) n += Count(kind, a, r) > 0 ? 1 : 0;
  }
  return n;
}

int Universe::BucketRegion(int account, uint64_t index) const {
  // Most buckets in the first region (as in real accounts, us-east-1 dominates when listed
  // first), the rest spread over the others.
  uint64_t h = Mix(config_.seed, static_cast<uint64_t>(account), index, 0xB0C4E7);
  if (regions_.size() <= 1 || Unit(h) < 0.5)
    return RegionIndex("us-east-1") >= 0 ? RegionIndex("us-east-1") : 0;
  return static_cast<int>((h >> 8) % regions_.size());
}

bool Universe::IsRemoved(std::string_view id) const {
  if (!any_removed()) return false;
  std::lock_guard lock(removed_mu_);
  return removed_.contains(std::string(id));
}

void Universe::Remove(std::string id) {
  std::lock_guard lock(removed_mu_);
  removed_.insert(std::move(id));
  any_removed_.store(true, std::memory_order_release);
}

}  // namespace fakeaws
