#include "ocean/port/port_factory.h"

namespace ocean::port {

namespace {
constexpr std::string_view kExporterSuffix = "/exporter";
}

PortHttpOptions PortHttpOptionsFromSettings(const OceanSettings& settings) {
  PortHttpOptions o;
  o.base_url = settings.port.base_url;
  o.client_id = settings.port.client_id;
  o.client_secret = settings.port.client_secret;
  o.entity_user_agent = PortUserAgent(settings);
  o.user_agent = o.entity_user_agent;
  if (o.user_agent.ends_with(kExporterSuffix)) {
    o.user_agent.resize(o.user_agent.size() - kExporterSuffix.size());
  }
  return o;
}

net::TransportOptions PortTransportOptions(const OceanSettings& settings) {
  net::TransportOptions o = net::TransportOptions::FromEnvironment();
  o.verify_tls = settings.port.verify_tls;
  return o;
}

std::shared_ptr<PortClient> MakePortClient(net::HttpTransportPtr transport,
                                           const OceanSettings& settings) {
  auto http = std::make_shared<PortHttp>(std::move(transport), PortHttpOptionsFromSettings(settings));
  return std::make_shared<PortClient>(std::move(http), settings.integration_identifier);
}

}  // namespace ocean::port
