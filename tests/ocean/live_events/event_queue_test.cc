// EventQueue: coalescing within the window, per-resource ordering (never two applies of one
// resource at once, the last action wins), bounded capacity and concurrency, retries, and
// Stop() applying what is pending.
#include "ocean/live_events/event_queue.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <map>

namespace ocean::live_events {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// Applies after `latency`, records calls per key and the concurrency seen.
class FakeApplier final : public EventApplier {
 public:
  explicit FakeApplier(asio::io_context& io) : io_(io) {}

  asio::awaitable<ApplyResult> Apply(const EventTarget& t) override {
    const std::string key = t.Key();
    ++calls[key];
    actions[key].push_back(t.action);
    ++running_total;
    max_running_total = std::max(max_running_total, running_total);
    if (++running[key] > 1) overlapped = true;
    asio::steady_timer timer(io_);
    timer.expires_after(latency);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    --running[key];
    --running_total;
    ApplyResult r;
    if (!script.empty()) {
      r.type = script.front();
      script.erase(script.begin());
    }
    co_return r;
  }

  asio::io_context& io_;
  std::chrono::milliseconds latency{5};
  std::map<std::string, int> calls;
  std::map<std::string, std::vector<EventAction>> actions;
  std::map<std::string, int> running;
  int running_total = 0, max_running_total = 0;
  bool overlapped = false;
  std::vector<ApplyResult::Type> script;  // results to answer, in order (then kApplied)
};

EventTarget Target(const std::string& id, EventAction action = EventAction::kUpsert) {
  EventTarget t;
  t.kind = "AWS::SQS::Queue";
  t.id = id;
  t.action = action;
  t.account = "123456789012";
  t.region = "us-east-1";
  t.event_time = std::chrono::system_clock::now();
  return t;
}

// Runs `io` until `done` or 5 s.
void RunUntil(asio::io_context& io, const std::function<bool()>& done) {
  io.restart();
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!done() && std::chrono::steady_clock::now() < deadline) io.run_for(5ms);
}

TEST(LiveEventQueue, BurstForOneResourceIsOneApply) {
  asio::io_context io;
  FakeApplier applier(io);
  EventQueueOptions o;
  o.window = 50ms;
  EventQueue q(io.get_executor(), applier, o);
  q.Start();
  int acked = 0, acked_ok = 0;
  Ack ack = [&](bool ok) {
    ++acked;
    acked_ok += ok ? 1 : 0;
  };
  for (int i = 0; i < 10; ++i) ASSERT_EQ(q.Submit(Target("a"), ack), EventQueue::SubmitResult::kQueued);
  ASSERT_EQ(q.Submit(Target("b"), ack), EventQueue::SubmitResult::kQueued);
  RunUntil(io, [&] { return acked == 11; });
  EXPECT_EQ(acked_ok, 11);
  EXPECT_EQ(applier.calls[Target("a").Key()], 1);
  EXPECT_EQ(applier.calls[Target("b").Key()], 1);
  EXPECT_EQ(q.coalesced(), 9);
  EXPECT_EQ(q.size(), 0u);
}

TEST(LiveEventQueue, EventsDuringAnApplyWaitAndTheLastActionWins) {
  asio::io_context io;
  FakeApplier applier(io);
  applier.latency = 40ms;
  EventQueueOptions o;
  o.window = 0ms;
  EventQueue q(io.get_executor(), applier, o);
  q.Start();
  int acked = 0;
  Ack ack = [&](bool) { ++acked; };
  q.Submit(Target("a"), ack);
  RunUntil(io, [&] { return applier.running_total == 1; });  // first apply in flight
  q.Submit(Target("a"), ack);
  q.Submit(Target("a", EventAction::kDelete), ack);
  RunUntil(io, [&] { return acked == 3; });
  const std::string key = Target("a").Key();
  EXPECT_FALSE(applier.overlapped);
  ASSERT_EQ(applier.calls[key], 2);  // the in-flight one, then the two that came during it
  EXPECT_EQ(applier.actions[key][1], EventAction::kDelete);
}

TEST(LiveEventQueue, CapacityAndConcurrencyAreBounded) {
  asio::io_context io;
  FakeApplier applier(io);
  applier.latency = 20ms;
  EventQueueOptions o;
  o.window = 0ms;
  o.capacity = 6;
  o.concurrency = 2;
  EventQueue q(io.get_executor(), applier, o);
  q.Start();
  int acked = 0;
  Ack ack = [&](bool) { ++acked; };
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(q.Submit(Target("r" + std::to_string(i)), ack), EventQueue::SubmitResult::kQueued);
  }
  EXPECT_FALSE(q.HasRoom(1));
  EXPECT_EQ(q.Submit(Target("x"), ack), EventQueue::SubmitResult::kFull);
  RunUntil(io, [&] { return acked == 6; });
  EXPECT_EQ(acked, 6);
  EXPECT_LE(applier.max_running_total, 2);
  EXPECT_EQ(applier.max_running_total, 2);
  EXPECT_TRUE(q.HasRoom(6));
}

TEST(LiveEventQueue, TransientFailuresAreRetriedThenGivenUp) {
  asio::io_context io;
  FakeApplier applier(io);
  applier.script = {ApplyResult::Type::kRetry, ApplyResult::Type::kRetry};  // then applied
  EventQueueOptions o;
  o.window = 0ms;
  o.retry_delay = 1ms;
  o.max_attempts = 3;
  EventQueue q(io.get_executor(), applier, o);
  q.Start();
  std::vector<bool> acks;
  q.Submit(Target("a"), [&](bool ok) { acks.push_back(ok); });
  RunUntil(io, [&] { return acks.size() == 1; });
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_TRUE(acks[0]);
  EXPECT_EQ(applier.calls[Target("a").Key()], 3);

  applier.script = {ApplyResult::Type::kRetry, ApplyResult::Type::kRetry,
                    ApplyResult::Type::kRetry};
  q.Submit(Target("b"), [&](bool ok) { acks.push_back(ok); });
  RunUntil(io, [&] { return acks.size() == 2; });
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_FALSE(acks[1]);  // three attempts, all transient failures: given up
  EXPECT_EQ(applier.calls[Target("b").Key()], 3);

  applier.script = {ApplyResult::Type::kDenied};  // AccessDenied: done, not retried
  q.Submit(Target("c"), [&](bool ok) { acks.push_back(ok); });
  RunUntil(io, [&] { return acks.size() == 3; });
  ASSERT_EQ(acks.size(), 3u);
  EXPECT_TRUE(acks[2]);
  EXPECT_EQ(applier.calls[Target("c").Key()], 1);
}

TEST(LiveEventQueue, StopAppliesWhatIsPendingAndRefusesNewEvents) {
  asio::io_context io;
  FakeApplier applier(io);
  EventQueueOptions o;
  o.window = 10s;  // would never be due without Stop's flush
  EventQueue q(io.get_executor(), applier, o);
  q.Start();
  int ok = 0;
  for (int i = 0; i < 5; ++i) q.Submit(Target("r" + std::to_string(i)), [&](bool a) { ok += a; });
  bool stopped = false;
  asio::co_spawn(io, [&]() -> asio::awaitable<void> {
    co_await q.Stop(2s);
    stopped = true;
  }, asio::detached);
  RunUntil(io, [&] { return stopped; });
  EXPECT_TRUE(stopped);
  EXPECT_EQ(ok, 5);
  EXPECT_EQ(q.Submit(Target("late"), nullptr), EventQueue::SubmitResult::kStopped);
}

}  // namespace
}  // namespace ocean::live_events
