// The query and ec2 protocols: an x-www-form-urlencoded POST body of flattened key paths.
//
//   query: Action, Version, then params in the caller's order; lists "Name.member.N" (or the
//          member's locationName instead of "member"; flattened lists "Name.N"), empty lists
//          "Name="; maps "Name.entry.N.key"/".value" (locationNames replace key/value).
//   ec2:   keys are queryName, else the capitalized locationName, else the member name; lists
//          are always "Name.N" and empty lists are omitted.
// Both number lists from 1, render booleans "true"/"false", timestamps ISO-8601 and blobs base64.
#include <cctype>
#include <string>

#include "aws/net_names.h"
#include "aws/protocol/serialize_internal.h"

namespace aws::protocol::internal {
namespace {

using model::Member;
using model::ShapeType;

class FormWriter {
 public:
  explicit FormWriter(bool ec2) : ec2_(ec2) {}

  void Add(std::string_view key, std::string_view value) {
    if (!body_.empty()) body_.push_back('&');
    body_ += UriEncode(key);
    body_.push_back('=');
    body_ += UriEncode(value);
  }

  void Value(const Member& m, const json::value& v, const std::string& prefix) {
    switch (m.shape->type) {
      case ShapeType::kStructure:
        if (v.is_object()) Structure(*m.shape, v.get_object(), prefix);
        return;
      case ShapeType::kList:
        if (v.is_array()) List(m, v.get_array(), prefix);
        return;
      case ShapeType::kMap:
        if (v.is_object()) Map(m, v.get_object(), prefix);
        return;
      default:
        Add(prefix, ScalarText(v, m, "iso8601"));
    }
  }

  void Structure(const model::Shape& shape, const json::object& o, const std::string& prefix) {
    for (const auto& kv : o) {
      const Member* m = shape.FindMember(kv.key());
      if (!m) continue;
      std::string name = Name(*m, kv.key());
      Value(*m, kv.value(), prefix.empty() ? name : prefix + "." + name);
    }
  }

  std::string Take() { return std::move(body_); }

 private:
  // The wire name of a member (query: locationName; ec2: queryName or capitalized
  // locationName), or `fallback`.
  std::string Name(const Member& m, std::string_view fallback) const {
    if (ec2_) {
      if (!m.query_name.empty()) return m.query_name.str();
      if (!m.location_name.empty()) {
        std::string n = m.location_name;
        n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
        return n;
      }
      return std::string(fallback);
    }
    return std::string(m.WireName(fallback));
  }

  void List(const Member& m, const json::array& a, const std::string& prefix) {
    const Member& element = m.shape->member();
    std::string list_prefix;
    if (ec2_) {
      list_prefix = prefix;
    } else if (a.empty()) {
      Add(prefix, "");
      return;
    } else if (m.flattened) {
      list_prefix = prefix;
      if (!element.location_name.empty()) {  // replace the last segment with the element name
        size_t dot = prefix.rfind('.');
        list_prefix = (dot == std::string::npos ? "" : prefix.substr(0, dot + 1)) +
                      element.location_name;
      }
    } else {
      list_prefix = prefix + "." + std::string(element.WireName("member"));
    }
    for (size_t i = 0; i < a.size(); ++i) {
      Value(element, a[i], list_prefix + "." + std::to_string(i + 1));
    }
  }

  void Map(const Member& m, const json::object& o, const std::string& prefix) {
    std::string base = m.flattened ? prefix : prefix + ".entry";
    std::string key_suffix = Name(m.shape->key(), "key");
    std::string value_suffix = Name(m.shape->value(), "value");
    size_t i = 0;
    for (const auto& kv : o) {
      std::string entry = base + "." + std::to_string(++i) + ".";
      Value(m.shape->key(), json::value(kv.key()), entry + key_suffix);
      Value(m.shape->value(), kv.value(), entry + value_suffix);
    }
  }

  bool ec2_;
  std::string body_;
};

}  // namespace

core::Result<SerializedRequest> SerializeQuery(const model::ServiceModel& service,
                                               const model::Operation& op,
                                               const json::object& params, bool ec2) {
  SerializedRequest req;
  req.method = op.http_method;
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  FormWriter form(ec2);
  form.Add("Action", op.name);
  form.Add("Version", service.metadata().api_version);
  if (op.input) form.Structure(*op.input, params, "");
  req.body = form.Take();
  return req;
}

}  // namespace aws::protocol::internal
