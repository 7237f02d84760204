// See polling_listener.h.
#include "ocean/listeners/polling_listener.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/log.h"
#include "core/sleep.h"
#include "ocean/port/resync_poller.h"

namespace ocean::listeners {

namespace asio = boost::asio;

PollingListener::PollingListener(asio::any_io_executor executor, port::PortClient& port,
                                 std::chrono::seconds every, TriggerFn trigger)
    : executor_(executor), port_(port), every_(every), trigger_(std::move(trigger)),
      timer_(executor) {}

void PollingListener::Start() { asio::co_spawn(executor_, Loop(), asio::detached); }

void PollingListener::Stop() {
  stopped_ = true;
  timer_.cancel();
}

asio::awaitable<void> PollingListener::Loop() {
  port::ResyncRequestPoller poller(port_);
  while (!stopped_) {
    core::Result<std::optional<std::string>> polled = co_await poller.Poll();
    if (!polled.ok()) {
      LOG_WARN("polling Port's resync request failed, skipping this round: {}",
               polled.status().message());
    } else if (*polled && !stopped_) {
      LOG_INFO("Port's resync request was updated at {}: resyncing", **polled);
      (void)co_await trigger_("polling");
    }
    if (stopped_ || !co_await core::SleepFor(timer_, every_)) break;
  }
}

}  // namespace ocean::listeners
