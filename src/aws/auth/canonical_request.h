// The pieces of a SigV4 canonical request (see sigv4.h for the rules), exposed for sigv4.cc and
// for focused tests. Not part of the engine's API: use aws::sigv4::CanonicalRequest().
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/auth/sigv4.h"
#include "aws/net_names.h"

namespace aws::sigv4::internal {

// `path` is the URL's (encoded) path. s3: returned as is ("/" when empty). Otherwise dot
// segments are removed and empty segments collapsed (RFC 3986 5.2.4, keeping a trailing '/'),
// then every segment is percent-encoded again.
std::string CanonicalUri(std::string_view path, bool s3);

// `query` is the URL's query without '?'.
std::string CanonicalQuery(std::string_view query);

// Header value as signed: leading/trailing whitespace dropped, inner runs (including the line
// breaks of folded values) collapsed to one space.
std::string CanonicalHeaderValue(std::string_view value);

// The canonical headers block ("name:value\n" per distinct name, sorted) of `headers`, plus
// `host_header` as "host" when `headers` has no Host. `signed_headers` gets "a;b;c".
std::string CanonicalHeaders(const Headers& headers, std::string_view host_header,
                             std::string* signed_headers);

// CanonicalHeaders() appended to `block` and `names` (no string per header).
void AppendCanonicalHeaders(const Headers& headers, std::string_view host_header,
                            std::string& block, std::string& names);

// The x-amz-content-sha256 header when the request carries one, else UNSIGNED-PAYLOAD when
// p.unsigned_payload, else the hex SHA-256 of the body.
std::string PayloadHash(const HttpRequest& req, const SigningParams& p);

// CanonicalRequest() of a request whose URL is already parsed into `url`.
std::string CanonicalRequestOf(const HttpRequest& req, const ParsedUrl& url,
                               const SigningParams& p, std::string* signed_headers);

}  // namespace aws::sigv4::internal
