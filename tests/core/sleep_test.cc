// core::SleepFor: true after the whole duration, false (early) when the timer is cancelled.
#include "core/sleep.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "fakes/run_coro.h"

namespace core {
namespace {

namespace asio = boost::asio;
using testing_fakes::RunCoro;

TEST(SleepFor, TrueAfterTheDuration) {
  asio::io_context io;
  asio::steady_timer timer(io);
  const auto began = std::chrono::steady_clock::now();
  EXPECT_TRUE(RunCoro(io, SleepFor(timer, std::chrono::milliseconds(30))));
  EXPECT_GE(std::chrono::steady_clock::now() - began, std::chrono::milliseconds(30));
}

TEST(SleepFor, FalseWhenCancelled) {
  asio::io_context io;
  asio::steady_timer timer(io);
  asio::steady_timer canceller(io, std::chrono::milliseconds(10));
  canceller.async_wait([&](boost::system::error_code) { timer.cancel(); });
  const auto began = std::chrono::steady_clock::now();
  EXPECT_FALSE(RunCoro(io, SleepFor(timer, std::chrono::hours(1))));
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(30));
}

}  // namespace
}  // namespace core
