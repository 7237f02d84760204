#include "aws/endpoints/endpoint_resolver.h"

#include <cctype>

#include "aws/endpoints/partitions.h"
#include "aws/net_names.h"

namespace aws::endpoints {
namespace {

struct GlobalEndpoint {
  std::string_view service;
  std::string_view partition;
  std::string_view host;
  std::string_view signing_region;
};

// From botocore 1.43's rule sets (see tools/gen_endpoint_goldens.py).
constexpr GlobalEndpoint kGlobal[] = {
    {"iam", "aws", "iam.amazonaws.com", "us-east-1"},
    {"iam", "aws-cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1"},
    {"iam", "aws-us-gov", "iam.us-gov.amazonaws.com", "us-gov-west-1"},
    {"organizations", "aws", "organizations.us-east-1.amazonaws.com", "us-east-1"},
    {"organizations", "aws-cn", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"organizations", "aws-us-gov", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"account", "aws", "account.us-east-1.amazonaws.com", "us-east-1"},
    {"account", "aws-cn", "account.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"account", "aws-us-gov", "account.us-gov-west-1.amazonaws.com", "us-gov-west-1"},
    {"cloudfront", "aws", "cloudfront.amazonaws.com", "us-east-1"},
    {"cloudfront", "aws-cn", "cloudfront.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1"},
    {"cloudfront", "aws-us-gov", "cloudfront.amazonaws.com", "us-gov-west-1"},
    {"route53", "aws", "route53.amazonaws.com", "us-east-1"},
    {"route53", "aws-cn", "route53.amazonaws.com.cn", "cn-northwest-1"},
    {"route53", "aws-us-gov", "route53.us-gov.amazonaws.com", "us-gov-west-1"},
};

bool IsTrue(std::string_view v) {
  std::string s(v);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "true";
}

bool Flag(const EndpointConfig& c, const char* env, std::string_view profile_key) {
  if (c.read_environment) {
    if (auto v = GetNonEmptyEnv(env)) return IsTrue(*v);
  }
  if (c.profile != nullptr) {
    if (const std::string* v = c.profile->Find(profile_key)) return IsTrue(*v);
  }
  return false;
}

// The configured endpoint URL for this service, or "".
std::string ConfiguredUrl(const model::ServiceMetadata& service, const EndpointConfig& c) {
  if (!c.endpoint_url.empty()) return c.endpoint_url;
  if (Flag(c, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "ignore_configured_endpoint_urls")) return "";
  if (c.read_environment) {
    std::string name = "AWS_ENDPOINT_URL_" + EnvServiceId(service.service_id);
    if (auto v = GetNonEmptyEnv(name.c_str())) return *v;
    if (auto v = GetNonEmptyEnv("AWS_ENDPOINT_URL")) return *v;
  }
  if (c.profile != nullptr) {
    const std::string* services = c.profile->Find("services");
    if (services != nullptr && c.shared_config != nullptr) {
      if (const ConfigSection* s = c.shared_config->FindServices(*services)) {
        std::string key = ConfigServiceId(service.service_id);
        if (const std::string* v = s->FindSub(key, "endpoint_url")) {
          return *v;
        }
      }
    }
    if (const std::string* v = c.profile->Find("endpoint_url"); v != nullptr && !v->empty()) {
      return *v;
    }
  }
  return "";
}

std::string SigningName(const model::ServiceMetadata& s) {
  return s.signing_name.empty() ? s.endpoint_prefix : s.signing_name;
}

}  // namespace

std::string EnvServiceId(std::string_view service_id) {
  std::string out;
  for (char c : service_id) {
    out += c == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string ConfigServiceId(std::string_view service_id) {
  std::string out;
  for (char c : service_id) {
    out += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

core::Result<Endpoint> ResolveEndpoint(const model::ServiceMetadata& service,
                                       std::string_view region, const EndpointConfig& config) {
  const std::string name = service.service_name;
  if (!IsValidRegionName(region)) {
    return core::Status::InvalidArgument(name + ": invalid region '" + std::string(region) + "'");
  }
  Endpoint ep;
  ep.signing_name = SigningName(service);
  ep.signing_region = std::string(region);

  if (std::string url = ConfiguredUrl(service, config); !url.empty()) {
    auto parsed = ParseUrl(url);
    if (!parsed.ok() || (parsed->scheme != "http" && parsed->scheme != "https")) {
      return core::Status::InvalidArgument(name + ": endpoint URL '" + url +
                                           "' is not an http(s) URL");
    }
    while (!url.empty() && url.back() == '/') url.pop_back();
    ep.url = std::move(url);
    ep.overridden = true;
    return ep;
  }
  bool fips = config.use_fips || Flag(config, "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint");
  bool dual = config.use_dual_stack ||
              Flag(config, "AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint");
  if (fips || dual) {
    return core::Status::InvalidArgument(
        name + ": FIPS and dual-stack endpoints are not resolved automatically; set "
        "AWS_ENDPOINT_URL_" + EnvServiceId(service.service_id) + " to the endpoint to use");
  }

  const Partition& partition = PartitionForRegion(region);
  for (const auto& g : kGlobal) {
    if (g.service == name && g.partition == partition.id) {
      ep.url = "https://" + std::string(g.host);
      ep.signing_region = std::string(g.signing_region);
      return ep;
    }
  }
  if ((name == "sts" || name == "s3") && region == partition.global_pseudo_region) {
    ep.url = "https://" + service.endpoint_prefix + "." + std::string(partition.dns_suffix);
    ep.signing_region = std::string(partition.global_region);
    return ep;
  }
  if (name == "s3" && region == "us-east-1") {
    ep.url = "https://s3.amazonaws.com";
    return ep;
  }
  ep.url = "https://" + service.endpoint_prefix + "." + std::string(region) + "." +
           std::string(partition.dns_suffix);
  return ep;
}

}  // namespace aws::endpoints
