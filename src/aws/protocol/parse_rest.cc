// rest-json and rest-xml responses: members bound to headers, header-prefix maps and the status
// code, then the payload member (a structure, or the raw body for string/blob payloads) or the
// members of the body document.
#include <cctype>
#include <string>

#include "aws/protocol/json_shape_parser.h"
#include "aws/protocol/parse_internal.h"
#include "aws/protocol/parse_scalars.h"
#include "aws/protocol/response_shape_check.h"
#include "aws/protocol/xml_shape_parser.h"

namespace aws::protocol {
namespace {

using core::Status;
using model::Member;
using model::Shape;
using model::ShapeType;

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One header value as `m`'s type (botocore parses header text like XML text, except rest-json
// booleans, which go through ensure_boolean).
core::Result<json::value> HeaderValue(const Member& m, std::string_view v, RestBody body) {
  switch (m.shape->type) {
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return IntegerFromText(v);
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      return FloatFromText(v);
    case ShapeType::kBoolean:
      if (body == RestBody::kXml) return json::value(v == "true");
      return json::value(v.size() == 4 && StartsWithNoCase(v, "true"));
    case ShapeType::kTimestamp:
      return TimestampFromText(v);
    case ShapeType::kList: {
      // A list in a header is comma separated (RFC 7230).
      json::array arr;
      size_t start = 0;
      while (true) {
        size_t comma = v.find(',', start);
        std::string_view item =
            TrimSpaces(v.substr(start, comma == std::string_view::npos ? v.npos : comma - start));
        auto e = HeaderValue(m.shape->member(), item, body);
        if (!e.ok()) return e.status();
        arr.push_back(std::move(*e));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
      }
      return json::value(std::move(arr));
    }
    default:
      if (m.json_value) {
        auto decoded = Base64Decode(v);
        if (!decoded) return Status::ParseError("jsonvalue header is not base64");
        return core::ParseJson(*decoded, "jsonvalue header");
      }
      return json::value(json::string(v));  // string, blob (base64 text)
  }
}

core::Status NonPayloadInto(const Shape& shape, const HttpResponse& r, RestBody body,
                            json::object& out) {
  for (const Member& m : shape.members) {
    switch (m.location) {
      case model::Location::kStatusCode:
        out.emplace(m.name, int64_t{r.status});
        break;
      case model::Location::kHeaders: {
        json::object map;
        std::string_view prefix = m.location_name;
        for (const auto& [name, value] : r.headers) {
          if (StartsWithNoCase(name, prefix)) map[name.substr(prefix.size())] = value;
        }
        out.emplace(m.name, std::move(map));
        break;
      }
      case model::Location::kHeader: {
        bool found = false;
        std::string_view v = FindHeader(r.headers, m.WireName(m.name), &found);
        if (!found) break;
        auto parsed = HeaderValue(m, v, body);
        if (!parsed.ok()) {
          return parsed.status().WithContext("header " + std::string(m.WireName(m.name)));
        }
        out.emplace(m.name, std::move(*parsed));
        break;
      }
      default:
        break;
    }
  }
  return Status::Ok();
}

// The body parsed as `shape`; an empty body is an empty document, as in botocore.
core::Result<json::value> BodyValue(const Shape& shape, const HttpResponse& r, RestBody body) {
  if (body == RestBody::kXml) {
    if (r.body.empty()) return XmlToJson(shape, pugi::xml_node());
    pugi::xml_document doc;
    CORE_RETURN_IF_ERROR(LoadXml(r.body, doc));
    CORE_RETURN_IF_ERROR(CheckXmlOutputElement(shape, doc.document_element()));
    return XmlToJson(shape, doc.document_element());
  }
  json::value v = json::object();
  if (!r.body.empty()) {
    CORE_ASSIGN_OR_RETURN(v, core::ParseJson(r.body, "response body"));
  }
  CORE_RETURN_IF_ERROR(CheckJsonOutputObject(shape, v));
  return JsonToBoto(shape, v, JsonDialect::kRestJson);
}

}  // namespace

core::Result<json::value> ParseRestResponse(const model::Operation& op, const HttpResponse& r,
                                            RestBody body) {
  json::object out;
  if (op.output == nullptr) return json::value(std::move(out));
  const Shape& shape = *op.output;
  CORE_RETURN_IF_ERROR(NonPayloadInto(shape, r, body, out));
  if (!shape.payload.empty()) {
    const Member* pm = shape.FindMember(shape.payload);
    if (pm == nullptr) {
      return Status::ParseError("payload member " + shape.payload.str() + " not in model");
    }
    if (pm->shape->event_stream) return json::value(std::move(out));
    if (pm->shape->type == ShapeType::kString || pm->shape->type == ShapeType::kBlob) {
      // botocore returns the raw body decoded as UTF-8 text; bytes that are not text are given
      // as base64 (JSON cannot carry them).
      out.emplace(pm->name, IsValidUtf8(r.body) ? json::string(r.body)
                                                : json::string(Base64Encode(r.body)));
      return json::value(std::move(out));
    }
    auto v = BodyValue(*pm->shape, r, body);
    if (!v.ok()) return v.status().WithContext(pm->name);
    out.emplace(pm->name, std::move(*v));
    return json::value(std::move(out));
  }
  if (body == RestBody::kXml) {
    if (r.body.empty()) return json::value(std::move(out));
    pugi::xml_document doc;
    CORE_RETURN_IF_ERROR(LoadXml(r.body, doc));
    CORE_RETURN_IF_ERROR(CheckXmlOutputElement(shape, doc.document_element()));
    CORE_RETURN_IF_ERROR(XmlStructureInto(shape, doc.document_element(), out));
    return json::value(std::move(out));
  }
  json::value v = json::object();
  if (!r.body.empty()) {
    CORE_ASSIGN_OR_RETURN(v, core::ParseJson(r.body, "response body"));
  }
  CORE_RETURN_IF_ERROR(CheckJsonOutputObject(shape, v));
  CORE_RETURN_IF_ERROR(JsonStructureInto(shape, v, JsonDialect::kRestJson, out));
  return json::value(std::move(out));
}

}  // namespace aws::protocol
