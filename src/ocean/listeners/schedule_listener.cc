// See schedule_listener.h.
#include "ocean/listeners/schedule_listener.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/log.h"
#include "core/sleep.h"

namespace ocean::listeners {

namespace asio = boost::asio;

ScheduleListener::ScheduleListener(asio::any_io_executor executor,
                                   asio::steady_timer::duration every, TriggerFn trigger)
    : executor_(executor), every_(every), trigger_(std::move(trigger)), timer_(executor) {}

void ScheduleListener::Start() { asio::co_spawn(executor_, Loop(), asio::detached); }

void ScheduleListener::Stop() {
  stopped_ = true;
  timer_.cancel();
}

asio::awaitable<void> ScheduleListener::Loop() {
  while (!stopped_ && co_await core::SleepFor(timer_, every_)) {
    if (stopped_) break;
    LOG_INFO("scheduled resync (OCEAN__SCHEDULED_RESYNC_INTERVAL)");
    (void)co_await trigger_("schedule");
  }
}

}  // namespace ocean::listeners
