// Shared set-up for the Port tests: a FakePortApi, a PortHttp/PortClient talking to it over the
// real curl transport, a recording sleeper (no real waits) and a fake clock.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "net/curl_transport.h"
#include "fakes/fake_clock.h"
#include "fakes/fake_port_api.h"
#include "fakes/run_coro.h"
#include "ocean/port/port_client.h"
#include "ocean/port/port_http.h"

namespace ocean::port::testing {

inline constexpr char kUserAgent[] = "port-ocean/aws-v3/1.2.3/my-aws";
inline constexpr char kEntityUserAgent[] = "port-ocean/aws-v3/1.2.3/my-aws/exporter";
inline constexpr char kIntegrationId[] = "my-aws";

inline testing_fakes::FakePortApi::Options FakeOptions() {
  testing_fakes::FakePortApi::Options o;
  o.entity_user_agent = kEntityUserAgent;
  return o;
}

class PortFixture {
 public:
  explicit PortFixture(testing_fakes::FakePortApi::Options fake_options = FakeOptions())
      : fake(std::move(fake_options)) {}

  PortHttpOptions Options() const {
    PortHttpOptions o;
    o.base_url = fake.base_url();
    o.client_id = "fake-client-id";
    o.client_secret = "fake-client-secret-value";
    o.user_agent = kUserAgent;
    o.entity_user_agent = kEntityUserAgent;
    o.timeout = std::chrono::milliseconds(5000);
    return o;
  }

  std::shared_ptr<PortHttp> MakeHttp(PortHttpOptions options) {
    auto sleeper = [this](std::chrono::milliseconds d) -> boost::asio::awaitable<void> {
      sleeps.push_back(d);
      co_return;
    };
    return std::make_shared<PortHttp>(net::MakeCurlTransport(io), std::move(options), clock,
                                      sleeper);
  }
  std::shared_ptr<PortHttp> MakeHttp() { return MakeHttp(Options()); }

  std::shared_ptr<PortClient> MakeClient() {
    return std::make_shared<PortClient>(MakeHttp(), kIntegrationId);
  }

  template <typename T>
  T Await(boost::asio::awaitable<T> work) {
    return testing_fakes::RunCoro(io, std::move(work));
  }

  testing_fakes::FakePortApi fake;
  testing_fakes::FakeClock clock;
  boost::asio::io_context io;
  std::vector<std::chrono::milliseconds> sleeps;
};

}  // namespace ocean::port::testing
