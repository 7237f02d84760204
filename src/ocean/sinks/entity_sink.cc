// Identity helpers shared by every sink: identifier normalisation (Ocean's `normalize`, which
// turns a search-query identifier into sorted-key JSON) and the status names.
#include "ocean/sinks/entity_sink.h"

#include <algorithm>
#include <vector>

namespace ocean {

namespace {

// Appends `v` as compact JSON with object keys sorted (recursively); arrays keep their order.
// Scalars go through core::WriteJson so numbers render as everywhere else (Python-style).
void AppendCanonical(const json::value& v, std::string& out) {
  if (const json::object* o = v.if_object()) {
    std::vector<const json::key_value_pair*> members;
    members.reserve(o->size());
    for (const auto& kv : *o) members.push_back(&kv);
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return a->key() < b->key(); });
    out.push_back('{');
    bool first = true;
    for (const auto* kv : members) {
      if (!first) out.push_back(',');
      first = false;
      core::WriteJson(json::value(kv->key()), out);
      out.push_back(':');
      AppendCanonical(kv->value(), out);
    }
    out.push_back('}');
    return;
  }
  if (const json::array* a = v.if_array()) {
    out.push_back('[');
    bool first = true;
    for (const json::value& e : *a) {
      if (!first) out.push_back(',');
      first = false;
      AppendCanonical(e, out);
    }
    out.push_back(']');
    return;
  }
  core::WriteJson(v, out);
}

}  // namespace

std::string NormalizeIdentifier(const json::value& identifier) {
  if (const json::string* s = identifier.if_string()) return std::string(*s);
  std::string out;
  AppendCanonical(identifier, out);
  return out;
}

EntityKey KeyOf(const json::object& entity) {
  EntityKey key;
  if (const json::value* bp = entity.if_contains("blueprint")) {
    key.blueprint = NormalizeIdentifier(*bp);
  }
  if (const json::value* id = entity.if_contains("identifier")) {
    key.identifier = NormalizeIdentifier(*id);
  } else {
    key.identifier = "null";
  }
  return key;
}

std::string_view ResyncStatusName(ResyncStatus status) {
  switch (status) {
    case ResyncStatus::kCompleted:
      return "completed";
    case ResyncStatus::kFailed:
      return "failed";
    case ResyncStatus::kAborted:
      return "aborted";
  }
  return "unknown";
}

}  // namespace ocean
