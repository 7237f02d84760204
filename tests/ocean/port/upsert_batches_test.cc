// Bulk-upsert batch sizing: Ocean's estimate (first <= 10 entities, x1.5, <= 20) and the hard
// byte cap that keeps every request under Port's limit.
#include "ocean/port/upsert_batches.h"

#include <gtest/gtest.h>

namespace ocean::port {
namespace {

constexpr std::size_t kMiB = 1'048'576;

std::vector<std::size_t> Lengths(const std::vector<BatchRange>& ranges) {
  std::vector<std::size_t> out;
  for (const auto& r : ranges) out.push_back(r.end - r.begin);
  return out;
}

TEST(UpsertBatchesTest, EstimateFollowsOcean) {
  std::vector<std::size_t> small(30, 100);
  EXPECT_EQ(EstimatedBatchLength(small, 20, kMiB), 20u);
  std::vector<std::size_t> large(30, 100'000);  // 150 KB estimated -> 6
  EXPECT_EQ(EstimatedBatchLength(large, 20, kMiB), 6u);
  std::vector<std::size_t> huge(3, 2 * kMiB);
  EXPECT_EQ(EstimatedBatchLength(huge, 20, kMiB), 1u);
  // Only the first 10 are sampled.
  std::vector<std::size_t> mixed(10, 100);
  mixed.insert(mixed.end(), 10, 500'000);
  EXPECT_EQ(EstimatedBatchLength(mixed, 20, kMiB), 20u);
  EXPECT_EQ(EstimatedBatchLength({}, 20, kMiB), 20u);
}

TEST(UpsertBatchesTest, SplitsByCountInOrder) {
  std::vector<std::size_t> sizes(45, 100);
  auto ranges = SplitIntoBatches(sizes, 20, kMiB);
  EXPECT_EQ(Lengths(ranges), (std::vector<std::size_t>{20, 20, 5}));
  EXPECT_EQ(ranges[1].begin, 20u);
  EXPECT_EQ(ranges[2].end, 45u);
}

TEST(UpsertBatchesTest, NoBatchPassesTheByteCapEvenWhenTheEstimateIsLow) {
  std::vector<std::size_t> sizes(10, 100);
  sizes.insert(sizes.end(), 10, 300'000);
  auto ranges = SplitIntoBatches(sizes, 20, kMiB);
  std::size_t covered = 0;
  for (const auto& r : ranges) {
    std::size_t bytes = 15 + (r.end - r.begin - 1);  // envelope and commas
    for (std::size_t i = r.begin; i < r.end; ++i) bytes += sizes[i];
    EXPECT_LE(bytes, kMiB) << r.begin;
    EXPECT_EQ(r.begin, covered);
    covered = r.end;
  }
  EXPECT_EQ(covered, sizes.size());
  EXPECT_GE(ranges.size(), 4u);
}

TEST(UpsertBatchesTest, AnOversizedEntityGoesAlone) {
  std::vector<std::size_t> sizes = {100, 2 * kMiB, 100};
  auto ranges = SplitIntoBatches(sizes, 20, kMiB);
  EXPECT_EQ(Lengths(ranges), (std::vector<std::size_t>{1, 1, 1}));
}

}  // namespace
}  // namespace ocean::port
