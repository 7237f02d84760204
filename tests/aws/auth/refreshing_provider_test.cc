#include "aws/auth/refreshing_provider.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "fakes/fake_clock.h"
#include "fakes/run_coro.h"

namespace aws {
namespace {

namespace asio = boost::asio;
using testing_fakes::FakeClock;
using testing_fakes::RunCoro;

constexpr int64_t kSecond = 1'000'000;

Credentials Creds(const std::string& key, std::optional<core::Timestamp> expiration) {
  return Credentials{key, "secret-" + key, "token-" + key, expiration, ""};
}

TEST(RefreshingProvider, ConcurrentGetsShareOneFetch) {
  FakeClock clock;
  int fetches = 0;
  RefreshOptions opts{.clock = &clock, .random = [] { return 0.0; }};
  auto provider = std::make_shared<RefreshingCredentialsProvider>(
      "test", [&]() -> asio::awaitable<core::Result<Credentials>> {
        ++fetches;
        asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(20));
        co_await t.async_wait(asio::use_awaitable);  // others arrive while this one waits
        co_return Creds("K" + std::to_string(fetches),
                        core::Timestamp{clock.Now().micros + 3600 * kSecond});
      }, opts);
  asio::io_context io;
  std::vector<std::string> keys;
  for (int i = 0; i < 50; ++i) {
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      auto c = co_await provider->Get();
      keys.push_back(c.ok() ? c->access_key_id : c.status().ToString());
    }, asio::detached);
  }
  io.run();
  EXPECT_EQ(fetches, 1);
  ASSERT_EQ(keys.size(), 50u);
  for (const auto& k : keys) EXPECT_EQ(k, "K1");
}

TEST(RefreshingProvider, RefreshesInsideTheWindowWithJitter) {
  FakeClock clock;
  int fetches = 0;
  RefreshOptions opts{.refresh_window = std::chrono::seconds(300),
                      .jitter = std::chrono::seconds(60),
                      .clock = &clock,
                      .random = [] { return 0.5; }};
  RefreshingCredentialsProvider provider(
      "test", [&]() -> asio::awaitable<core::Result<Credentials>> {
        ++fetches;
        co_return Creds("K" + std::to_string(fetches),
                        core::Timestamp{clock.Now().micros + 3600 * kSecond});
      }, opts);
  EXPECT_EQ(RunCoro(provider.Get())->access_key_id, "K1");
  clock.Advance(std::chrono::seconds(3600 - 331));  // 331 s left: outside 300 + 30 of jitter
  EXPECT_EQ(RunCoro(provider.Get())->access_key_id, "K1");
  clock.Advance(std::chrono::seconds(2));  // 329 s left: refresh
  EXPECT_EQ(RunCoro(provider.Get())->access_key_id, "K2");
  EXPECT_EQ(fetches, 2);
}

TEST(RefreshingProvider, KeepsValidCredentialsWhenRefreshFails) {
  FakeClock clock;
  bool fail = false;
  int fetches = 0;
  RefreshingCredentialsProvider provider(
      "role x", [&]() -> asio::awaitable<core::Result<Credentials>> {
        ++fetches;
        if (fail) co_return core::Status::Unavailable("sts down");
        co_return Creds("K", core::Timestamp{clock.Now().micros + 600 * kSecond});
      }, {.clock = &clock, .random = [] { return 0.0; }});
  ASSERT_TRUE(RunCoro(provider.Get()).ok());
  fail = true;
  clock.Advance(std::chrono::seconds(400));  // 200 s left: inside the window
  auto kept = RunCoro(provider.Get());
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->access_key_id, "K");
  clock.Advance(std::chrono::seconds(195));  // 5 s left: below the margin
  auto failed = RunCoro(provider.Get());
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("role x"), std::string::npos);
  EXPECT_EQ(fetches, 3);
  fail = false;
  EXPECT_TRUE(RunCoro(provider.Get()).ok());  // errors are not cached
}

TEST(RefreshingProvider, NonExpiringCredentialsAreFetchedOnce) {
  int fetches = 0;
  RefreshingCredentialsProvider provider(
      "static", [&]() -> asio::awaitable<core::Result<Credentials>> {
        ++fetches;
        co_return Creds("K", std::nullopt);
      });
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(RunCoro(provider.Get()).ok());
  EXPECT_EQ(fetches, 1);
  EXPECT_EQ(provider.Describe(), "static");
}

TEST(RefreshingProvider, FailedFirstFetchReachesAllWaiters) {
  auto provider = std::make_shared<RefreshingCredentialsProvider>(
      "p", []() -> asio::awaitable<core::Result<Credentials>> {
        asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(5));
        co_await t.async_wait(asio::use_awaitable);
        co_return core::Status::PermissionDenied("nope");
      });
  asio::io_context io;
  int errors = 0;
  for (int i = 0; i < 5; ++i) {
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      if (!(co_await provider->Get()).ok()) ++errors;
    }, asio::detached);
  }
  io.run();
  EXPECT_EQ(errors, 5);
  EXPECT_EQ(provider->fetch_count(), 1);
}

}  // namespace
}  // namespace aws
