// ScheduleListener: Ocean's scheduled resync (OCEAN__SCHEDULED_RESYNC_INTERVAL): a resync
// ("schedule") every `every`, the first one `every` after Start(), alongside any listener.
//
// Start() begins the loop on `executor`; Stop() ends it: no resync starts after Stop(), and the
// wait in progress is cut short. The loop waits for a resync it triggered to end.
//
// Thread-safety: Start(), Stop() and the loop run on `executor`'s thread; the listener and
// `trigger`'s state must outlive the loop (it ends soon after Stop()).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ocean/listeners/trigger.h"

namespace ocean::listeners {

class ScheduleListener {
 public:
  ScheduleListener(boost::asio::any_io_executor executor,
                   boost::asio::steady_timer::duration every, TriggerFn trigger);

  void Start();
  void Stop();

 private:
  boost::asio::awaitable<void> Loop();

  boost::asio::any_io_executor executor_;
  boost::asio::steady_timer::duration every_;
  TriggerFn trigger_;
  boost::asio::steady_timer timer_;
  bool stopped_ = false;
};

}  // namespace ocean::listeners
