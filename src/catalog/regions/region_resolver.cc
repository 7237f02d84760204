#include "catalog/regions/region_resolver.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <utility>

#include "catalog/regions/availability.h"
#include "core/log.h"

namespace catalog::regions {

namespace asio = boost::asio;
using core::Result;
using core::Status;

// One account's discovery. `result` is set exactly once; `ready` is a timer that never expires
// on its own and is cancelled to wake every waiter when `result` is set.
struct RegionResolver::Entry {
  std::optional<Result<EnabledRegionList>> result;
  std::optional<asio::steady_timer> ready;
};

namespace {

// Runs a callable when the scope ends, including when a coroutine frame is destroyed early.
template <typename F>
class ScopeExit {
 public:
  explicit ScopeExit(F f) : f_(std::move(f)) {}
  ~ScopeExit() { f_(); }
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;

 private:
  F f_;
};

}  // namespace

asio::awaitable<Result<EnabledRegionList>> RegionResolver::Discover(
    const AccountSession& session) {
  std::string key = session.partition + "/" + session.info.id;
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    // Someone resolved (or is resolving) this account already: wait for its outcome.
    std::shared_ptr<Entry> entry = it->second;
    while (!entry->result) {
      boost::system::error_code ec;  // operation_aborted when the discovery completes
      co_await entry->ready->async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return *entry->result;
  }

  auto entry = std::make_shared<Entry>();
  entry->ready.emplace(co_await asio::this_coro::executor, asio::steady_timer::time_point::max());
  entries_.emplace(std::move(key), entry);
  ++discoveries_started_;
  {
    // Publish an outcome even if this coroutine is destroyed before it finishes (shutdown), so
    // waiters never hang on an entry nobody will complete.
    ScopeExit publish([&entry] {
      if (!entry->result) entry->result.emplace(Status::Aborted("region discovery was cancelled"));
      entry->ready->cancel();
    });
    Result<EnabledRegionList> found = co_await DiscoverEnabledRegions(client_, session);
    if (found.ok()) {
      LOG_INFO("account {}: {} enabled regions (from {})", session.info.id, found->regions.size(),
               RegionSourceName(found->source));
    } else {
      LOG_ERROR("{}", found.status().ToString());  // the message names the account
    }
    entry->result.emplace(std::move(found));
  }
  co_return *entry->result;
}

asio::awaitable<Result<std::vector<std::string>>> RegionResolver::EnabledRegions(
    const AccountSession& session) {
  Result<EnabledRegionList> found = co_await Discover(session);
  if (!found.ok()) co_return found.status();
  co_return std::move(found->regions);
}

asio::awaitable<Result<std::vector<std::string>>> RegionResolver::AllowedRegions(
    const AccountSession& session, const RegionPolicy& policy,
    std::span<const std::string_view> supported) {
  Result<std::vector<std::string>> enabled = co_await EnabledRegions(session);
  if (!enabled.ok()) co_return enabled.status();
  co_return FilterSupported(ApplyPolicy(*enabled, policy), supported);
}

}  // namespace catalog::regions
