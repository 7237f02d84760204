#include "core/redact.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

namespace core {
namespace {

constexpr std::string_view kRedacted = "[REDACTED]";
constexpr std::size_t kMinSecret = 4;
// Shorter values after a secret-ish key are left alone ("null", "none", short placeholders).
constexpr std::size_t kMinKeyedValue = 8;

// Key names whose value is a secret, lower-case; matched case-insensitively with '_' and '-'
// treated as optional (secret_access_key = secretAccessKey = Secret-Access-Key).
constexpr std::string_view kSecretKeys[] = {
    "secretaccesskey", "sessiontoken", "securitytoken", "accesstoken",
    "refreshtoken",    "clientsecret", "apikey",        "password",
};

// Tokens AWS session tokens start with (base64 of the token's binary header).
constexpr std::string_view kSessionTokenPrefixes[] = {"IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdzE",
                                                      "FQoGZXIvYXdzE"};

struct Registry {
  std::mutex mu;
  // Longest first, so a secret containing another is replaced whole.
  std::shared_ptr<const std::vector<std::string>> secrets =
      std::make_shared<std::vector<std::string>>();
};

Registry& TheRegistry() {
  static Registry* r = new Registry();  // never destroyed: loggers may run at exit
  return *r;
}

bool IsTokenChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '+' || c == '/' || c == '=' || c == '-' || c == '_' ||
         c == '.' || c == '~' || c == '%';
}

bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// Replaces [begin, end) of `s` by kRedacted; returns the index just after the replacement.
std::size_t ReplaceRange(std::string& s, std::size_t begin, std::size_t end) {
  s.replace(begin, end - begin, kRedacted);
  return begin + kRedacted.size();
}

void RedactRegistered(std::string& s, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    for (std::size_t at = s.find(secret); at != std::string::npos; at = s.find(secret, at)) {
      at = ReplaceRange(s, at, at + secret.size());
    }
  }
}

// "-----BEGIN ... PRIVATE KEY-----" through its END line (or the end of the text).
void RedactPemKeys(std::string& s) {
  std::size_t at = 0;
  while ((at = s.find("-----BEGIN ", at)) != std::string::npos) {
    std::size_t header_end = s.find("-----", at + 11);
    if (header_end == std::string::npos) return;
    std::string_view header(s.data() + at, header_end - at);
    if (header.find("PRIVATE KEY") == std::string_view::npos) {
      at = header_end;
      continue;
    }
    std::size_t end = s.find("-----END ", header_end + 5);
    end = end == std::string::npos ? s.size() : s.find("-----", end + 9);
    end = end == std::string::npos ? s.size() : end + 5;
    at = ReplaceRange(s, at, end);
  }
}

// "Bearer <token>" (any case): the token goes, the scheme stays.
void RedactBearer(std::string& s) {
  for (std::size_t i = 0; i + 7 < s.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != 'b') continue;
    if (i > 0 && IsWordChar(s[i - 1])) continue;
    std::string word = s.substr(i, 6);
    std::transform(word.begin(), word.end(), word.begin(), ::tolower);
    if (word != "bearer" || s[i + 6] != ' ') continue;
    std::size_t b = s.find_first_not_of(' ', i + 6);
    std::size_t e = b;
    while (e < s.size() && IsTokenChar(s[e])) ++e;
    if (b != std::string::npos && e - b >= kMinKeyedValue) ReplaceRange(s, b, e);
  }
}

// A value following a secret-ish key and a ':' or '=' (JSON, YAML, query strings, headers,
// key=value logs): `"accessToken": "abc..."`, `aws_secret_access_key=...`.
void RedactKeyedValues(std::string& s) {
  std::string folded;  // lower-case letters and digits only, with a map back to `s`
  std::vector<std::size_t> origin;
  folded.reserve(s.size());
  origin.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '_' || c == '-') continue;
    folded.push_back(static_cast<char>(std::tolower(c)));
    origin.push_back(i);
  }
  struct Span { std::size_t b, e; };
  std::vector<Span> spans;
  for (std::string_view key : kSecretKeys) {
    for (std::size_t at = folded.find(key); at != std::string::npos;
         at = folded.find(key, at + 1)) {
      std::size_t i = origin[at + key.size() - 1] + 1;  // just after the key in `s`
      bool separator = false;
      while (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == ' ' || s[i] == ':' ||
                              s[i] == '=' || s[i] == '\\')) {
        separator |= s[i] == ':' || s[i] == '=';
        ++i;
      }
      if (!separator) continue;
      std::size_t e = i;
      while (e < s.size() && IsTokenChar(s[e])) ++e;
      if (e - i >= kMinKeyedValue) spans.push_back({i, e});
    }
  }
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.b > b.b; });
  std::size_t last_begin = std::string::npos;
  for (Span sp : spans) {
    if (sp.b == last_begin) continue;
    if (last_begin != std::string::npos && sp.e > last_begin) continue;  // overlaps
    ReplaceRange(s, sp.b, sp.e);
    last_begin = sp.b;
  }
}

// AWS session tokens anywhere (long base64 runs starting with a known header).
void RedactSessionTokens(std::string& s) {
  for (std::string_view prefix : kSessionTokenPrefixes) {
    for (std::size_t at = s.find(prefix); at != std::string::npos; at = s.find(prefix, at)) {
      std::size_t e = at;
      while (e < s.size() && IsTokenChar(s[e])) ++e;
      at = e - at >= 64 ? ReplaceRange(s, at, e) : e;
    }
  }
}

}  // namespace

void RegisterSecret(std::string_view secret) {
  if (secret.size() < kMinSecret) return;
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  std::set<std::string> all(r.secrets->begin(), r.secrets->end());
  all.emplace(secret);
  // Also its JSON-escaped form, as it would appear inside a logged JSON document.
  std::string escaped;
  for (char c : secret) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c);
  }
  all.insert(std::move(escaped));
  auto next = std::make_shared<std::vector<std::string>>(all.begin(), all.end());
  std::stable_sort(next->begin(), next->end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  r.secrets = std::move(next);
}

std::string Redact(std::string_view text) {
  std::shared_ptr<const std::vector<std::string>> secrets;
  {
    Registry& r = TheRegistry();
    std::lock_guard<std::mutex> lock(r.mu);
    secrets = r.secrets;
  }
  std::string s(text);
  RedactRegistered(s, *secrets);
  RedactPemKeys(s);
  RedactBearer(s);
  RedactKeyedValues(s);
  RedactSessionTokens(s);
  return s;
}

void ClearSecretsForTesting() {
  Registry& r = TheRegistry();
  std::lock_guard<std::mutex> lock(r.mu);
  r.secrets = std::make_shared<std::vector<std::string>>();
}

}  // namespace core
