// AsyncCondition: "wake every waiter" for coroutines on one executor — the awaitable
// counterpart of a condition variable's notify_all, for bounded queues and stage hand-offs.
//
// WaitUntil(pred) completes once pred() holds: it checks pred on entry (no suspension when it
// already holds) and again after every NotifyAll(). NotifyAll() never resumes a waiter inline:
// waiters resume later on the executor, so a caller may notify while holding invariants half
// updated as long as they hold again before its next co_await. Waiters that a notification
// does not concern simply wait again. Waits complete only through NotifyAll(): a waiter whose
// predicate depends on something outside this executor (an atomic flag set by another thread)
// must be woken by whoever observes that change on the executor.
//
// Thread-safety: one executor (one thread); WaitUntil() and NotifyAll() only from it.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace core {

class AsyncCondition {
 public:
  explicit AsyncCondition(const boost::asio::any_io_executor& executor)
      : timer_(executor, boost::asio::steady_timer::time_point::max()) {}
  AsyncCondition(const AsyncCondition&) = delete;
  AsyncCondition& operator=(const AsyncCondition&) = delete;

  template <typename Predicate>
  boost::asio::awaitable<void> WaitUntil(Predicate pred) {
    while (!pred()) {
      boost::system::error_code ec;  // operation_aborted: NotifyAll()
      co_await timer_.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    }
  }

  // Completes every pending wait (the timer keeps its far expiry, so later waits wait again).
  void NotifyAll() { timer_.cancel(); }

 private:
  boost::asio::steady_timer timer_;
};

}  // namespace core
