#include "aws/auth/refreshing_provider.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <random>
#include <vector>

#include "core/log.h"

namespace aws {

namespace asio = boost::asio;

// One fetch in progress. Waiters park on timers that never expire; completing the flight
// cancels them, which wakes them up to read `result`.
struct RefreshingCredentialsProvider::Flight {
  std::optional<core::Result<Credentials>> result;
  std::vector<std::shared_ptr<asio::steady_timer>> waiters;
};

RefreshingCredentialsProvider::RefreshingCredentialsProvider(std::string description,
                                                             FetchFn fetch, RefreshOptions options)
    : description_(std::move(description)), fetch_(std::move(fetch)), options_(std::move(options)) {
  if (options_.clock == nullptr) options_.clock = &core::SystemClock::Get();
  if (!options_.random) {
    // One engine per thread, not per provider: a std::mt19937_64 is 2.5 KB, and a resync holds
    // one provider per account (25 MB at 10,000 accounts; issue 13.4).
    options_.random = [] {
      thread_local std::mt19937_64 rng(std::random_device{}());
      return std::uniform_real_distribution<double>(0, 1)(rng);
    };
  }
}

RefreshingCredentialsProvider::~RefreshingCredentialsProvider() = default;

bool RefreshingCredentialsProvider::Usable(const Credentials& c) const {
  if (!c.expiration) return true;
  int64_t margin = std::chrono::microseconds(options_.expiry_margin).count();
  return c.expiration->micros - options_.clock->Now().micros > margin;
}

bool RefreshingCredentialsProvider::NeedsRefresh() const {
  if (!cached_) return true;
  if (!cached_->expiration) return false;
  return options_.clock->Now().micros >= refresh_at_.micros;
}

asio::awaitable<core::Result<Credentials>> RefreshingCredentialsProvider::Get() {
  if (!NeedsRefresh()) co_return *cached_;
  if (flight_ != nullptr) {
    // Someone is already fetching: never start a second fetch.
    if (cached_ && Usable(*cached_)) co_return *cached_;
    std::shared_ptr<Flight> flight = flight_;
    auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor,
                                                      asio::steady_timer::time_point::max());
    flight->waiters.push_back(timer);
    co_await timer->async_wait(asio::as_tuple(asio::use_awaitable));
    if (flight->result) co_return *flight->result;
    co_return core::Status::Aborted(description_ + ": credential refresh was abandoned");
  }
  co_return co_await Refresh();
}

asio::awaitable<core::Result<Credentials>> RefreshingCredentialsProvider::Refresh() {
  auto flight = std::make_shared<Flight>();
  flight_ = flight;
  ++fetch_count_;
  core::Result<Credentials> fetched = core::Status::Internal("fetch did not run");
  try {
    fetched = co_await fetch_();
  } catch (const std::exception& e) {
    // Fetch functions return Statuses; an exception here is a bug, kept from crossing the API.
    fetched = core::Status::Internal(std::string("credential fetch threw: ") + e.what());
  }
  flight_.reset();

  core::Result<Credentials> result = fetched;
  if (fetched.ok()) {
    cached_ = *fetched;
    warned_ = false;
    if (cached_->expiration) {
      auto early = std::chrono::microseconds(options_.refresh_window).count() +
                   static_cast<int64_t>(std::chrono::microseconds(options_.jitter).count() *
                                        options_.random());
      refresh_at_ = core::Timestamp{cached_->expiration->micros - early};
    }
  } else if (cached_ && Usable(*cached_)) {
    if (!warned_) {
      LOG_WARN("{}: refreshing credentials failed, using the current ones until they expire at "
               "{}: {}",
               description_, core::FormatUpstream(*cached_->expiration),
               fetched.status().ToString());
      warned_ = true;
    }
    result = *cached_;
  } else {
    cached_.reset();
    result = fetched.status().WithContext(description_);
  }
  flight->result = result;
  for (auto& timer : flight->waiters) timer->cancel();
  co_return result;
}

}  // namespace aws
