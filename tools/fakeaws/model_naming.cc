// How the fake names and describes each kind's resources (model_kinds.h): the identity marker
// "<slug>-<index>", the identity built from it (a name, an ARN or a URL, after the identity
// member's name), decoding a marker back to its index, the property that carries the identity,
// and the kind table GET /_fake/kinds serves to the benchmark runner.
//
// Thread-safety: const member functions of the immutable ModelKinds.
#include <cctype>

#include "ids.h"
#include "model_kinds.h"

namespace fakeaws {

namespace cdef = catalog::definition;
std::string ModelKinds::IdentityProperty(int k) const {
  const cdef::KindDef& def = *kinds_[k].def;
  static const std::map<std::string, std::string, std::less<>> kHandWritten = {
      {"AWS::EC2::Instance", "InstanceId"}, {"AWS::S3::Bucket", "BucketName"},
      {"AWS::SQS::Queue", "QueueUrl"},      {"AWS::ECS::Cluster", "ClusterArn"},
      {"AWS::Organizations::Account", "Id"}, {"AWS::Account::Info", "Id"}};
  if (auto it = kHandWritten.find(def.name); it != kHandWritten.end()) return it->second;
  for (const cdef::ActionDef& a : def.actions) {
    if (!a.is_default || a.type != cdef::ActionType::kSet) continue;
    for (const auto& e : a.set) {
      if (e.value().is_string() && e.value().get_string() == "{id}") return std::string(e.key());
    }
  }
  if (!def.list) return "";
  const std::string& id = def.list->identity;
  for (const auto& [prop, path] : def.list->properties_from) {
    if (path == id) return prop;
  }
  if (def.list->properties_mode == "item" && id != "@" && id.find('.') == std::string::npos) {
    return id;
  }
  return "";
}

bool ModelKinds::Enriches(int k) const {
  for (const cdef::ActionDef& a : kinds_[k].def->actions) {
    if (a.is_default && a.type != cdef::ActionType::kSet) return true;
  }
  return false;
}

json::array ModelKinds::KindsJson() const {
  json::array out;
  for (size_t i = 0; i < kinds_.size(); ++i) {
    const ModelKind& k = kinds_[i];
    json::object o;
    o["kind"] = k.def->name;
    o["service"] = k.def->service;
    o["list_api"] = k.def->list ? json::value(k.def->service + ":" + k.def->list->operation)
                                : json::value(nullptr);
    o["identity_property"] = IdentityProperty(static_cast<int>(i));
    o["hand_written"] = k.hand_written;
    o["regional"] = k.regional;
    o["enriches"] = Enriches(static_cast<int>(i));
    o["slug"] = k.slug;
    // The kind whose listing this kind's `parent` lists (hand-written or generic), or null: the
    // benchmark sizes a child kind as parents x children per parent.
    json::value parent = nullptr;
    if (k.def->parent) {
      for (const ModelKind& p : kinds_) {
        if (p.def->list && p.def->service == k.def->service &&
            p.def->list->operation == k.def->parent->listing.operation) {
          parent = json::string(p.def->name);
          break;
        }
      }
    }
    o["parent"] = std::move(parent);
    out.push_back(std::move(o));
  }
  return out;
}

std::string ModelKinds::Marker(int k, uint64_t index) const {
  return kinds_[k].slug + "-" + PaddedDecimal(index, 7);
}

std::string ModelKinds::Identity(int k, uint64_t index, std::string_view account,
                                 std::string_view region) const {
  const ModelKind& kind = kinds_[k];
  std::string marker = Marker(k, index);
  const std::string& style = identity_style_[k];
  if (style == "arn") {
    return "arn:aws:" + kind.def->service + ":" + std::string(kind.regional ? region : "") + ":" +
           std::string(account) + ":" + kind.slug + "/" + marker;
  }
  if (style == "url") {
    return "https://" + kind.def->service + "." + std::string(region) + ".amazonaws.com/" +
           std::string(account) + "/" + marker;
  }
  return marker;
}

std::optional<uint64_t> ModelKinds::FindMarker(int k, std::string_view s) const {
  const std::string& slug = kinds_[k].slug;
  size_t from = 0;
  while (true) {
    size_t at = s.find(slug, from);
    if (at == s.npos) return std::nullopt;
    from = at + 1;
    if (at > 0 && std::isalnum(static_cast<unsigned char>(s[at - 1]))) continue;
    size_t d = at + slug.size();
    if (d + 8 > s.size() || s[d] != '-') continue;
    uint64_t v = 0;
    bool digits = true;
    for (size_t i = d + 1; i < d + 8; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) digits = false;
      v = v * 10 + static_cast<uint64_t>(s[i] - '0');
    }
    if (!digits) continue;
    if (d + 8 < s.size() && std::isdigit(static_cast<unsigned char>(s[d + 8]))) continue;
    return v;
  }
}

}  // namespace fakeaws
