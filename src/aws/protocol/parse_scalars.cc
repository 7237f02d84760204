#include "aws/protocol/parse_scalars.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>

#include <openssl/evp.h>

#include "core/timestamp.h"

namespace aws::protocol {
namespace {

using core::Status;

std::string_view Trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
                                c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string Quote(std::string_view s) { return "'" + std::string(Excerpt(s, 60)) + "'"; }

}  // namespace

core::Result<json::value> IntegerFromText(std::string_view text) {
  std::string_view s = Trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') {
    return Status::ParseError("expected an integer, got " + Quote(text));
  }
  const char* end = s.data() + s.size();
  int64_t v = 0;
  auto r = std::from_chars(s.data(), end, v);
  if (r.ec == std::errc() && r.ptr == end) return json::value(v);
  uint64_t u = 0;
  auto ru = std::from_chars(s.data(), end, u);
  if (ru.ec == std::errc() && ru.ptr == end) return json::value(u);
  if (r.ec == std::errc::result_out_of_range || ru.ec == std::errc::result_out_of_range) {
    return Status::ParseError("integer out of range: " + Quote(text));
  }
  return Status::ParseError("expected an integer, got " + Quote(text));
}

core::Result<json::value> FloatFromText(std::string_view text) {
  std::string_view s = Trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const char* end = s.data() + s.size();
  double d = 0;
  auto r = std::from_chars(s.data(), end, d);
  if (s.empty() || r.ec != std::errc() || r.ptr != end || !std::isfinite(d)) {
    return Status::ParseError("expected a finite number, got " + Quote(text));
  }
  return json::value(d);
}

core::Result<json::value> TimestampFromText(std::string_view text) {
  auto t = core::ParseAnyTimestamp(Trim(text));
  if (!t.ok()) return Status::ParseError("expected a timestamp, got " + Quote(text));
  return json::value(core::FormatUpstream(*t));
}

core::Result<json::value> TimestampFromEpoch(double seconds) {
  // Python's datetime covers years 1..9999; beyond that botocore fails too.
  if (!std::isfinite(seconds) || seconds < -62135596800.0 || seconds > 253402300799.0) {
    return Status::ParseError("epoch timestamp out of range");
  }
  return json::value(core::FormatUpstream(core::FromEpochSeconds(seconds)));
}

// OpenSSL's EVP block coders: already linked for SigV4, and exact for whole blocks.
std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

std::string_view Excerpt(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace aws::protocol
