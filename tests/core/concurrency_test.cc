#include "core/concurrency.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace core {
namespace {

namespace asio = boost::asio;

// Runs ForEachBounded on a fresh io_context; returns false if it never completed.
bool RunAll(std::size_t n, std::size_t limit, std::function<asio::awaitable<void>(std::size_t)> fn) {
  asio::io_context io;
  bool done = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    co_await ForEachBounded(n, limit, fn);
    done = true;
  }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  return done;
}

TEST(ForEachBounded, CompletesWhenNoTaskEverSuspends) {
  std::vector<int> seen;
  EXPECT_TRUE(RunAll(5, 2, [&](std::size_t i) -> asio::awaitable<void> {
    seen.push_back(static_cast<int>(i));
    co_return;
  }));
  EXPECT_EQ(seen.size(), 5u);
}

TEST(ForEachBounded, NeverExceedsTheLimit) {
  int in_flight = 0, peak = 0, total = 0;
  EXPECT_TRUE(RunAll(20, 3, [&](std::size_t) -> asio::awaitable<void> {
    peak = std::max(peak, ++in_flight);
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(2));
    co_await t.async_wait(asio::use_awaitable);
    --in_flight;
    ++total;
  }));
  EXPECT_EQ(total, 20);
  EXPECT_EQ(peak, 3);
}

TEST(ForEachBounded, ZeroItemsAndZeroLimit) {
  EXPECT_TRUE(RunAll(0, 4, [](std::size_t) -> asio::awaitable<void> { co_return; }));
  int count = 0;
  EXPECT_TRUE(RunAll(7, 0, [&](std::size_t) -> asio::awaitable<void> {
    ++count;
    co_return;
  }));
  EXPECT_EQ(count, 7);  // 0 = unbounded
}

// A throwing fn used to leave its detached worker uncounted (asio drops the exception), so the
// caller waited forever. Now: nothing starts after the throw, the items in flight finish, and
// the caller gets the first exception.
TEST(ForEachBounded, AThrowingItemReachesTheCallerAfterTheOthersInFlight) {
  asio::io_context io;
  bool caught = false, returned = false;
  std::vector<int> started, finished;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    try {
      co_await ForEachBounded(10, 3, [&](std::size_t i) -> asio::awaitable<void> {
        started.push_back(static_cast<int>(i));
        asio::steady_timer t(co_await asio::this_coro::executor,
                             std::chrono::milliseconds(i == 1 ? 1 : 20));
        co_await t.async_wait(asio::use_awaitable);
        if (i == 1) throw std::runtime_error("item 1 failed");
        finished.push_back(static_cast<int>(i));
      });
      returned = true;
    } catch (const std::runtime_error& e) {
      caught = std::string(e.what()) == "item 1 failed";
    }
  }, asio::detached);
  io.run_for(std::chrono::seconds(10));
  EXPECT_TRUE(caught);
  EXPECT_FALSE(returned);
  EXPECT_EQ(started, (std::vector<int>{0, 1, 2}));   // nothing started after the throw
  std::sort(finished.begin(), finished.end());
  EXPECT_EQ(finished, (std::vector<int>{0, 2}));     // the others in flight ran to their end
}

}  // namespace
}  // namespace core
