#include "net/uri.h"

#include <charconv>

namespace net {
namespace {
bool Unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string UriEncode(std::string_view s, bool encode_slash) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (Unreserved(c) || (c == '/' && !encode_slash)) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string UriDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

std::string BuildQueryString(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out += UriEncode(k);
    out.push_back('=');
    out += UriEncode(v);
  }
  return out;
}

std::string ParsedUrl::HostHeader() const {
  bool default_port = port == 0 || (scheme == "https" && port == 443) ||
                      (scheme == "http" && port == 80);
  return default_port ? host : host + ":" + std::to_string(port);
}

core::Result<ParsedUrl> ParseUrl(std::string_view url) {
  auto bad = [&](const char* why) {
    return core::Status::InvalidArgument("bad URL '" + std::string(url) + "': " + why);
  };
  ParsedUrl u;
  size_t p = url.find("://");
  if (p == std::string_view::npos) return bad("no scheme");
  u.scheme = url.substr(0, p);
  if (u.scheme != "http" && u.scheme != "https") return bad("scheme must be http or https");
  std::string_view rest = url.substr(p + 3);
  size_t path_start = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, path_start);
  if (authority.find('@') != std::string_view::npos) return bad("credentials in URL");
  size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    std::string_view port = authority.substr(colon + 1);
    auto r = std::from_chars(port.data(), port.data() + port.size(), u.port);
    if (r.ec != std::errc() || r.ptr != port.data() + port.size() || u.port <= 0 || u.port > 65535) {
      return bad("bad port");
    }
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return bad("no host");
  u.host = authority;
  std::string_view tail = path_start == std::string_view::npos ? "" : rest.substr(path_start);
  size_t q = tail.find('?');
  u.path = tail.substr(0, q);
  if (u.path.empty()) u.path = "/";
  if (q != std::string_view::npos) u.query = tail.substr(q + 1);
  size_t frag = u.query.find('#');
  if (frag != std::string::npos) u.query.resize(frag);
  return u;
}

}  // namespace net
