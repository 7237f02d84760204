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

namespace {

char LowerChar(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// `a` < `b` as their lowercase spellings compare (byte order, as std::string's).
bool LessIgnoringCase(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    const auto ca = static_cast<unsigned char>(LowerChar(a[i]));
    const auto cb = static_cast<unsigned char>(LowerChar(b[i]));
    if (ca != cb) return ca < cb;
  }
  return a.size() < b.size();
}

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerChar(a[i]) != LowerChar(b[i])) return false;
  }
  return true;
}

bool IsUnsigned(std::string_view name) {
  for (std::string_view u : kUnsignedHeaders) {
    if (EqualIgnoringCase(name, u)) return true;
  }
  return false;
}

void AppendLower(std::string& out, std::string_view s) {
  for (char c : s) out.push_back(LowerChar(c));
}

void AppendCanonicalValue(std::string& out, std::string_view value) {
  const size_t start = out.size();
  bool pending_space = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = out.size() != start;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
}

}  // namespace

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  AppendCanonicalValue(out, value);
  return out;
}

// Appends the block to `block` and the names to `names` without a string per header: the
// headers are sorted by index with a case-insensitive comparison (the order of their lowercase
// names), then written lowercased.
void AppendCanonicalHeaders(const Headers& headers, std::string_view host_header,
                            std::string& block, std::string& names) {
  struct Entry {
    std::string_view name;
    std::string_view value;
  };
  constexpr size_t kInline = 16;
  Entry inline_entries[kInline];
  std::vector<Entry> heap_entries;
  Entry* entries = inline_entries;
  if (headers.size() + 1 > kInline) {
    heap_entries.resize(headers.size() + 1);
    entries = heap_entries.data();
  }
  size_t n = 0;
  bool has_host = false;
  for (const auto& [name, value] : headers) {
    if (IsUnsigned(name)) continue;
    has_host = has_host || EqualIgnoringCase(name, "host");
    entries[n++] = Entry{name, value};
  }
  if (!has_host) entries[n++] = Entry{"host", host_header};
  // Stable: repeated names keep their order of appearance when joined with ','.
  std::stable_sort(entries, entries + n,
                   [](const Entry& a, const Entry& b) { return LessIgnoringCase(a.name, b.name); });
  const size_t names_start = names.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && EqualIgnoringCase(entries[i].name, entries[i - 1].name)) {
      block.back() = ',';  // replaces the previous entry's '\n'
    } else {
      AppendLower(block, entries[i].name);
      block.push_back(':');
      if (names.size() != names_start) names.push_back(';');
      AppendLower(names, entries[i].name);
    }
    AppendCanonicalValue(block, entries[i].value);
    block.push_back('\n');
  }
}

std::string CanonicalHeaders(const Headers& headers, std::string_view host_header,
                             std::string* signed_headers) {
  std::string block;
  std::string names;
  AppendCanonicalHeaders(headers, host_header, block, names);
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
  out.reserve(1024);
  out.append(req.method);
  out.push_back('\n');
  out.append(internal::CanonicalUri(parsed.path, p.s3)).push_back('\n');
  out.append(internal::CanonicalQuery(parsed.query)).push_back('\n');
  std::string names;
  names.reserve(128);
  AppendCanonicalHeaders(req.headers, parsed.HostHeader(), out, names);
  out.push_back('\n');
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
