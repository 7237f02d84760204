// Universe: which accounts, regions and resources the fake endpoint serves.
//
// Accounts are first_account + i (i < accounts); account 0 is the default account that base
// (non-assumed) credentials act in and the organization's management account. Resources of a
// kind exist per (account, region) scope (per account for S3): a scope is populated when
// Unit(Mix(seed, account, region, kind)) < populated, and then holds exactly the configured
// count, indexes 0..count-1 in listing order. Removed ids (config or Remove()) are skipped by
// listings and answer "not found" to direct lookups, as a deleted resource would.
//
// Thread-safety: const methods may be called from any thread; Remove() takes a lock that
// IsRemoved() shares (cheap when nothing was ever removed).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fake_config.h"
#include "ids.h"

namespace fakeaws {

enum class Kind { kEc2Instance = 0, kS3Bucket, kSqsQueue, kEcsCluster, kCount };
inline constexpr int kKindCount = static_cast<int>(Kind::kCount);
std::string_view KindName(Kind k);  // "AWS::EC2::Instance", ...

// Id salts, one per id family.
inline constexpr uint64_t kSaltInstance = 0x1111;
inline constexpr uint64_t kSaltReservation = 0x2222;
inline constexpr uint64_t kSaltVolume = 0x3333;
inline constexpr uint64_t kSaltEni = 0x4444;
inline constexpr uint64_t kSaltAttachment = 0x5555;

class Universe {
 public:
  explicit Universe(const FakeConfig& config);

  const FakeConfig& config() const { return config_; }
  uint64_t seed() const { return config_.seed; }
  int account_count() const { return config_.accounts; }
  const std::string& account_id(int i) const { return account_ids_[i]; }
  const std::vector<std::string>& regions() const { return regions_; }

  // Index of a configured account / region; -1 when not configured.
  int AccountIndex(std::string_view account_id) const;
  int RegionIndex(std::string_view region) const;

  // Resources of `kind` in the scope (region ignored for S3); 0 for unknown indexes (-1).
  uint64_t Count(Kind kind, int account, int region) const;
  // Totals over every scope, for the stats page and the bench's expectations.
  uint64_t Total(Kind kind) const;
  uint64_t PopulatedScopes(Kind kind) const;

  // S3: the region bucket `index` of `account` lives in.
  int BucketRegion(int account, uint64_t index) const;

  bool IsRemoved(std::string_view id) const;
  void Remove(std::string id);
  bool any_removed() const { return any_removed_.load(std::memory_order_acquire); }

 private:
  FakeConfig config_;
  std::vector<std::string> account_ids_;
  std::vector<std::string> regions_;
  std::unordered_map<std::string, int> region_index_;
  mutable std::mutex removed_mu_;
  std::unordered_set<std::string> removed_;  // guarded by removed_mu_
  std::atomic<bool> any_removed_{false};
};

}  // namespace fakeaws
