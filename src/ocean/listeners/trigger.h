// TriggerFn: how an event listener asks for a resync (Ocean's event listeners: ONCE, POLLING,
// WEBHOOK, and the scheduled resync). The caller (app/'s sail) passes a function that runs the
// resync through the ResyncCoordinator and its shutdown bookkeeping; the listener awaits the
// report. `trigger` names the listener: "polling", "webhook", "schedule", "once".
//
// Thread-safety: called and awaited on the event loop the listener runs on.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>

#include "ocean/resync/resync_report.h"

namespace ocean::listeners {

using TriggerFn = std::function<boost::asio::awaitable<ResyncReport>(std::string trigger)>;

}  // namespace ocean::listeners
