// SharedResponses (src/catalog/definition/shared_responses.h): one call per key whoever asks,
// callers of a key in flight wait for that call, errors are handed out but never kept, and the
// store stays within its bounds by dropping its oldest answers.
#include "catalog/definition/shared_responses.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace catalog::definition {
namespace {

namespace asio = boost::asio;
using core::Result;

// Runs `body` to completion on a fresh loop.
void RunLoop(const std::function<asio::awaitable<void>()>& body) {
  asio::io_context io;
  asio::co_spawn(io, body(), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.run();
}

// A fetch that counts its calls and answers {"n": <call number>} after `delay`.
SharedResponses::FetchFn Counting(int* calls, std::chrono::milliseconds delay = {}) {
  return [calls, delay]() -> asio::awaitable<Result<json::value>> {
    ++*calls;
    int n = *calls;
    if (delay.count() > 0) {
      asio::steady_timer t(co_await asio::this_coro::executor, delay);
      co_await t.async_wait(asio::use_awaitable);
    }
    co_return json::value(json::object{{"n", n}});
  };
}

TEST(SharedResponses, OneCallPerKeyThenServedFromTheStore) {
  SharedResponses shared;
  int calls = 0;
  RunLoop([&]() -> asio::awaitable<void> {
    auto a = co_await shared.GetOrFetch("k1", Counting(&calls));
    auto b = co_await shared.GetOrFetch("k1", Counting(&calls));
    auto c = co_await shared.GetOrFetch("k2", Counting(&calls));
    EXPECT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_EQ(*a, *b);
    EXPECT_EQ(c->at("n"), json::value(2));
  });
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(shared.stats().fetches, 2);
  EXPECT_EQ(shared.stats().hits, 1);
  EXPECT_EQ(shared.stats().entries, 2u);
}

TEST(SharedResponses, ConcurrentCallersOfOneKeyWaitForTheCallInFlight) {
  SharedResponses shared;
  int calls = 0;
  int answered = 0;
  asio::io_context io;
  for (int i = 0; i < 5; ++i) {
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      auto r = co_await shared.GetOrFetch("same", Counting(&calls, std::chrono::milliseconds(20)));
      EXPECT_TRUE(r.ok());
      EXPECT_EQ(r->at("n"), json::value(1));
      ++answered;
    }, asio::detached);
  }
  io.run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(answered, 5);
  EXPECT_EQ(shared.stats().hits, 4);
}

TEST(SharedResponses, ErrorsReachTheWaitersButAreNotKept) {
  SharedResponses shared;
  int calls = 0;
  SharedResponses::FetchFn failing = [&]() -> asio::awaitable<Result<json::value>> {
    ++calls;
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(10));
    co_await t.async_wait(asio::use_awaitable);
    co_return core::Status::Unavailable("throttled");
  };
  asio::io_context io;
  int failed = 0;
  for (int i = 0; i < 2; ++i) {
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
      auto r = co_await shared.GetOrFetch("k", failing);
      if (!r.ok()) ++failed;
    }, asio::detached);
  }
  io.run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(shared.stats().entries, 0u);
  RunLoop([&]() -> asio::awaitable<void> {
    auto r = co_await shared.GetOrFetch("k", Counting(&calls));
    EXPECT_TRUE(r.ok());
  });
  EXPECT_EQ(calls, 2);  // tried again
}

TEST(SharedResponses, BoundedByEntriesAndBytesDroppingTheOldest) {
  SharedResponses shared(SharedResponses::Limits{.max_entries = 2, .max_bytes = 1 << 20});
  int calls = 0;
  RunLoop([&]() -> asio::awaitable<void> {
    for (const char* k : {"a", "b", "c"}) (void)co_await shared.GetOrFetch(k, Counting(&calls));
    (void)co_await shared.GetOrFetch("c", Counting(&calls));  // kept
    (void)co_await shared.GetOrFetch("a", Counting(&calls));  // dropped: asked again
  });
  EXPECT_EQ(calls, 4);
  EXPECT_LE(shared.stats().entries, 2u);

  SharedResponses tiny(SharedResponses::Limits{.max_entries = 100, .max_bytes = 20});
  calls = 0;
  RunLoop([&]() -> asio::awaitable<void> {
    for (const char* k : {"a", "b", "c", "a"}) (void)co_await tiny.GetOrFetch(k, Counting(&calls));
  });
  EXPECT_LE(tiny.stats().bytes, 20u);
  EXPECT_EQ(calls, 4);
  tiny.Clear();
  EXPECT_EQ(tiny.stats().entries, 0u);
  EXPECT_EQ(tiny.stats().bytes, 0u);
}

TEST(SharedResponses, KeyNamesRegionServiceOperationAndParams) {
  json::object params{{"name", "alpha"}};
  EXPECT_EQ(SharedResponses::Key("us-east-1", "codepipeline", "GetPipeline", params),
            R"(us-east-1|codepipeline.GetPipeline|{"name":"alpha"})");
  EXPECT_NE(SharedResponses::Key("eu-west-1", "codepipeline", "GetPipeline", params),
            SharedResponses::Key("us-east-1", "codepipeline", "GetPipeline", params));
}

}  // namespace
}  // namespace catalog::definition
