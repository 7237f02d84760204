// See delete_identity_parser.h.
#include "catalog/definition/delete_identity_parser.h"

#include <algorithm>

#include "catalog/definition/definition_reader.h"

namespace catalog::definition {
namespace {

constexpr char kPath[] = "/deleteIdentity";

std::vector<std::string> Names(DefinitionReader& e, const json::object& o, std::string_view key,
                               bool required) {
  std::vector<std::string> out;
  const json::value* v = o.if_contains(key);
  const std::string path = kPath + ("/" + std::string(key));
  if (!v) {
    if (required) e.Error(path, "is required");
    return out;
  }
  const json::array* a = v->if_array();
  if (!a || (required && a->empty())) {
    e.Error(path, required ? "must be a non-empty list of strings" : "must be a list of strings");
    return out;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json::string* s = (*a)[i].if_string();
    if (!s || s->empty()) {
      e.Error(path + "/" + std::to_string(i), "must be a non-empty string");
    } else if (std::find(out.begin(), out.end(), *s) != out.end()) {
      e.Error(path + "/" + std::to_string(i), "'" + std::string(*s) + "' is listed twice");
    } else {
      out.emplace_back(*s);
    }
  }
  return out;
}

}  // namespace

std::string ParseDeleteIdentity(const json::object& root, KindDef& def) {
  const json::value* v = root.if_contains("deleteIdentity");
  if (!v) return "";
  DefinitionReader e(def.file);
  e.SetKind(def.name);
  const json::object* o = v->if_object();
  if (!o) {
    e.Error(kPath, "must be a mapping {by, keep, completePrefixes}");
    return e.errors();
  }
  e.OnlyKeys(*o, kPath, {"by", "keep", "completePrefixes"});
  DeleteIdentityDef d;
  d.by = Names(e, *o, "by", true);
  d.keep = Names(e, *o, "keep", true);
  d.complete_prefixes = Names(e, *o, "completePrefixes", false);
  for (std::size_t i = 0; i < d.by.size(); ++i) {
    if (!d.keep.empty() && std::find(d.keep.begin(), d.keep.end(), d.by[i]) == d.keep.end()) {
      e.Error(std::string(kPath) + "/by/" + std::to_string(i),
              "'" + d.by[i] + "' must also be in `keep`");
    }
  }
  const bool has_delete = std::any_of(def.events.begin(), def.events.end(), [](const auto& m) {
    return m.action == EventAction::kDelete;
  });
  if (!has_delete || def.delete_stub.empty()) {
    e.Error(kPath, "only a kind with delete events and a deleteStub needs deleteIdentity");
  }
  if (def.extra_context == ExtraContextMode::kNone) {
    e.Error(kPath, "needs an extra context (extraContext: account or accountRegion): the "
                   "remembered identities are kept per account");
  }
  d.by_region = def.extra_context == ExtraContextMode::kAccountRegion;
  if (e.errors().empty()) def.delete_identity = std::move(d);
  return e.errors();
}

}  // namespace catalog::definition
