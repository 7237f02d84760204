// Scalar rendering shared by the request serializers: timestamps, base64, numbers as botocore
// writes them on the wire.
#include <openssl/evp.h>

#include <cctype>
#include <string>

#include "aws/protocol/serialize_internal.h"

namespace aws::protocol::internal {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int64_t FloorSeconds(core::Timestamp t) {
  int64_t s = t.micros / 1'000'000;
  if (t.micros % 1'000'000 < 0) --s;
  return s;
}

}  // namespace

core::Result<core::Timestamp> TimestampParam(const json::value& v) {
  if (v.is_int64()) return core::FromEpochSeconds(static_cast<double>(v.get_int64()));
  if (v.is_uint64()) return core::FromEpochSeconds(static_cast<double>(v.get_uint64()));
  if (v.is_double()) return core::FromEpochSeconds(v.get_double());
  if (v.is_string()) return core::ParseAnyTimestamp(v.get_string());
  return core::Status::InvalidArgument("expected a timestamp");
}

std::string FormatTimestamp(core::Timestamp t, std::string_view format) {
  std::string f = Lower(format);
  if (f == "unixtimestamp") return std::to_string(FloorSeconds(t));
  if (f == "rfc822") return core::FormatHttpDate(core::Timestamp{FloorSeconds(t) * 1'000'000});
  // iso8601: "%Y-%m-%dT%H:%M:%SZ", or with ".%f" (6 digits) when the fraction is non-zero,
  // which is exactly core::FormatUpstream.
  return core::FormatUpstream(t);
}

std::string Base64(std::string_view data) {
  // OpenSSL's encoder, rather than a hand-written one; it writes 4 chars per 3 bytes plus NUL.
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

std::string_view TimestampFormatOr(const model::Member& m, std::string_view fallback) {
  return m.timestamp_format.empty() ? fallback : std::string_view(m.timestamp_format);
}

std::string ScalarText(const json::value& v, const model::Member& m, std::string_view ts_format,
                       bool base64_blobs) {
  const model::ShapeType type = m.shape ? m.shape->type : model::ShapeType::kString;
  if (type == model::ShapeType::kTimestamp) {
    auto t = TimestampParam(v);
    if (t.ok()) return FormatTimestamp(*t, TimestampFormatOr(m, ts_format));
  }
  switch (v.kind()) {
    case json::kind::string: {
      std::string_view s = v.get_string();
      if (type == model::ShapeType::kBlob && base64_blobs) return Base64(s);
      return std::string(s);
    }
    case json::kind::bool_:
      return v.get_bool() ? "true" : "false";
    case json::kind::int64:
      return std::to_string(v.get_int64());
    case json::kind::uint64:
      return std::to_string(v.get_uint64());
    case json::kind::double_:
      return core::WriteJson(v);  // Python's float repr, as str() gives on the wire
    default:
      return core::WriteJson(v);
  }
}

model::Member MemberForShape(const model::Shape& shape) {
  model::Member m;
  m.name = shape.name;
  m.shape = &shape;
  m.location_name = shape.location_name;
  m.flattened = shape.flattened;
  m.xml_namespace_uri = shape.xml_namespace_uri;
  m.xml_namespace_prefix = shape.xml_namespace_prefix;
  m.timestamp_format = shape.timestamp_format;
  return m;
}

}  // namespace aws::protocol::internal
