// See async_semaphore.h.
#include "core/async_semaphore.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace core {

namespace asio = boost::asio;

AsyncSemaphore::Permit& AsyncSemaphore::Permit::operator=(Permit&& o) noexcept {
  if (this != &o) {
    if (owner_) owner_->Release();
    owner_ = o.owner_;
    o.owner_ = nullptr;
  }
  return *this;
}

AsyncSemaphore::Permit::~Permit() {
  if (owner_) owner_->Release();
}

asio::awaitable<AsyncSemaphore::Permit> AsyncSemaphore::Acquire() {
  if (available_ > 0 && waiters_.empty()) {
    --available_;
    co_return Permit(this);
  }
  auto waiter = std::make_shared<Waiter>(co_await asio::this_coro::executor);
  waiter->timer.expires_at(asio::steady_timer::time_point::max());
  waiters_.push_back(waiter);
  // Woken by Release (granted: the permit is ours) or by cancellation of this coroutine.
  while (!waiter->granted) {
    auto [ec] = co_await waiter->timer.async_wait(asio::as_tuple(asio::use_awaitable));
    (void)ec;
  }
  co_return Permit(this);
}

void AsyncSemaphore::Release() {
  while (!waiters_.empty()) {
    std::shared_ptr<Waiter> w = waiters_.front().lock();
    waiters_.pop_front();
    if (!w) continue;  // its coroutine is gone
    w->granted = true;
    w->timer.cancel();
    return;
  }
  ++available_;
}

}  // namespace core
