// Endpoint resolution: which URL a service is called at in a region, and the region and name
// its requests are signed with. A pragmatic subset of the SDKs' endpoint rule sets, checked
// against botocore for every service ocean-aws calls (tests/aws/endpoints/endpoints.json):
//   - default: https://{endpointPrefix}.{region}.{dnsSuffix}, signed for {region}
//   - global services: iam, route53, organizations and account live at one endpoint per
//     partition and are signed for that endpoint's region (iam.amazonaws.com / us-east-1, ...)
//   - sts is regional (as current SDKs); the "aws-global" pseudo-region gives sts.amazonaws.com
//   - s3 in us-east-1 is s3.amazonaws.com; bucket addressing is in s3_addressing.h
// Overrides (the SDKs' "service-specific endpoints" feature), first match wins:
//   EndpointConfig::endpoint_url, then unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the
//   profile's ignore_configured_endpoint_urls): AWS_ENDPOINT_URL_<SERVICE_ID> (serviceId upper-
//   cased, spaces -> '_'), AWS_ENDPOINT_URL, the profile's `services` section
//   (<service_id lower, spaces -> '_'> = \n endpoint_url = ...), the profile's endpoint_url.
//   With an override the request is signed for the request's region.
// FIPS and dual-stack endpoints follow per-service rules that differ too much to guess (botocore
// shows eks -> fips.eks..., GovCloud without -fips for half the services): asking for them is an
// error suggesting an explicit AWS_ENDPOINT_URL_<SERVICE_ID>.
//
// Thread-safety: pure functions (they read the environment when EndpointConfig asks to).
#pragma once

#include <string>
#include <string_view>

#include "aws/auth/shared_config.h"
#include "aws/model/shape.h"
#include "core/result.h"

namespace aws::endpoints {

struct EndpointConfig {
  std::string endpoint_url;              // explicit override from our own configuration
  bool read_environment = true;          // AWS_ENDPOINT_URL*, AWS_USE_FIPS/DUALSTACK_ENDPOINT
  const Profile* profile = nullptr;      // for endpoint_url / services / use_*_endpoint
  const SharedConfig* shared_config = nullptr;  // to find the profile's [services x] section
  bool use_fips = false;
  bool use_dual_stack = false;
};

struct Endpoint {
  std::string url;             // scheme://host[:port][/base path], no trailing '/'
  std::string signing_region;
  std::string signing_name;
  bool overridden = false;     // came from an endpoint_url setting
};

core::Result<Endpoint> ResolveEndpoint(const model::ServiceMetadata& service,
                                       std::string_view region, const EndpointConfig& config);

// "Elastic Load Balancing v2" -> "ELASTIC_LOAD_BALANCING_V2" (the AWS_ENDPOINT_URL_ suffix).
std::string EnvServiceId(std::string_view service_id);
// "Elastic Load Balancing v2" -> "elastic_load_balancing_v2" (the services-section key).
std::string ConfigServiceId(std::string_view service_id);

}  // namespace aws::endpoints
