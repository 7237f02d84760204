// URI encoding and URL parsing (RFC 3986 unreserved set, as AWS SigV4 also requires).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace net {

// Percent-encodes every byte except A-Z a-z 0-9 - _ . ~ (and '/' when !encode_slash).
std::string UriEncode(std::string_view s, bool encode_slash = true);
// Decodes %XX escapes ('+' stays '+'). Invalid escapes are kept as they are.
std::string UriDecode(std::string_view s);

// "k1=v1&k2=v2" with keys and values UriEncode()d, in the given order.
std::string BuildQueryString(const std::vector<std::pair<std::string, std::string>>& params);

struct ParsedUrl {
  std::string scheme;  // "https"
  std::string host;    // "ec2.us-east-1.amazonaws.com" (IPv6 literals keep their brackets)
  int port = 0;        // 0 when the URL names none
  std::string path;    // encoded, "/" when empty
  std::string query;   // encoded, without '?'
  // host, plus ":port" when the port is not the scheme's default (the HTTP Host header).
  std::string HostHeader() const;
};

core::Result<ParsedUrl> ParseUrl(std::string_view url);

}  // namespace net
