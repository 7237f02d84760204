#include "core/concurrency.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <memory>

namespace core {

namespace asio = boost::asio;

asio::awaitable<void> ForEachBounded(std::size_t n, std::size_t limit,
                                     std::function<asio::awaitable<void>(std::size_t)> fn) {
  if (n == 0) co_return;
  auto ex = co_await asio::this_coro::executor;
  struct State {
    std::size_t next = 0;
    std::size_t running = 0;
    std::exception_ptr error;  // the first exception of fn: no item starts after it
    asio::steady_timer done;
    explicit State(asio::any_io_executor e)
        : done(e, asio::steady_timer::time_point::max()) {}
  };
  // Shared so that workers never outlive it even if this frame were destroyed first.
  auto st = std::make_shared<State>(ex);
  std::size_t workers = limit == 0 ? n : std::min(limit, n);
  st->running = workers;
  for (std::size_t w = 0; w < workers; ++w) {
    asio::co_spawn(
        ex,
        [st, n, &fn]() -> asio::awaitable<void> {
          // A worker always counts itself out, even after fn threw: a detached coroutine's
          // exception is dropped, and a worker that never counted out would hang the caller.
          while (st->next < n && !st->error) {
            std::size_t i = st->next++;
            try {
              co_await fn(i);
            } catch (...) {
              if (!st->error) st->error = std::current_exception();
            }
          }
          if (--st->running == 0) st->done.cancel();
        },
        asio::detached);
  }
  // co_spawn may run a worker inline (dispatch from this thread), so every worker can already
  // be done; the timer is only waited on when some are still running, and the last of those
  // cancels it after the wait is armed.
  if (st->running != 0) co_await st->done.async_wait(asio::as_tuple(asio::use_awaitable));
  if (st->error) std::rethrow_exception(st->error);
}

}  // namespace core
