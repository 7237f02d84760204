#include "catalog/definition/kind_family.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace catalog::definition {
namespace {

bool Segment(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
           return std::isalnum(c) != 0;
         });
}

std::string Replaced(std::string_view text, std::string_view name) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = text.find(kFamilyName, pos);
    if (hit == std::string_view::npos) break;
    out.append(text.substr(pos, hit - pos));
    out.append(name);
    pos = hit + kFamilyName.size();
  }
  out.append(text.substr(pos));
  return out;
}

void Substitute(json::value& v, std::string_view name) {
  if (json::string* s = v.if_string()) {
    if (std::string_view(*s).find(kFamilyName) != std::string_view::npos) *s = Replaced(*s, name);
  } else if (json::array* a = v.if_array()) {
    for (json::value& e : *a) Substitute(e, name);
  } else if (json::object* o = v.if_object()) {
    for (auto& kv : *o) Substitute(kv.value(), name);
  }
}

void Substitute(json::object& o, std::string_view name) {
  for (auto& kv : o) Substitute(kv.value(), name);
}

}  // namespace

bool IsCloudFormationTypeName(std::string_view name) {
  if (!name.starts_with("AWS::")) return false;
  std::string_view rest = name.substr(5);
  std::size_t sep = rest.find("::");
  if (sep == std::string_view::npos) return false;
  return Segment(rest.substr(0, sep)) && Segment(rest.substr(sep + 2));
}

KindDef InstantiateFamily(const KindDef& family, std::string_view name) {
  KindDef def = family;
  def.family = false;
  def.global_services.clear();
  def.name = std::string(name);
  if (def.list) {
    Substitute(def.list->params, name);
    Substitute(def.list->error_hints, name);
  }
  if (def.parent) Substitute(def.parent->listing.params, name);
  if (def.get) Substitute(def.get->params, name);
  for (ActionDef& a : def.actions) {
    Substitute(a.params, name);
    Substitute(a.set, name);
  }
  Substitute(def.envelope, name);
  std::string service(name.substr(5, name.find("::", 5) - 5));
  std::transform(service.begin(), service.end(), service.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto& g = family.global_services;
  if (std::find(g.begin(), g.end(), service) != g.end()) {
    def.scope = KindScope::kGlobal;
    def.extra_context = ExtraContextMode::kAccount;
  }
  return def;
}

}  // namespace catalog::definition
