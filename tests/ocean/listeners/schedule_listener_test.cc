// ScheduleListener (ocean/listeners): resyncs every interval, named "schedule", and starts
// nothing once stopped.
#include "ocean/listeners/schedule_listener.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <optional>
#include <string>
#include <vector>

namespace ocean::listeners {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

TEST(ScheduleListener, TriggersEveryIntervalUntilStopped) {
  asio::io_context io;
  std::vector<std::string> triggers;
  std::optional<ScheduleListener> listener;
  listener.emplace(io.get_executor(), milliseconds(10),
                   [&](std::string trigger) -> asio::awaitable<ResyncReport> {
                     triggers.push_back(trigger);
                     if (triggers.size() == 3) listener->Stop();
                     co_return ResyncReport{};
                   });
  listener->Start();
  // Stopped after the third, the loop ends and run_for() returns long before its limit.
  io.run_for(std::chrono::seconds(5));
  EXPECT_EQ(triggers, (std::vector<std::string>{"schedule", "schedule", "schedule"}));
}

TEST(ScheduleListener, StopBeforeTheFirstIntervalTriggersNothing) {
  asio::io_context io;
  int triggered = 0;
  ScheduleListener listener(io.get_executor(), std::chrono::hours(1),
                            [&](std::string) -> asio::awaitable<ResyncReport> {
                              ++triggered;
                              co_return ResyncReport{};
                            });
  listener.Start();
  io.poll();  // the loop is now waiting for the first interval
  listener.Stop();
  // The loop ends at once (the wait is cancelled): run() returns without the one-hour wait.
  const auto began = std::chrono::steady_clock::now();
  io.run_for(std::chrono::seconds(5));
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(4));
  EXPECT_EQ(triggered, 0);
}

}  // namespace
}  // namespace ocean::listeners
