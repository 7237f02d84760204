// Building the Port client from the process settings.
//
// Thread-safety: pure functions; the client lives on the transport's io_context.
#pragma once

#include <memory>

#include "net/http_transport.h"
#include "net/transport_options.h"
#include "ocean/config/settings.h"
#include "ocean/port/port_client.h"
#include "ocean/port/port_http.h"

namespace ocean::port {

// Base URL, credentials and both User-Agents (ocean::PortUserAgent for entity writes, the same
// without "/exporter" for the other calls).
PortHttpOptions PortHttpOptionsFromSettings(const OceanSettings& settings);

// Proxies and CA bundle from the environment; TLS verification per OCEAN__SSL__PORT__VERIFY
// (on by default).
net::TransportOptions PortTransportOptions(const OceanSettings& settings);

// A client for settings.integration_identifier on `transport` (e.g. net::MakeCurlTransport(io,
// PortTransportOptions(settings))).
std::shared_ptr<PortClient> MakePortClient(net::HttpTransportPtr transport,
                                           const OceanSettings& settings);

}  // namespace ocean::port
