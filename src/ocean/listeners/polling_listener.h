// PollingListener: Ocean's POLLING event listener. Every `every`, asks Port for the
// integration's resync request (port::ResyncRequestPoller) and resyncs ("polling") when it was
// updated since the last one. A failed poll is logged and skipped until the next round.
//
// Start() begins the loop on `executor`; Stop() ends it: no resync starts after Stop(), and a
// sleep in progress is cut short. The loop waits for a resync it triggered to end.
//
// Thread-safety: Start(), Stop() and the loop run on `executor`'s thread. The listener, the
// Port client and `trigger`'s state must outlive the loop (it ends soon after Stop()).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>

#include "ocean/listeners/trigger.h"
#include "ocean/port/port_client.h"

namespace ocean::listeners {

class PollingListener {
 public:
  PollingListener(boost::asio::any_io_executor executor, port::PortClient& port,
                  std::chrono::seconds every, TriggerFn trigger);

  void Start();
  void Stop();

 private:
  boost::asio::awaitable<void> Loop();

  boost::asio::any_io_executor executor_;
  port::PortClient& port_;
  std::chrono::seconds every_;
  TriggerFn trigger_;
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
};

}  // namespace ocean::listeners
