// Splitting one blueprint's entities into bulk-upsert batches.
//
// Ocean sizes batches from an estimate: the average JSON size of the first <= 10 entities times
// 1.5 gives batch = max(1, min(max_length, max_bytes / estimate)). Port refuses requests over
// its limit (413), so we also close a batch early when its actual serialized size would pass
// `max_bytes` (the {"entities":[...]} envelope included); an entity larger than `max_bytes` on
// its own still goes alone (and Port's 413 sends it to the single-upsert fallback).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace ocean::port {

// Ocean's estimated batch length for entities of the given serialized sizes.
std::size_t EstimatedBatchLength(std::span<const std::size_t> sizes, std::size_t max_length,
                                 std::size_t max_bytes);

// Batches as [begin, end) index ranges over `sizes` (serialized size of each entity), in order.
struct BatchRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::vector<BatchRange> SplitIntoBatches(std::span<const std::size_t> sizes,
                                         std::size_t max_length, std::size_t max_bytes);

}  // namespace ocean::port
