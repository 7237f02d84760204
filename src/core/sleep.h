// SleepFor: a coroutine's cancellable sleep on a steady timer.
//
// Completes after `d`, or early when the timer is cancelled (timer.cancel(), e.g. on shutdown);
// true when the whole duration passed, false when cancelled. Never throws.
//
// Thread-safety: the timer's executor; one SleepFor per timer at a time.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace core {

inline boost::asio::awaitable<bool> SleepFor(boost::asio::steady_timer& timer,
                                             boost::asio::steady_timer::duration d) {
  timer.expires_after(d);
  boost::system::error_code ec;
  co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
  co_return !ec;
}

}  // namespace core
