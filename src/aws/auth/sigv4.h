// AWS Signature Version 4 (SigV4), split into the stages AWS's published test suite checks:
//
//   HttpRequest --CanonicalRequest()--> text --StringToSign()--> text --Signature()--> hex
//                                                                       ^ SigningKey(secret)
//   Sign()    = all three, then the headers X-Amz-Date, [X-Amz-Security-Token],
//               [x-amz-content-sha256], [Host] and Authorization are set on the request.
//   Presign() = the same in query mode: X-Amz-* parameters and X-Amz-Signature go into the URL.
//
// Canonicalization follows the AWS rules (tests/aws/sigv4 holds the suite):
// - URI: the URL's path (already percent-encoded once) with dot segments removed and empty
//   segments collapsed, then percent-encoded *again* ("double encoding"). S3 (`s3 = true`) uses
//   the path exactly as it is in the URL: no normalization, no second encoding.
// - Query: every `k=v` is decoded and re-encoded with the RFC 3986 unreserved set, then sorted by
//   key, then value; a bare `k` is `k=`.
// - Headers: names lowercased, values trimmed with inner whitespace runs (folded lines too)
//   collapsed to one space, repeated names joined with ','; sorted by name. Headers a proxy or
//   the transport may rewrite (see kUnsignedHeaders in canonical_request.cc) are not signed.
// - Payload: lowercase hex SHA-256 of the body, or the value of an x-amz-content-sha256 header
//   the caller set (e.g. "UNSIGNED-PAYLOAD").
//
// Security: the secret key is used only as HMAC key material. No function here logs, and no
// returned Status or produced header contains the secret key. The session token is a signed
// header value by design, so it does appear in canonical requests and in the request.
//
// Thread-safety: pure functions over their arguments; safe from any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/auth/credentials.h"
#include "aws/net_names.h"
#include "core/status.h"
#include "core/timestamp.h"

namespace aws::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

struct SigningParams {
  std::string region;   // "us-east-1"
  std::string service;  // the signing name: "ec2", "s3", "execute-api"
  core::Timestamp time;  // taken from an injected core::Clock by the caller
  // S3 rules: no path normalization, no double encoding, x-amz-content-sha256 always sent.
  bool s3 = false;
  // With s3: sign x-amz-content-sha256: UNSIGNED-PAYLOAD instead of the body's hash.
  bool unsigned_payload = false;
  // false: X-Amz-Security-Token is added after signing and so is not signed (a few services
  // want that; the suite's post-sts-header-after case).
  bool sign_security_token = true;
};

// The intermediate products of one signing, for tests and debugging. The canonical request
// contains the session token when it is signed; treat a trace like the request itself.
struct SigningTrace {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lowercase hex
};

// The canonical request of `req` exactly as it is (nothing is added). `signed_headers`, when
// given, receives the ';'-joined lowercase names of the signed headers.
// REQUIRES: req.url parses (ParseUrl); an unparsable URL yields a canonical request with an
// empty host and path "/", which will simply not verify. Sign() reports it as an error instead.
std::string CanonicalRequest(const HttpRequest& req, const SigningParams& p,
                             std::string* signed_headers = nullptr);

// "20150830/us-east-1/service/aws4_request".
std::string CredentialScope(const SigningParams& p);

// "AWS4-HMAC-SHA256\n<amz-date>\n<scope>\n<hex sha256 of canonical request>".
std::string StringToSign(std::string_view canonical_request, const SigningParams& p);

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request").
// Raw 32 bytes. Callers that sign many requests may cache it per (secret, day, region, service).
std::string SigningKey(std::string_view secret_key, const SigningParams& p);

// Lowercase hex HMAC(SigningKey(secret_key, p), string_to_sign).
std::string Signature(std::string_view secret_key, std::string_view string_to_sign,
                      const SigningParams& p);

// Signs `req` in place with an Authorization header. Replaces any X-Amz-Date, Authorization and
// X-Amz-Security-Token already present (so a retry may re-sign the same request); adds Host from
// the URL when the request carries none; with s3, adds x-amz-content-sha256 unless the caller
// set one (e.g. for a streaming payload). Errors (InvalidArgument): unparsable URL, empty access
// key, secret, region or service. On error `req` is unchanged.
core::Status Sign(HttpRequest& req, const Credentials& creds, const SigningParams& p,
                  SigningTrace* trace = nullptr);

// Presigns `req` (query-string auth): appends X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
// X-Amz-Expires, X-Amz-SignedHeaders, [X-Amz-Security-Token] and finally X-Amz-Signature to
// req.url. The payload hash is UNSIGNED-PAYLOAD for S3, the body's hash otherwise. Adds Host
// like Sign(). `expires` must be in [1 s, 7 days]. Errors as Sign().
core::Status Presign(HttpRequest& req, const Credentials& creds, const SigningParams& p,
                     std::chrono::seconds expires, SigningTrace* trace = nullptr);

}  // namespace aws::sigv4
