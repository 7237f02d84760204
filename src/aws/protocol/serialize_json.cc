// The json protocol (1.0 and 1.1): POST "/" with X-Amz-Target "<targetPrefix>.<Operation>" and
// the params as a JSON object (keys renamed to locationName, timestamps as epoch seconds, blobs
// base64), "{}" when there are none. awsQueryCompatible services (SQS) also get
// "x-amzn-query-mode: true". JsonBodyValue is shared with rest-json bodies.
#include <string>

#include "aws/protocol/serialize_internal.h"

namespace aws::protocol::internal {
namespace {

using model::Member;
using model::ShapeType;

json::object JsonStructure(const model::Shape& shape, const json::object& o) {
  json::object out;
  for (const auto& kv : o) {
    const Member* m = shape.FindMember(kv.key());
    if (!m) continue;
    out[m->WireName(kv.key())] = JsonBodyValue(*m, kv.value());
  }
  return out;
}

}  // namespace

json::value JsonBodyValue(const Member& m, const json::value& v) {
  const model::Shape& shape = *m.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      if (shape.document || !v.is_object()) return v;
      return JsonStructure(shape, v.get_object());
    case ShapeType::kList: {
      if (!v.is_array()) return v;
      json::array out;
      out.reserve(v.get_array().size());
      for (const auto& e : v.get_array()) out.push_back(JsonBodyValue(shape.member(), e));
      return out;
    }
    case ShapeType::kMap: {
      if (!v.is_object()) return v;
      json::object out;
      for (const auto& kv : v.get_object()) out[kv.key()] = JsonBodyValue(shape.value(), kv.value());
      return out;
    }
    case ShapeType::kTimestamp: {
      auto t = TimestampParam(v);
      if (!t.ok()) return v;
      std::string format(TimestampFormatOr(m, "unixTimestamp"));
      std::string text = FormatTimestamp(*t, format);
      if (format == "unixTimestamp" || format == "unixtimestamp") {
        return json::value(static_cast<std::int64_t>(std::stoll(text)));
      }
      return json::value(text);
    }
    case ShapeType::kBlob:
      if (v.is_string()) return json::value(Base64(v.get_string()));
      return v;
    default:
      return v;
  }
}

core::Result<SerializedRequest> SerializeJsonRpc(const model::ServiceModel& service,
                                                 const model::Operation& op,
                                                 const json::object& params) {
  const model::ServiceMetadata& md = service.metadata();
  SerializedRequest req;
  req.method = op.http_method;
  req.headers.emplace_back("X-Amz-Target", md.target_prefix + "." + op.name);
  req.headers.emplace_back("Content-Type", "application/x-amz-json-" + md.json_version);
  if (md.aws_query_compatible) req.headers.emplace_back("x-amzn-query-mode", "true");
  json::object body;
  if (op.input) body = JsonStructure(*op.input, params);
  req.body = core::WriteJson(body);
  return req;
}

}  // namespace aws::protocol::internal
