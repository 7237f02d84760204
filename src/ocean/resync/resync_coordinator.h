// ResyncCoordinator: runs resyncs one at a time, newest wins (Ocean §2.6).
//
// Trigger() aborts a running resync (its AbortSignal), waits for it to finish (an aborted resync
// deletes nothing and reports "aborted"), then runs the new one. When several triggers arrive
// while one is running, only the newest runs; the superseded ones complete at once with an
// aborted report. AbortRunning() (SIGTERM/SIGINT) aborts without starting anything.
//
// Thread-safety: all members are called on one event loop (the strand of the listeners and
// the HTTP server); AbortRunning may also be called from a signal_set handler on that loop.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <optional>
#include <string>

#include "ocean/resync/abort_signal.h"
#include "ocean/resync/resync_report.h"

namespace ocean {

class ResyncCoordinator {
 public:
  using RunFn = std::function<boost::asio::awaitable<ResyncReport>(std::string trigger,
                                                                   AbortSignalPtr abort)>;

  ResyncCoordinator(boost::asio::any_io_executor executor, RunFn run);

  boost::asio::awaitable<ResyncReport> Trigger(std::string trigger);
  void AbortRunning(std::string reason);

  bool running() const { return running_; }
  const std::optional<ResyncReport>& last() const { return last_; }
  long completed_runs() const { return completed_runs_; }

 private:
  boost::asio::any_io_executor executor_;
  RunFn run_;
  bool running_ = false;
  AbortSignalPtr current_abort_;
  unsigned long generation_ = 0;
  boost::asio::steady_timer idle_;  // cancelled whenever a resync ends, to wake waiters
  std::optional<ResyncReport> last_;
  long completed_runs_ = 0;
};

}  // namespace ocean
