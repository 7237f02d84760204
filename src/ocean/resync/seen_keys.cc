// See seen_keys.h.
#include "ocean/resync/seen_keys.h"

#include <algorithm>
#include <string_view>

namespace ocean {

namespace {

// 64-bit FNV-1a over the blueprint, a separator no blueprint contains, and the identifier,
// finished with a murmur3 mix so that nearby keys spread over all 64 bits.
std::uint64_t Fnv(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

}  // namespace

std::uint64_t SeenKeys::Hash(const EntityKey& key) {
  std::uint64_t h = Fnv(0xcbf29ce484222325ull, key.blueprint);
  h = Fnv(h, std::string_view("\0", 1));
  return Mix(Fnv(h, key.identifier));
}

SeenKeys::SeenKeys(std::initializer_list<EntityKey> keys) { *this = keys; }

SeenKeys& SeenKeys::operator=(std::initializer_list<EntityKey> keys) {
  hashes_.clear();
  sorted_ = 0;
  for (const EntityKey& k : keys) insert(k);
  return *this;
}

void SeenKeys::insert(const EntityKey& key) {
  hashes_.push_back(Hash(key));
  if (hashes_.size() >= 1024 && hashes_.size() >= 2 * sorted_) Compact();
}

void SeenKeys::Compact() const {
  if (sorted_ == hashes_.size()) return;
  std::sort(hashes_.begin(), hashes_.end());
  hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
  sorted_ = hashes_.size();
}

bool SeenKeys::contains(const EntityKey& key) const {
  Compact();
  return std::binary_search(hashes_.begin(), hashes_.end(), Hash(key));
}

std::size_t SeenKeys::size() const {
  Compact();
  return hashes_.size();
}

}  // namespace ocean
