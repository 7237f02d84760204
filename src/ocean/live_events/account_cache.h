// AccountCache: the accounts live events act in, from the same account discovery as resyncs
// (single account, role ARN list or Organizations), kept between events.
//
// Find(id) answers from the last discovery when it is younger than `ttl`; otherwise, or when
// `id` is not in it (an account added since), it discovers again (at most once per
// `miss_interval` for unknown ids, so a burst of events for a foreign account does not turn
// into a burst of STS calls). Role credentials are the discovery's providers, which cache and
// refresh their session credentials themselves. Concurrent Find()s share one discovery.
//
// Thread-safety: one event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "catalog/integration_config.h"
#include "catalog/source.h"

namespace ocean::live_events {

class AccountCache {
 public:
  AccountCache(catalog::Source& source, catalog::IntegrationConfig integration,
               std::chrono::seconds ttl = std::chrono::minutes(15),
               std::chrono::seconds miss_interval = std::chrono::seconds(60));

  // The account's session; NotFound when discovery does not know it; discovery errors as is.
  // The pointer is valid until the next Find().
  boost::asio::awaitable<core::Result<catalog::AccountSession>> Find(const std::string& id);

 private:
  boost::asio::awaitable<core::Status> Refresh();

  catalog::Source& source_;
  catalog::IntegrationConfig integration_;
  std::chrono::seconds ttl_, miss_interval_;
  std::unique_ptr<catalog::SourceRun> found_;  // the last discovery that succeeded
  std::chrono::steady_clock::time_point discovered_at_{};
  bool refreshing_ = false;
};

}  // namespace ocean::live_events
