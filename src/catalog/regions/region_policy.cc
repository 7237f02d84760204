#include "catalog/regions/region_policy.h"

#include <algorithm>

namespace catalog::regions {
namespace {

using core::Result;
using core::Status;

bool Contains(const std::vector<std::string>& list, std::string_view region) {
  return std::find(list.begin(), list.end(), region) != list.end();
}

std::string_view KindName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "number";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
  }
  return "value";
}

// One list of region names. Numbers are accepted and rendered as text, because upstream's
// pydantic (v1) `list[str]` coerces them the same way; such an entry can never match a region,
// but `deny: [1]` still makes the deny list non-empty, which matters to the truth table.
Result<std::vector<std::string>> ParseList(const json::object& o, std::string_view key,
                                           const std::string& path) {
  std::vector<std::string> out;
  const json::value* v = core::Find(o, key);
  if (v == nullptr || v->is_null()) return out;
  std::string field = path + "." + std::string(key);
  if (!v->is_array()) {
    return Status::InvalidArgument(field + ": expected a list of region names, got " +
                                   std::string(KindName(*v)));
  }
  const json::array& items = v->as_array();
  out.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const json::value& item = items[i];
    if (item.is_string()) {
      out.emplace_back(item.as_string());
    } else if (item.is_number()) {
      out.push_back(core::WriteJson(item));
    } else {
      return Status::InvalidArgument(field + "[" + std::to_string(i) +
                                     "]: expected a region name (string), got " +
                                     std::string(KindName(item)));
    }
  }
  return out;
}

}  // namespace

bool RegionPolicy::Allows(std::string_view region) const {
  if (allow.empty() && deny.empty()) return true;   // row 1
  if (Contains(deny, region)) return false;         // row 2: deny wins
  if (Contains(allow, region)) return true;         // row 3
  if (!deny.empty() && allow.empty()) return true;  // row 4: pure deny list
  return false;                                     // rows 5 and 6
}

Result<RegionPolicy> RegionPolicy::FromJson(const json::value& v, std::string_view path) {
  RegionPolicy policy;
  if (v.is_null()) return policy;
  std::string p(path);
  if (!v.is_object()) {
    return Status::InvalidArgument(p + ": expected an object {\"allow\": [...], \"deny\": [...]}" +
                                   ", got " + std::string(KindName(v)));
  }
  CORE_ASSIGN_OR_RETURN(policy.allow, ParseList(v.as_object(), "allow", p));
  CORE_ASSIGN_OR_RETURN(policy.deny, ParseList(v.as_object(), "deny", p));
  return policy;
}

Result<RegionPolicy> RegionPolicy::FromSelector(const json::object& selector) {
  if (const json::value* v = core::Find(selector, "regionPolicy")) {
    return FromJson(*v, "selector.regionPolicy");
  }
  if (const json::value* v = core::Find(selector, "region_policy")) {
    return FromJson(*v, "selector.region_policy");
  }
  return RegionPolicy{};
}

std::vector<std::string> ApplyPolicy(std::span<const std::string> enabled,
                                     const RegionPolicy& policy) {
  std::vector<std::string> out;
  out.reserve(enabled.size());
  for (const std::string& region : enabled) {
    if (policy.Allows(region)) out.push_back(region);
  }
  return out;
}

}  // namespace catalog::regions
