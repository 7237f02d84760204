#include "aws/protocol/serialize_rest.h"

#include <string>
#include <utility>
#include <vector>

#include "aws/net_names.h"
#include "aws/protocol/serialize_internal.h"

namespace aws::protocol::internal {
namespace {

using core::Result;
using core::Status;
using model::Location;
using model::Member;
using model::ShapeType;

// A value in a URI label or the query string: booleans lowercase, timestamps ISO-8601 unless the
// member says otherwise, blobs as they are (botocore does not encode them there).
std::string UriValue(const json::value& v, const Member& m) {
  return ScalarText(v, m, "iso8601", /*base64_blobs=*/false);
}

std::string EscapeHeaderListItem(std::string_view s) {
  if (s.find_first_of("\",") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string HeaderValue(const Member& m, const json::value& v) {
  const model::Shape& shape = *m.shape;
  if (shape.type == ShapeType::kTimestamp) {
    auto t = TimestampParam(v);
    if (t.ok()) return FormatTimestamp(*t, TimestampFormatOr(m, "rfc822"));  // whole seconds
  }
  if (shape.type == ShapeType::kList && v.is_array()) {
    std::string out;
    for (const auto& e : v.get_array()) {
      if (e.is_null()) continue;
      if (!out.empty()) out.push_back(',');
      out += shape.member().shape->type == ShapeType::kString && e.is_string()
                 ? EscapeHeaderListItem(e.get_string())
                 : HeaderValue(shape.member(), e);
    }
    return out;
  }
  if (m.json_value) return Base64(core::WriteJson(v));
  return ScalarText(v, m, "rfc822", /*base64_blobs=*/false);
}

void SplitLiteralQuery(std::string_view uri, std::string& path, SerializedRequest& req) {
  size_t q = uri.find('?');
  path = std::string(uri.substr(0, q));
  if (q == std::string_view::npos) return;
  std::string_view rest = uri.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view part = rest.substr(0, amp);
    size_t eq = part.find('=');
    if (!part.empty()) {
      req.query.emplace_back(std::string(part.substr(0, eq)),
                             eq == std::string_view::npos ? "" : std::string(part.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
}

// Replaces "{Name}" with the encoded label and "{Name+}" with the label keeping its slashes.
Result<std::string> RenderPath(const model::Operation& op, std::string_view tmpl,
                               const std::vector<std::pair<std::string, std::string>>& labels) {
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] != '{') {
      out.push_back(tmpl[i++]);
      continue;
    }
    size_t end = tmpl.find('}', i);
    if (end == std::string_view::npos) {
      return Status::Internal(op.name + ": malformed requestUri '" + op.request_uri + "'");
    }
    std::string_view name = tmpl.substr(i + 1, end - i - 1);
    bool greedy = name.ends_with('+');
    if (greedy) name.remove_suffix(1);
    const std::string* value = nullptr;
    for (const auto& [k, v] : labels) {
      if (k == name) value = &v;
    }
    if (!value) {
      return Status::InvalidArgument(op.name + ": " + std::string(name) +
                                     ": missing required URI parameter");
    }
    out += UriEncode(*value, /*encode_slash=*/!greedy);
    i = end + 1;
  }
  return out;
}

void AddQueryMember(const Member& m, const json::value& v, SerializedRequest& req) {
  const std::string key(m.WireName(m.name));
  if (m.shape->type == ShapeType::kMap && v.is_object()) {
    for (const auto& kv : v.get_object()) {
      const Member& vm = m.shape->value();
      if (kv.value().is_array()) {
        for (const auto& e : kv.value().get_array()) {
          req.query.emplace_back(kv.key(), UriValue(e, vm.shape->member()));
        }
      } else {
        req.query.emplace_back(kv.key(), UriValue(kv.value(), vm));
      }
    }
  } else if (m.shape->type == ShapeType::kList && v.is_array()) {
    for (const auto& e : v.get_array()) req.query.emplace_back(key, UriValue(e, m.shape->member()));
  } else {
    req.query.emplace_back(key, UriValue(v, m));
  }
}

}  // namespace

core::Result<SerializedRequest> SerializeRest(const model::Operation& op,
                                              const json::object& params,
                                              const RestBodyCodec& codec) {
  SerializedRequest req;
  req.method = op.http_method;
  std::string path_template;
  SplitLiteralQuery(op.request_uri, path_template, req);
  if (!op.input) {
    req.path = path_template;
    return req;
  }
  std::vector<std::pair<std::string, std::string>> labels;
  json::object body_params;
  for (const auto& kv : params) {
    const Member* m = op.input->FindMember(kv.key());
    if (!m || kv.value().is_null()) continue;
    const json::value& v = kv.value();
    switch (m->location) {
      case Location::kUri:
        labels.emplace_back(m->WireName(m->name), UriValue(v, *m));
        break;
      case Location::kQueryString:
        AddQueryMember(*m, v, req);
        break;
      case Location::kHeader:
        if (m->shape->type == ShapeType::kList && v.is_array() && v.get_array().empty()) break;
        req.headers.emplace_back(m->WireName(m->name), HeaderValue(*m, v));
        break;
      case Location::kHeaders:
        if (!v.is_object()) break;
        for (const auto& h : v.get_object()) {
          req.headers.emplace_back(std::string(m->WireName(m->name)) + std::string(h.key()),
                                   UriValue(h.value(), m->shape->value()));
        }
        break;
      default:
        body_params[kv.key()] = v;
    }
  }
  CORE_ASSIGN_OR_RETURN(req.path, RenderPath(op, path_template, labels));

  const Member* payload = op.input->payload.empty() ? nullptr
                                                    : op.input->FindMember(op.input->payload);
  const bool streaming = payload && (payload->shape->type == ShapeType::kBlob ||
                                     payload->shape->type == ShapeType::kString);
  if (streaming) {
    const json::value* v = params.if_contains(payload->name);
    if (v && v->is_string()) req.body = std::string(v->get_string());
  } else if (payload) {
    const json::value* v = params.if_contains(payload->name);
    if (v && !v->is_null()) {
      CORE_ASSIGN_OR_RETURN(req.body, codec.serialize(*payload, *v));
    } else {
      req.body = std::string(codec.empty_body);
    }
  } else if (!body_params.empty()) {
    CORE_ASSIGN_OR_RETURN(req.body,
                          codec.serialize(MemberForShape(*op.input), json::value(body_params)));
  } else if (codec.empty_body_for_body_members) {
    for (const auto& m : op.input->members) {
      if (m.location == Location::kBody) {
        req.body = std::string(codec.empty_body);
        break;
      }
    }
  }
  bool found = false;
  FindHeader(req.headers, "Content-Type", &found);
  if (codec.json_content_type && !streaming && !req.body.empty() && !found) {
    req.headers.emplace_back("Content-Type", "application/json");
  }
  return req;
}

}  // namespace aws::protocol::internal
