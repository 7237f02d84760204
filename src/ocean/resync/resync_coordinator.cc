#include "ocean/resync/resync_coordinator.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.h"

namespace ocean {

namespace asio = boost::asio;

ResyncCoordinator::ResyncCoordinator(asio::any_io_executor executor, RunFn run)
    : executor_(executor), run_(std::move(run)), idle_(executor) {
  idle_.expires_at(asio::steady_timer::time_point::max());
}

void ResyncCoordinator::AbortRunning(std::string reason) {
  if (running_ && current_abort_) {
    LOG_WARN("aborting the running resync: {}", reason);
    current_abort_->Abort(std::move(reason));
  }
}

asio::awaitable<ResyncReport> ResyncCoordinator::Trigger(std::string trigger) {
  const unsigned long mine = ++generation_;
  if (running_) AbortRunning("a newer resync was requested (" + trigger + ")");
  while (running_) {
    boost::system::error_code ec;
    co_await idle_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  if (mine != generation_) {  // a still newer trigger arrived while we waited
    ResyncReport superseded;
    superseded.trigger = trigger;
    superseded.status = ResyncStatus::kAborted;
    superseded.message = "superseded by a newer resync request";
    co_return superseded;
  }
  running_ = true;
  current_abort_ = std::make_shared<AbortSignal>();
  ResyncReport report = co_await run_(trigger, current_abort_);
  running_ = false;
  current_abort_.reset();
  ++completed_runs_;
  last_ = report;
  idle_.cancel();  // wake every waiter; they re-check running_
  idle_.expires_at(asio::steady_timer::time_point::max());
  co_return report;
}

}  // namespace ocean
