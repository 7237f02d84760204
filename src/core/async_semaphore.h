// AsyncSemaphore: at most N holders at once among coroutines on one executor; the others wait
// in arrival order (FIFO) without blocking the thread.
//
//   core::AsyncSemaphore slots(256);
//   core::AsyncSemaphore::Permit p = co_await slots.Acquire();   // released when p dies
//
// A released permit goes straight to the oldest waiter. Used to bound the scopes a resync lists
// at once across all its kinds (catalog::SourceRun): each in-flight scope holds coroutine
// frames, a pending page and HTTP handles with their buffers, so memory follows this bound, not
// kinds x accounts x regions (issue 13.4).
//
// Thread-safety: none; Acquire, Release and Permit's destructor run on the executor of the
// coroutines that use it. The semaphore must outlive its permits and waiters. A waiter ignores
// cancellation (it waits for its permit); one whose coroutine frame is destroyed while waiting
// leaves its place to the next.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <deque>
#include <memory>

namespace core {

class AsyncSemaphore {
 public:
  class Permit {
   public:
    Permit() = default;
    explicit Permit(AsyncSemaphore* owner) : owner_(owner) {}
    Permit(Permit&& o) noexcept : owner_(o.owner_) { o.owner_ = nullptr; }
    Permit& operator=(Permit&& o) noexcept;
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    ~Permit();

   private:
    AsyncSemaphore* owner_ = nullptr;
  };

  explicit AsyncSemaphore(std::size_t permits) : available_(permits) {}
  AsyncSemaphore(const AsyncSemaphore&) = delete;
  AsyncSemaphore& operator=(const AsyncSemaphore&) = delete;

  boost::asio::awaitable<Permit> Acquire();
  void Release();

  std::size_t available() const { return available_; }
  std::size_t waiting() const { return waiters_.size(); }

 private:
  struct Waiter {
    explicit Waiter(const boost::asio::any_io_executor& ex) : timer(ex) {}
    boost::asio::steady_timer timer;
    bool granted = false;
  };

  std::size_t available_;
  std::deque<std::weak_ptr<Waiter>> waiters_;
};

}  // namespace core
