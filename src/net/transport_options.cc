#include "net/transport_options.h"

#include <charconv>
#include <cstdlib>
#include <string_view>

#include "core/log.h"

namespace net {
namespace {

// The first non-empty variable among `names`, else "".
std::string FirstEnv(std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
  }
  return "";
}

}  // namespace

ProxySettings ProxySettingsFromEnvironment() {
  ProxySettings p;
  p.https_proxy = FirstEnv({"https_proxy", "HTTPS_PROXY"});
  p.http_proxy = FirstEnv({"http_proxy", "HTTP_PROXY"});
  p.no_proxy = FirstEnv({"no_proxy", "NO_PROXY"});
  return p;
}

std::string CaBundleFromEnvironment() { return FirstEnv({"AWS_CA_BUNDLE", "SSL_CERT_FILE"}); }

TransportOptions TransportOptions::FromEnvironment() {
  TransportOptions o;
  o.proxy = ProxySettingsFromEnvironment();
  o.ca_bundle = CaBundleFromEnvironment();
  if (const char* limit = std::getenv("OCEAN_AWS_MAX_RESPONSE_BYTES"); limit && *limit) {
    std::size_t n = 0;
    std::string_view text(limit);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && n > 0) {
      o.max_response_bytes = n;
    } else {
      LOG_WARN("OCEAN_AWS_MAX_RESPONSE_BYTES='{}' is not a positive integer; the limit stays {} "
               "bytes", text, o.max_response_bytes);
    }
  }
  return o;
}

}  // namespace net
