// AsyncSemaphore: never more holders than permits, waiters served in arrival order, a permit
// released by its destructor (issue 13.4: the resync's bound on scopes in flight).
#include "core/async_semaphore.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <vector>

namespace core {
namespace {

namespace asio = boost::asio;

TEST(AsyncSemaphore, NeverMoreHoldersThanPermitsAndFifo) {
  asio::io_context io;
  AsyncSemaphore slots(3);
  int in_flight = 0, peak = 0, done = 0;
  std::vector<int> order;
  for (int i = 0; i < 20; ++i) {
    asio::co_spawn(io, [&, i]() -> asio::awaitable<void> {
      AsyncSemaphore::Permit p = co_await slots.Acquire();
      order.push_back(i);
      peak = std::max(peak, ++in_flight);
      asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(1 + i % 3));
      co_await t.async_wait(asio::use_awaitable);
      --in_flight;
      ++done;
    }, asio::detached);
  }
  io.run_for(std::chrono::seconds(10));
  EXPECT_EQ(done, 20);
  EXPECT_EQ(peak, 3);
  std::vector<int> expected(20);
  for (int i = 0; i < 20; ++i) expected[i] = i;
  EXPECT_EQ(order, expected);  // started in arrival order
  EXPECT_EQ(slots.available(), 3u);
  EXPECT_EQ(slots.waiting(), 0u);
}

TEST(AsyncSemaphore, MovedPermitReleasesOnce) {
  asio::io_context io;
  AsyncSemaphore slots(1);
  bool second = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    AsyncSemaphore::Permit a = co_await slots.Acquire();
    EXPECT_EQ(slots.available(), 0u);
    {
      AsyncSemaphore::Permit b = std::move(a);
    }
    EXPECT_EQ(slots.available(), 1u);
    AsyncSemaphore::Permit c = co_await slots.Acquire();
    second = true;
  }, asio::detached);
  io.run_for(std::chrono::seconds(5));
  EXPECT_TRUE(second);
  EXPECT_EQ(slots.available(), 1u);
}

}  // namespace
}  // namespace core
