// ResyncCoordinator: one resync at a time, the newest wins, SIGTERM-style aborts.
#include "ocean/resync/resync_coordinator.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ocean {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// A resync that runs until released (or aborted), polling its AbortSignal like the real one.
class FakeResyncs {
 public:
  explicit FakeResyncs(asio::io_context& io) : io_(io) {}

  ResyncCoordinator::RunFn Fn() {
    return [this](std::string trigger, AbortSignalPtr abort) -> asio::awaitable<ResyncReport> {
      started.push_back(trigger);
      asio::steady_timer tick(io_);
      while (!abort->aborted() && !released.contains(trigger)) {
        tick.expires_after(2ms);
        co_await tick.async_wait(asio::use_awaitable);
      }
      ResyncReport r;
      r.trigger = trigger;
      r.status = abort->aborted() ? ResyncStatus::kAborted : ResyncStatus::kCompleted;
      r.message = abort->aborted() ? abort->reason() : "";
      co_return r;
    };
  }

  std::vector<std::string> started;
  std::map<std::string, bool> released;

 private:
  asio::io_context& io_;
};

class ResyncCoordinatorTest : public testing::Test {
 protected:
  // Starts Trigger(name) in the background; its report lands in reports[name].
  void Start(const std::string& name) {
    asio::co_spawn(
        io_,
        [this, name]() -> asio::awaitable<void> {
          ResyncReport r = co_await coordinator_.Trigger(name);
          reports_[name] = r;
        },
        asio::detached);
  }
  // Runs the loop for a while (the fake resyncs poll every 2 ms).
  void Spin(std::chrono::milliseconds d = 30ms) {
    io_.restart();
    io_.run_for(d);
  }

  asio::io_context io_;
  FakeResyncs fake_{io_};
  ResyncCoordinator coordinator_{io_.get_executor(), fake_.Fn()};
  std::map<std::string, ResyncReport> reports_;
};

TEST_F(ResyncCoordinatorTest, ASingleResyncRunsToCompletion) {
  Start("a");
  Spin();
  EXPECT_TRUE(coordinator_.running());
  fake_.released["a"] = true;
  Spin();
  ASSERT_TRUE(reports_.contains("a"));
  EXPECT_EQ(reports_["a"].status, ResyncStatus::kCompleted);
  EXPECT_FALSE(coordinator_.running());
  EXPECT_EQ(coordinator_.completed_runs(), 1);
  ASSERT_TRUE(coordinator_.last().has_value());
  EXPECT_EQ(coordinator_.last()->trigger, "a");
}

TEST_F(ResyncCoordinatorTest, ANewerResyncAbortsTheRunningOneThenRuns) {
  Start("first");
  Spin();
  Start("second");
  Spin();
  ASSERT_TRUE(reports_.contains("first"));
  EXPECT_EQ(reports_["first"].status, ResyncStatus::kAborted);
  EXPECT_NE(reports_["first"].message.find("a newer resync was requested (second)"),
            std::string::npos)
      << reports_["first"].message;
  EXPECT_EQ(fake_.started, (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(coordinator_.running());  // never two at once: the second runs alone now
  fake_.released["second"] = true;
  Spin();
  EXPECT_EQ(reports_["second"].status, ResyncStatus::kCompleted);
}

TEST_F(ResyncCoordinatorTest, OnlyTheNewestOfSeveralWaitingTriggersRuns) {
  Start("first");
  Spin();
  Start("second");
  Start("third");  // arrives before "first" has finished aborting
  Spin();
  fake_.released["third"] = true;
  Spin();
  EXPECT_EQ(fake_.started, (std::vector<std::string>{"first", "third"}));
  EXPECT_EQ(reports_["first"].status, ResyncStatus::kAborted);
  EXPECT_EQ(reports_["second"].status, ResyncStatus::kAborted);
  EXPECT_EQ(reports_["second"].message, "superseded by a newer resync request");
  EXPECT_EQ(reports_["third"].status, ResyncStatus::kCompleted);
}

TEST_F(ResyncCoordinatorTest, AbortRunningStopsTheResyncAndStartsNothing) {
  coordinator_.AbortRunning("SIGTERM");  // nothing running: a no-op
  Start("a");
  Spin();
  coordinator_.AbortRunning("SIGTERM");
  Spin();
  ASSERT_TRUE(reports_.contains("a"));
  EXPECT_EQ(reports_["a"].status, ResyncStatus::kAborted);
  EXPECT_EQ(reports_["a"].message, "SIGTERM");
  EXPECT_EQ(fake_.started.size(), 1u);
  EXPECT_FALSE(coordinator_.running());
}

}  // namespace
}  // namespace ocean
