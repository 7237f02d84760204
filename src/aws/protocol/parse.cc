// ParseResponse / IsErrorIn2xx: dispatch on metadata().protocol, then the quirks table.
//
//   ec2 ──────> XML root ──────────────┐
//   query ────> XML root/<OpResult> ───┤ XmlToJson (xml_shape_parser)
//   rest-xml ─> headers + XML root ────┤
//   rest-json > headers + JSON body ───┤ JsonToBoto (json_shape_parser)
//   json ─────> JSON body ─────────────┘
//                         └─> quirks ("s3.GetBucketLocation", "iam.*") ─> boto3-shaped JSON
#include <exception>
#include <string>

#include "aws/protocol/json_shape_parser.h"
#include "aws/protocol/parse_internal.h"
#include "aws/protocol/parse_scalars.h"
#include "aws/protocol/protocol.h"
#include "aws/protocol/response_shape_check.h"
#include "aws/protocol/xml_shape_parser.h"

namespace aws::protocol {
namespace {

using core::Status;
using model::Shape;
using model::ShapeType;

core::Result<json::value> ParseXmlRpc(const model::Operation& op, const HttpResponse& r) {
  // The parse buffer is kept per thread: an EC2 page is ~3 MB of XML, and a fresh copy of it
  // per response was faulted in page by page (issue 13.2). Nothing here suspends or re-enters,
  // so one buffer per thread is never shared by two documents.
  thread_local std::string buffer;
  pugi::xml_document doc;
  CORE_RETURN_IF_ERROR(LoadXmlInto(r.body, buffer, doc));
  if (op.output == nullptr) return json::value(json::object());
  pugi::xml_node start = doc.document_element();
  if (!op.result_wrapper.empty()) {
    start = XmlChild(start, op.result_wrapper);
    if (!start) return Status::ParseError("no <" + op.result_wrapper + "> in the response");
  }
  CORE_RETURN_IF_ERROR(CheckXmlOutputElement(*op.output, start));
  return XmlToJson(*op.output, start);
}

core::Result<json::value> ParseJsonRpc(const model::Operation& op, const HttpResponse& r) {
  if (op.output == nullptr) return json::value(json::object());
  json::value v = json::object();
  if (!r.body.empty()) {
    CORE_ASSIGN_OR_RETURN(v, core::ParseJson(r.body, "response body"));
  }
  CORE_RETURN_IF_ERROR(CheckJsonOutputObject(*op.output, v));
  return JsonToBoto(*op.output, v, JsonDialect::kJson);
}

core::Result<json::value> Dispatch(const model::ServiceModel& service, const model::Operation& op,
                                   const HttpResponse& r) {
  const std::string& p = service.metadata().protocol;
  if (p == "ec2" || p == "query") return ParseXmlRpc(op, r);
  if (p == "json") return ParseJsonRpc(op, r);
  if (p == "rest-json") return ParseRestResponse(op, r, RestBody::kJson);
  if (p == "rest-xml") return ParseRestResponse(op, r, RestBody::kXml);
  return Status::ParseError("unsupported protocol '" + p + "'");
}

// --- quirks ---------------------------------------------------------------------------------

// s3.GetBucketLocation: the body is a bare <LocationConstraint>region</LocationConstraint> root,
// which the model cannot describe; an empty root (us-east-1) is null.
core::Status BareLocationConstraint(const model::Operation&, const HttpResponse& r,
                                    json::value& parsed) {
  if (!parsed.is_object() || r.body.empty()) return Status::Ok();
  pugi::xml_document doc;
  CORE_RETURN_IF_ERROR(LoadXml(r.body, doc));
  std::string scratch;
  std::string_view text = XmlText(doc.document_element(), scratch);
  if (text.empty()) {
    parsed.get_object()["LocationConstraint"] = nullptr;
  } else {
    parsed.get_object()["LocationConstraint"] = text;
  }
  return Status::Ok();
}

// Python's urllib.parse.unquote: %XX escapes only ('+' stays), bad escapes kept verbatim.
std::string Unquote(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void DecodePolicies(const Shape& shape, json::value& v, int depth) {
  if (depth > 64) return;
  if (shape.type == ShapeType::kList && v.is_array()) {
    for (json::value& item : v.get_array()) DecodePolicies(*shape.member().shape, item, depth + 1);
    return;
  }
  if (shape.type != ShapeType::kStructure || !v.is_object()) return;
  json::object& obj = v.get_object();
  for (const model::Member& m : shape.members) {
    json::value* mv = obj.if_contains(m.name);
    if (mv == nullptr) continue;
    if (m.shape->type == ShapeType::kString && m.shape->name == "policyDocumentType") {
      if (!mv->is_string()) continue;
      std::string text = Unquote(mv->get_string());
      if (!IsValidUtf8(text)) continue;
      auto doc = core::ParseJson(text, "policy document");
      if (doc.ok()) *mv = std::move(*doc);  // not JSON: kept as text, as botocore does
    } else {
      DecodePolicies(*m.shape, *mv, depth + 1);
    }
  }
}

// iam.*: policy documents arrive URL-encoded JSON; boto3 hands out the decoded document.
core::Status DecodeIamPolicies(const model::Operation& op, const HttpResponse&,
                               json::value& parsed) {
  if (op.output != nullptr) DecodePolicies(*op.output, parsed, 0);
  return Status::Ok();
}

constexpr ParseQuirk kQuirks[] = {
    {.key = "s3.GetBucketLocation", .after_parse = &BareLocationConstraint},
    {.key = "s3.*", .error_in_200 = true},
    {.key = "iam.*", .after_parse = &DecodeIamPolicies},
};

}  // namespace

std::span<const ParseQuirk> ParseQuirks() { return kQuirks; }

bool QuirkApplies(const ParseQuirk& q, std::string_view service, std::string_view op) {
  std::string_view k = q.key;
  if (k.size() <= service.size() || k.substr(0, service.size()) != service ||
      k[service.size()] != '.') {
    return false;
  }
  std::string_view rest = k.substr(service.size() + 1);
  return rest == "*" || rest == op;
}

core::Result<json::value> ParseResponse(const model::ServiceModel& service,
                                        const model::Operation& op, const HttpResponse& response) {
  const std::string& svc = service.metadata().service_name;
  auto context = [&] { return svc + "." + op.name + " response"; };
  try {
    auto parsed = Dispatch(service, op, response);
    if (!parsed.ok()) {
      return Status::ParseError(context() + ": " + parsed.status().message());
    }
    for (const ParseQuirk& q : kQuirks) {
      if (q.after_parse == nullptr || !QuirkApplies(q, svc, op.name)) continue;
      Status st = q.after_parse(op, response, *parsed);
      if (!st.ok()) return Status::ParseError(context() + ": " + st.message());
    }
    return parsed;
  } catch (const std::exception& e) {  // bad_alloc, or a library's exception: never escapes
    return Status::ParseError(context() + ": " + e.what());
  }
}

bool IsErrorIn2xx(const model::ServiceModel& service, const model::Operation& op,
                  const HttpResponse& response) {
  if (response.status != 200 || response.body.empty() || op.output == nullptr) return false;
  bool applies = false;
  for (const ParseQuirk& q : kQuirks) {
    if (q.error_in_200 && QuirkApplies(q, service.metadata().service_name, op.name)) applies = true;
  }
  if (!applies) return false;
  // Raw string/blob payloads (GetObject, GetBucketPolicy) cannot be told from an error.
  if (!op.output->payload.empty()) {
    const model::Member* pm = op.output->FindMember(op.output->payload);
    if (pm == nullptr || pm->shape->type == ShapeType::kString ||
        pm->shape->type == ShapeType::kBlob || pm->shape->event_stream) {
      return false;
    }
  }
  try {
    pugi::xml_document doc;
    if (!LoadXml(response.body, doc).ok()) return true;  // a truncated 200: retry it as a 500
    return std::string_view(doc.document_element().name()) == "Error";
  } catch (const std::exception&) {
    return true;
  }
}

}  // namespace aws::protocol
