#include "app/runtime.h"

namespace app {

Runtime::Runtime(const std::string& endpoint_url, const std::string& default_region) {
  transport = net::MakeCurlTransport(io, net::TransportOptions::FromEnvironment());
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint_url;
  client = std::make_unique<aws::AwsClient>(io, transport, opts);
  sts = std::make_shared<aws::EngineStsApi>(*client, default_region);
  source = std::make_unique<catalog::Source>(*client, sts, transport);
}

}  // namespace app
