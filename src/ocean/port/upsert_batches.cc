#include "ocean/port/upsert_batches.h"

#include <algorithm>

namespace ocean::port {

namespace {
// {"entities":[ ... ]} around the comma-separated entities.
constexpr std::size_t kEnvelope = 15;
}

std::size_t EstimatedBatchLength(std::span<const std::size_t> sizes, std::size_t max_length,
                                 std::size_t max_bytes) {
  max_length = std::max<std::size_t>(max_length, 1);
  std::size_t sample = std::min<std::size_t>(sizes.size(), 10);
  if (sample == 0) return max_length;
  std::size_t total = 0;
  for (std::size_t i = 0; i < sample; ++i) total += sizes[i];
  double estimate = static_cast<double>(total) / static_cast<double>(sample) * 1.5;
  if (estimate <= 0) return max_length;
  auto by_bytes = static_cast<std::size_t>(static_cast<double>(max_bytes) / estimate);
  return std::max<std::size_t>(1, std::min(max_length, by_bytes));
}

std::vector<BatchRange> SplitIntoBatches(std::span<const std::size_t> sizes,
                                         std::size_t max_length, std::size_t max_bytes) {
  std::vector<BatchRange> out;
  std::size_t length = EstimatedBatchLength(sizes, max_length, max_bytes);
  BatchRange current;
  std::size_t bytes = kEnvelope;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    std::size_t count = current.end - current.begin;
    std::size_t added = sizes[i] + (count > 0 ? 1 : 0);
    if (count > 0 && (count >= length || bytes + added > max_bytes)) {
      out.push_back(current);
      current = BatchRange{i, i};
      bytes = kEnvelope;
      added = sizes[i];
    }
    bytes += added;
    current.end = i + 1;
  }
  if (current.end > current.begin) out.push_back(current);
  return out;
}

}  // namespace ocean::port
