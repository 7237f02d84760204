#include "aws/auth/sigv4.h"

#include <strings.h>

#include <algorithm>
#include <utility>
#include <unordered_map>

#include "aws/auth/canonical_request.h"
#include "aws/auth/crypto.h"
#include "aws/net_names.h"

namespace aws::sigv4 {
namespace {

constexpr std::chrono::seconds kMaxPresignExpiry{7 * 24 * 3600};

std::string DateStamp(const SigningParams& p) { return core::FormatAmzDate(p.time).substr(0, 8); }

// Checks everything Sign()/Presign() can reject, so that they fail before touching the request.
// Messages name what is missing, never a credential's value.
core::Result<ParsedUrl> Validate(const HttpRequest& req, const Credentials& creds,
                                 const SigningParams& p) {
  if (creds.access_key_id.empty()) return core::Status::InvalidArgument("sigv4: empty access key");
  if (creds.secret_access_key.empty()) return core::Status::InvalidArgument("sigv4: empty secret");
  if (p.region.empty()) return core::Status::InvalidArgument("sigv4: empty signing region");
  if (p.service.empty()) return core::Status::InvalidArgument("sigv4: empty signing service");
  auto url = ParseUrl(req.url);
  if (!url.ok()) return url.status().WithContext("sigv4");
  return url;
}

void RemoveHeader(Headers& headers, std::string_view name) {
  std::erase_if(headers, [name](const auto& h) {
    return h.first.size() == name.size() &&
           strncasecmp(h.first.data(), name.data(), name.size()) == 0;
  });
}

void AddHostIfMissing(HttpRequest& req, const ParsedUrl& url) {
  bool found = false;
  FindHeader(req.headers, "host", &found);
  if (!found) req.headers.emplace_back("Host", url.HostHeader());
}

void Finish(SigningTrace* trace, std::string creq, std::string sts, std::string signature) {
  if (trace == nullptr) return;
  trace->canonical_request = std::move(creq);
  trace->string_to_sign = std::move(sts);
  trace->signature = std::move(signature);
}

// core::FormatAmzDate(t), formatted once per second and thread (snprintf cost ~0.5 us, and a
// stream of requests signs many times within one second).
std::string AmzDate(core::Timestamp t) {
  constexpr int64_t kMicros = 1'000'000;
  if (t.micros < 0) return core::FormatAmzDate(t);  // before 1970: not worth a cache
  const int64_t second = t.micros / kMicros;
  thread_local int64_t cached_second = 0;
  thread_local std::string cached;
  if (cached.empty() || cached_second != second) {
    cached = core::FormatAmzDate(t);
    cached_second = second;
  }
  return cached;
}

// The signing time's two spellings and the credential scope, formatted once per signature.
struct Scope {
  explicit Scope(const SigningParams& p) : amz_date(AmzDate(p.time)) {
    scope.reserve(amz_date.size() + p.region.size() + p.service.size() + 16);
    scope.append(std::string_view(amz_date).substr(0, 8)).append("/").append(p.region);
    scope.append("/").append(p.service).append("/aws4_request");
  }
  std::string amz_date;  // 20150830T123600Z
  std::string scope;     // 20150830/us-east-1/service/aws4_request
};

std::string StringToSignIn(std::string_view canonical_request, const Scope& s) {
  std::string out;
  out.reserve(kAlgorithm.size() + s.amz_date.size() + s.scope.size() + 3 + 64);
  out.append(kAlgorithm).push_back('\n');
  out.append(s.amz_date).push_back('\n');
  out.append(s.scope).push_back('\n');
  out.append(crypto::Sha256Hex(canonical_request));
  return out;
}

}  // namespace

std::string CredentialScope(const SigningParams& p) { return Scope(p).scope; }

std::string StringToSign(std::string_view canonical_request, const SigningParams& p) {
  return StringToSignIn(canonical_request, Scope(p));
}

std::string SigningKey(std::string_view secret_key, const SigningParams& p) {
  std::string seed = "AWS4";
  seed.append(secret_key);
  crypto::Digest k = crypto::HmacSha256(seed, DateStamp(p));
  // Best effort: the secret should not linger in a freed heap block.
  std::fill(seed.begin(), seed.end(), '\0');
  k = crypto::HmacSha256(crypto::AsBytes(k), p.region);
  k = crypto::HmacSha256(crypto::AsBytes(k), p.service);
  k = crypto::HmacSha256(crypto::AsBytes(k), "aws4_request");
  return std::string(crypto::AsBytes(k));
}

// The signing key depends only on (secret, day, region, service): derived once per thread and
// scope instead of four HMACs per request (issue 13.2). A per-thread table, cleared when full.
namespace {
const std::string& CachedSigningKey(std::string_view secret_key, const SigningParams& p,
                                    const Scope& s) {
  thread_local std::unordered_map<std::string, std::string> cache;  // scope NUL secret -> key
  thread_local std::string id;
  id.assign(s.scope).push_back('\0');
  id.append(secret_key);
  auto it = cache.find(id);
  if (it == cache.end()) {
    if (cache.size() >= 4096) cache.clear();
    it = cache.emplace(id, SigningKey(secret_key, p)).first;
  }
  std::fill(id.begin(), id.end(), '\0');  // best effort, as in SigningKey
  return it->second;
}

std::string SignatureIn(std::string_view secret_key, std::string_view string_to_sign,
                        const SigningParams& p, const Scope& s) {
  return crypto::HexEncode(
      crypto::HmacSha256(CachedSigningKey(secret_key, p, s), string_to_sign));
}
}  // namespace

std::string Signature(std::string_view secret_key, std::string_view string_to_sign,
                      const SigningParams& p) {
  return SignatureIn(secret_key, string_to_sign, p, Scope(p));
}

core::Status Sign(HttpRequest& req, const Credentials& creds, const SigningParams& p,
                  SigningTrace* trace) {
  auto url = Validate(req, creds, p);
  if (!url.ok()) return url.status();

  const Scope scope(p);
  RemoveHeader(req.headers, "authorization");
  SetHeader(req.headers, "X-Amz-Date", scope.amz_date);
  AddHostIfMissing(req, *url);
  if (creds.session_token.empty() || !p.sign_security_token) {
    RemoveHeader(req.headers, "x-amz-security-token");
  } else {
    SetHeader(req.headers, "X-Amz-Security-Token", creds.session_token);
  }
  if (p.s3) {
    bool found = false;
    FindHeader(req.headers, "x-amz-content-sha256", &found);
    if (!found) SetHeader(req.headers, "x-amz-content-sha256", internal::PayloadHash(req, p));
  }

  std::string signed_headers;
  std::string creq = internal::CanonicalRequestOf(req, *url, p, &signed_headers);
  std::string sts = StringToSignIn(creq, scope);
  std::string signature = SignatureIn(creds.secret_access_key, sts, p, scope);

  std::string authz;
  authz.reserve(kAlgorithm.size() + creds.access_key_id.size() + scope.scope.size() +
                signed_headers.size() + signature.size() + 40);
  authz.append(kAlgorithm).append(" Credential=").append(creds.access_key_id);
  authz.append("/").append(scope.scope);
  authz.append(", SignedHeaders=").append(signed_headers);
  authz.append(", Signature=").append(signature);
  req.headers.emplace_back("Authorization", std::move(authz));
  if (!creds.session_token.empty() && !p.sign_security_token) {
    req.headers.emplace_back("X-Amz-Security-Token", creds.session_token);
  }
  Finish(trace, std::move(creq), std::move(sts), std::move(signature));
  return core::Status::Ok();
}

core::Status Presign(HttpRequest& req, const Credentials& creds, const SigningParams& p,
                     std::chrono::seconds expires, SigningTrace* trace) {
  auto url = Validate(req, creds, p);
  if (!url.ok()) return url.status();
  if (expires < std::chrono::seconds(1) || expires > kMaxPresignExpiry) {
    return core::Status::InvalidArgument("sigv4: presign expiry must be within 1 s and 7 days");
  }
  AddHostIfMissing(req, *url);
  SigningParams qp = p;
  qp.unsigned_payload = p.unsigned_payload || p.s3;

  std::string signed_headers;
  CanonicalRequest(req, qp, &signed_headers);  // only for the header list; no query involved
  std::vector<std::pair<std::string, std::string>> params = {
      {"X-Amz-Algorithm", std::string(kAlgorithm)},
      {"X-Amz-Credential", creds.access_key_id + "/" + CredentialScope(p)},
      {"X-Amz-Date", core::FormatAmzDate(p.time)},
      {"X-Amz-Expires", std::to_string(expires.count())},
      {"X-Amz-SignedHeaders", signed_headers},
  };
  if (!creds.session_token.empty() && p.sign_security_token) {
    params.emplace_back("X-Amz-Security-Token", creds.session_token);
  }
  auto append = [&req](const std::vector<std::pair<std::string, std::string>>& kv) {
    char sep = req.url.find('?') == std::string::npos ? '?' : '&';
    if (req.url.back() == '?' || req.url.back() == '&') sep = '\0';
    if (sep != '\0') req.url.push_back(sep);
    req.url.append(BuildQueryString(kv));
  };
  append(params);

  std::string creq = CanonicalRequest(req, qp);
  std::string sts = StringToSign(creq, p);
  std::string signature = Signature(creds.secret_access_key, sts, p);
  append({{"X-Amz-Signature", signature}});
  if (!creds.session_token.empty() && !p.sign_security_token) {
    append({{"X-Amz-Security-Token", creds.session_token}});
  }
  Finish(trace, std::move(creq), std::move(sts), std::move(signature));
  return core::Status::Ok();
}

}  // namespace aws::sigv4
