// SerializeRequest: validation, idempotency tokens, Route 53 ids, host prefix, then the protocol's
// serializer.
//
// Query-parameter convention (SerializedRequest::query): values are NOT encoded. A literal query
// in the model's requestUri ("/{Bucket}?tagging", "/{Bucket}?list-type=2") comes first, split at
// '&' and '='; a bare flag such as S3's "?tagging" becomes {"tagging", ""}, indistinguishable
// from "tagging=". That is deliberate: S3 accepts both spellings and SigV4 canonicalizes both to
// "tagging=", so the client may render an empty value either way (botocore sends "?tagging").
// Serialized querystring members follow in param order, a list member as one pair per element.
#include <array>
#include <exception>
#include <string>
#include <string_view>

#include "aws/protocol/param_validation.h"
#include "aws/protocol/protocol.h"
#include "aws/protocol/serialize_internal.h"

namespace aws::protocol {
namespace {

using core::Result;
using core::Status;
using SerializeFn = Result<SerializedRequest> (*)(const model::ServiceModel&,
                                                 const model::Operation&, const json::object&);

Result<SerializedRequest> Ec2(const model::ServiceModel& s, const model::Operation& op,
                              const json::object& p) {
  return internal::SerializeQuery(s, op, p, /*ec2=*/true);
}
Result<SerializedRequest> Query(const model::ServiceModel& s, const model::Operation& op,
                                const json::object& p) {
  return internal::SerializeQuery(s, op, p, /*ec2=*/false);
}

// The one table from metadata.protocol to a serializer.
struct ProtocolEntry {
  std::string_view protocol;
  SerializeFn serialize;
};
constexpr std::array<ProtocolEntry, 5> kProtocols = {{
    {"ec2", &Ec2},
    {"query", &Query},
    {"json", &internal::SerializeJsonRpc},
    {"rest-json", &internal::SerializeRestJson},
    {"rest-xml", &internal::SerializeRestXml},
}};

bool ValidHostLabel(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// Fills "{AccountId}." from the hostLabel members, which must be DNS-safe.
Result<std::string> ExpandHostPrefix(const model::Operation& op, const json::object& params) {
  std::string out;
  std::string_view tmpl = op.host_prefix;
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] != '{') {
      out.push_back(tmpl[i++]);
      continue;
    }
    size_t end = tmpl.find('}', i);
    if (end == std::string_view::npos) {
      return Status::Internal(op.name + ": malformed hostPrefix '" + op.host_prefix + "'");
    }
    std::string name(tmpl.substr(i + 1, end - i - 1));
    const model::Member* m = op.input ? op.input->FindMember(name) : nullptr;
    const json::value* v = params.if_contains(name);
    if (!m || !m->host_label || !v || !v->is_string()) {
      return Status::InvalidArgument(op.name + ": " + name + ": missing host label");
    }
    std::string_view s = v->get_string();
    if (!ValidHostLabel(s)) {
      return Status::InvalidArgument(op.name + ": " + name +
                                     ": invalid host label, must contain only alphanumeric "
                                     "characters, hyphen, or period");
    }
    out += s;
    i = end + 1;
  }
  return out;
}

// route53: an input member of shape ResourceId, DelegationSetId or ChangeId keeps only its last
// '/' segment, so that an id as the API answers it ("/hostedzone/Z1") can be passed back
// (botocore's fix_route53_ids handler). True when a member was rewritten.
bool FixRoute53Ids(const model::ServiceModel& service, const model::Operation& op,
                   json::object& params) {
  if (service.metadata().service_name != "route53" || !op.input) return false;
  bool changed = false;
  for (const auto& m : op.input->members) {
    const std::string& shape = m.shape->name;
    if (shape != "ResourceId" && shape != "DelegationSetId" && shape != "ChangeId") continue;
    json::value* v = params.if_contains(m.name);
    if (!v || !v->is_string()) continue;
    std::string_view s = v->get_string();
    std::size_t slash = s.rfind('/');
    if (slash == std::string_view::npos) continue;
    *v = json::string(s.substr(slash + 1));
    changed = true;
  }
  return changed;
}

}  // namespace

core::Result<SerializedRequest> SerializeRequest(const model::ServiceModel& service,
                                                 const model::Operation& op,
                                                 const json::object& params) {
  const std::string& protocol = service.metadata().protocol;
  SerializeFn fn = nullptr;
  for (const auto& e : kProtocols) {
    if (e.protocol == protocol) fn = e.serialize;
  }
  if (!fn) {
    return Status::InvalidArgument(service.metadata().service_name + "." + op.name +
                                   ": unsupported protocol '" + protocol + "'");
  }
  try {
    // Copy only when a token must be added: most operations have none.
    json::object with_tokens;
    const json::object* p = &params;
    if (op.input) {
      for (const auto& m : op.input->members) {
        if (m.idempotency_token && !params.contains(m.name)) {
          with_tokens = params;
          FillIdempotencyTokens(op, with_tokens);
          p = &with_tokens;
          break;
        }
      }
    }
    if (service.metadata().service_name == "route53") {
      json::object fixed = *p;
      if (FixRoute53Ids(service, op, fixed)) {
        with_tokens = std::move(fixed);
        p = &with_tokens;
      }
    }
    CORE_RETURN_IF_ERROR(ValidateParams(op, *p));
    std::string host_prefix;
    if (!op.host_prefix.empty()) {
      CORE_ASSIGN_OR_RETURN(host_prefix, ExpandHostPrefix(op, *p));
    }
    CORE_ASSIGN_OR_RETURN(SerializedRequest req, fn(service, op, *p));
    req.host_prefix = std::move(host_prefix);
    return req;
  } catch (const std::exception& e) {
    return Status::Internal(op.name + ": serializing the request failed: " + e.what());
  }
}

}  // namespace aws::protocol
