// TransportOptions: how the HTTP transport connects (timeouts, connection pool, TLS, proxies).
//
// FromEnvironment() reads the variables botocore/requests honour: HTTPS_PROXY, HTTP_PROXY,
// NO_PROXY (lowercase wins over uppercase, as in curl and requests), and the CA bundle from
// AWS_CA_BUNDLE, else SSL_CERT_FILE. The transport applies proxies explicitly per request instead
// of letting libcurl read the environment, because libcurl ignores uppercase HTTP_PROXY (the
// "httpoxy" guard) while AWS SDK users expect it to work. OCEAN_AWS_MAX_RESPONSE_BYTES (a
// positive integer) sets max_response_bytes; an invalid value keeps the default (logged).
//
// Thread-safety: a plain value.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace net {

struct ProxySettings {
  std::string http_proxy;   // used for http:// URLs; "" = direct
  std::string https_proxy;  // used for https:// URLs; "" = direct
  std::string no_proxy;     // curl NOPROXY syntax: "host,.domain,10.0.0.0/8" or "*"
};

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10'000};  // also bounded by each request's timeout
  // Connection pool. 0 = libcurl's default (unlimited per host; cache grows with transfers).
  long max_host_connections = 0;
  long max_total_connections = 0;
  long max_cached_connections = 0;
  bool http2 = false;  // negotiate HTTP/2 over TLS (multiplexing) when the server offers it
  bool accept_compressed = false;  // send Accept-Encoding and decode gzip/deflate bodies

  // TLS. Verification is on unless a test turns it off explicitly.
  bool verify_tls = true;
  std::string ca_bundle;  // path to a PEM bundle; "" = the system store

  ProxySettings proxy;

  // The largest response body accepted, counted while receiving: a bigger one is aborted as
  // soon as it crosses the limit (a non-retried RemoteError naming the limit and
  // OCEAN_AWS_MAX_RESPONSE_BYTES), so a hostile or broken endpoint cannot grow memory without
  // bound. 64 MiB: AWS list pages and Port's entity pages are a few MiB at most, so it is
  // generous, and one such body (parsed at about twice its size) still fits the 256 MB target.
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  static constexpr std::size_t kDefaultMaxResponseBytes = 64u << 20;

  // Defaults plus the proxy, CA bundle and body limit settings from the environment.
  static TransportOptions FromEnvironment();
};

// Reads HTTPS_PROXY/https_proxy, HTTP_PROXY/http_proxy, NO_PROXY/no_proxy.
ProxySettings ProxySettingsFromEnvironment();
// AWS_CA_BUNDLE, else SSL_CERT_FILE, else "".
std::string CaBundleFromEnvironment();

}  // namespace net
