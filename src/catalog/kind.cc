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

json::object OrderProperties(const KindSpec& kind, json::object props) {
  if (kind.property_order.empty()) return props;
  json::object out;
  out.reserve(props.size());
  for (std::string_view key : kind.property_order) {
    if (auto it = props.find(key); it != props.end()) out.emplace(key, std::move(it->value()));
  }
  for (auto& kv : props) {
    if (!out.contains(kv.key())) out.emplace(kv.key(), std::move(kv.value()));
  }
  return out;
}

}  // namespace catalog
