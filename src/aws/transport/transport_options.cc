#include "aws/transport/transport_options.h"

#include <cstdlib>

namespace aws {
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
  return o;
}

}  // namespace aws
