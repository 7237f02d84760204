// RunCoro: runs one awaitable to completion on a fresh io_context and returns its value, for
// tests of coroutine APIs. Exceptions from the coroutine are rethrown.
//
// Thread-safety: runs on the calling thread.
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <utility>

namespace testing_fakes {

// Same, on an existing io_context (whose objects the coroutine uses); restarts it first, since
// an io_context that ran out of work stays stopped.
template <typename T>
T RunCoro(boost::asio::io_context& io, boost::asio::awaitable<T> work) {
  std::optional<T> out;
  std::exception_ptr error;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(work)); },
      [&](std::exception_ptr e) { error = e; });
  io.restart();
  io.run();
  if (error) std::rethrow_exception(error);
  return std::move(*out);
}

template <typename T>
T RunCoro(boost::asio::awaitable<T> work) {
  boost::asio::io_context io;
  return RunCoro(io, std::move(work));
}

}  // namespace testing_fakes
