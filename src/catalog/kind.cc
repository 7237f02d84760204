#include "catalog/kind.h"

#include <algorithm>

namespace catalog {

std::vector<const ActionSpec*> SelectActions(const KindSpec& kind,
                                             std::span<const std::string> include,
                                             std::vector<std::string>* unknown) {
  std::vector<const ActionSpec*> out;
  auto named = [&](const ActionSpec& a) {
    return std::find(include.begin(), include.end(), a.name) != include.end();
  };
  for (const ActionSpec& a : kind.actions) {
    if (!a.is_default) continue;
    // A conditional default named in includeActions runs for every resource.
    out.push_back(a.for_every_resource && named(a) ? a.for_every_resource.get() : &a);
  }
  for (const ActionSpec& a : kind.actions) {
    if (!a.is_default && named(a)) out.push_back(&a);
  }
  if (unknown) {
    for (const std::string& name : include) {
      bool known = std::any_of(kind.actions.begin(), kind.actions.end(),
                               [&](const ActionSpec& a) { return !a.is_default && a.name == name; });
      // Naming a default action is harmless (it runs anyway); anything else is unknown.
      bool is_default = std::any_of(kind.actions.begin(), kind.actions.end(),
                                    [&](const ActionSpec& a) { return a.is_default && a.name == name; });
      if (!known && !is_default) unknown->push_back(name);
    }
  }
  return out;
}

namespace {

// Whether `props` already has the order OrderProperties gives: the keys named in `order` in that
// order, then the others. One walk, string compares only (no hashing): the common case for
// kinds whose listing and actions produce their properties in the declared order.
bool InOrder(std::span<const std::string> order, const json::object& props) {
  std::size_t next = 0;  // where the next named key may be
  bool others = false;   // a key not named in `order` came already
  for (const auto& kv : props) {
    std::string_view key = kv.key();
    std::size_t k = next;
    while (k < order.size() && order[k] != key) ++k;
    if (k < order.size()) {
      if (others) return false;
      next = k + 1;
      continue;
    }
    for (std::size_t e = 0; e < next; ++e) {
      if (order[e] == key) return false;  // named, but after a key it must precede
    }
    others = true;
  }
  return true;
}

}  // namespace

json::object OrderProperties(const KindSpec& kind, json::object props) {
  if (kind.property_order.empty() || InOrder(kind.property_order, props)) return props;
  json::object out(props.storage());
  out.reserve(props.size());
  // Which members of `props` were taken by position, so the rest need no lookup in `out`.
  std::vector<bool> taken(props.size(), false);
  for (std::string_view key : kind.property_order) {
    if (auto it = props.find(key); it != props.end()) {
      taken[static_cast<std::size_t>(it - props.begin())] = true;
      out.emplace(key, std::move(it->value()));
    }
  }
  std::size_t i = 0;
  for (auto& kv : props) {
    if (!taken[i++]) out.emplace(kv.key(), std::move(kv.value()));
  }
  return out;
}

}  // namespace catalog
