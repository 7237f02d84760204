#include "aws/auth/canonical_request.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "aws/auth/crypto.h"
#include "aws/net_names.h"

namespace aws::sigv4 {
namespace {

// Headers that hop-by-hop machinery (proxies, curl) may add, drop or rewrite after signing; a
// signature over them would break in transit. Authorization is the signature itself.
constexpr std::string_view kUnsignedHeaders[] = {
    "authorization", "connection", "expect", "transfer-encoding", "user-agent", "x-amzn-trace-id",
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// RFC 3986 remove_dot_segments, also collapsing empty segments ("//") as AWS does.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> out;
  bool trailing_slash = false;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(pos, end - pos);
    bool last = end == path.size();
    if (seg.empty() || seg == ".") {
      trailing_slash = last;
    } else if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = last;
    } else {
      out.push_back(seg);
      trailing_slash = false;
    }
    pos = end + 1;
  }
  std::string result = "/";
  for (size_t i = 0; i < out.size(); ++i) {
    if (i > 0) result.push_back('/');
    result.append(out[i]);
  }
  if (trailing_slash && !out.empty()) result.push_back('/');
  return result;
}

}  // namespace

namespace internal {

std::string CanonicalUri(std::string_view path, bool s3) {
  if (path.empty()) return "/";
  if (s3) return std::string(path);
  return UriEncode(NormalizePath(path), /*encode_slash=*/false);
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    std::string_view part = query.substr(pos, end - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string_view key = part.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? "" : part.substr(eq + 1);
      params.emplace_back(UriEncode(UriDecode(key)), UriEncode(UriDecode(value)));
    }
    pos = end + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out.push_back('&');
    out.append(k).append("=").append(v);
  }
  return out;
}

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string CanonicalHeaders(const Headers& headers, std::string_view host_header,
                             std::string* signed_headers) {
  std::vector<std::pair<std::string, std::string>> entries;
  entries.reserve(headers.size() + 1);
  bool has_host = false;
  for (const auto& [name, value] : headers) {
    std::string lname = Lower(name);
    if (std::find(std::begin(kUnsignedHeaders), std::end(kUnsignedHeaders), lname) !=
        std::end(kUnsignedHeaders)) {
      continue;
    }
    has_host = has_host || lname == "host";
    entries.emplace_back(std::move(lname), CanonicalHeaderValue(value));
  }
  if (!has_host) entries.emplace_back("host", std::string(host_header));
  // Stable: repeated names keep their order of appearance when joined with ','.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string block;
  std::string names;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0 && entries[i].first == entries[i - 1].first) {
      block.back() = ',';  // replaces the previous entry's '\n'
    } else {
      block.append(entries[i].first).push_back(':');
      if (!names.empty()) names.push_back(';');
      names.append(entries[i].first);
    }
    block.append(entries[i].second).push_back('\n');
  }
  if (signed_headers != nullptr) *signed_headers = std::move(names);
  return block;
}

std::string PayloadHash(const HttpRequest& req, const SigningParams& p) {
  bool found = false;
  std::string_view declared = FindHeader(req.headers, "x-amz-content-sha256", &found);
  if (found) return std::string(declared);
  if (p.unsigned_payload) return std::string(kUnsignedPayload);
  return crypto::Sha256Hex(req.body);
}

std::string CanonicalRequestOf(const HttpRequest& req, const ParsedUrl& parsed,
                               const SigningParams& p, std::string* signed_headers) {
  std::string out;
  out.reserve(512);
  out.append(req.method);
  out.push_back('\n');
  out.append(internal::CanonicalUri(parsed.path, p.s3)).push_back('\n');
  out.append(internal::CanonicalQuery(parsed.query)).push_back('\n');
  std::string names;
  out.append(internal::CanonicalHeaders(req.headers, parsed.HostHeader(), &names)).push_back('\n');
  out.append(names).push_back('\n');
  out.append(internal::PayloadHash(req, p));
  if (signed_headers != nullptr) *signed_headers = std::move(names);
  return out;
}

}  // namespace internal

std::string CanonicalRequest(const HttpRequest& req, const SigningParams& p,
                             std::string* signed_headers) {
  auto url = ParseUrl(req.url);
  ParsedUrl parsed;
  if (url.ok()) parsed = *std::move(url);
  return internal::CanonicalRequestOf(req, parsed, p, signed_headers);
}

}  // namespace aws::sigv4
