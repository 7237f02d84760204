// Bounded concurrency for coroutines on one executor.
//
// ForEachBounded(n, limit, fn) runs fn(0) .. fn(n-1) with at most `limit` of them in flight and
// completes when all have completed. Errors should travel as values inside the caller's own
// state; should `fn` throw anyway, no further item starts, the items in flight run to their end
// and ForEachBounded then rethrows the first exception (never a hang). Order of completion is
// unspecified; the order of *start* is by index.
//
// Thread-safety: everything runs on the awaiting coroutine's executor (one thread).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>

namespace core {

boost::asio::awaitable<void> ForEachBounded(
    std::size_t n, std::size_t limit, std::function<boost::asio::awaitable<void>(std::size_t)> fn);

}  // namespace core
