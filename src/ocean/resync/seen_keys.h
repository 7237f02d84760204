// SeenKeys: the entity keys a resync handed to its sink, for reconciliation (stale = owned -
// seen), held as 64-bit hashes of (blueprint, identifier) instead of the keys themselves.
//
// A std::set<EntityKey> held every key's two strings and a tree node, ~200 bytes per entity for
// the whole resync (1,000 accounts x 17 regions: ~440,000 entities, ~90 MB; issue 13.4). Here
// each key is 8 bytes, appended and sorted (duplicates dropped) when the vector has doubled
// since its last sort and before the first lookup.
//
// Safety: two different keys with the same hash (~n^2 / 2^65: 1 in 10^8 at a million entities)
// make a stale entity look seen, so it is kept, never a live one deleted: a collision can only
// miss a deletion, never make a wrong one.
//
// Thread-safety: none (the resync's event loop). contains() sorts on first use after inserts.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "ocean/sinks/entity_sink.h"

namespace ocean {

class SeenKeys {
 public:
  SeenKeys() = default;
  SeenKeys(std::initializer_list<EntityKey> keys);
  SeenKeys& operator=(std::initializer_list<EntityKey> keys);

  void insert(const EntityKey& key);
  void clear() {
    hashes_.clear();
    sorted_ = 0;
  }
  bool contains(const EntityKey& key) const;
  // Distinct hashes held.
  std::size_t size() const;

  static std::uint64_t Hash(const EntityKey& key);

 private:
  void Compact() const;

  mutable std::vector<std::uint64_t> hashes_;
  mutable std::size_t sorted_ = 0;  // hashes_[0, sorted_) are sorted and distinct
};

}  // namespace ocean
