// See account_cache.h.
#include "ocean/live_events/account_cache.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.h"

namespace ocean::live_events {

namespace asio = boost::asio;
using core::Result;
using core::Status;

AccountCache::AccountCache(catalog::Source& source, catalog::IntegrationConfig integration,
                           std::chrono::seconds ttl, std::chrono::seconds miss_interval)
    : source_(source), integration_(std::move(integration)), ttl_(ttl),
      miss_interval_(miss_interval) {}

asio::awaitable<Status> AccountCache::Refresh() {
  if (refreshing_) {  // another event is discovering: wait for it
    asio::steady_timer t(co_await asio::this_coro::executor);
    while (refreshing_) {
      t.expires_after(std::chrono::milliseconds(20));
      boost::system::error_code ec;
      co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return found_ ? Status::Ok() : Status::Unavailable("account discovery failed");
  }
  refreshing_ = true;
  Result<std::unique_ptr<catalog::SourceRun>> r = co_await source_.Discover(integration_);
  refreshing_ = false;
  discovered_at_ = std::chrono::steady_clock::now();
  if (!r.ok()) {
    LOG_WARN("live events: account discovery failed: {}", r.status().message());
    co_return r.status();
  }
  found_ = std::move(*r);
  co_return Status::Ok();
}

asio::awaitable<Result<catalog::AccountSession>> AccountCache::Find(const std::string& id) {
  const auto now = std::chrono::steady_clock::now();
  auto lookup = [&]() -> const catalog::AccountSession* {
    if (!found_) return nullptr;
    for (const catalog::AccountSession& a : found_->accounts()) {
      if (a.info.id == id) return &a;
    }
    return nullptr;
  };
  const bool stale = !found_ || now - discovered_at_ > ttl_;
  const bool miss = lookup() == nullptr;
  if (stale || (miss && now - discovered_at_ > miss_interval_)) {
    Status s = co_await Refresh();
    if (!s.ok() && !found_) co_return s;
  }
  if (const catalog::AccountSession* a = lookup()) co_return *a;
  co_return Status::NotFound("account " + id + " is not one this integration discovers");
}

}  // namespace ocean::live_events
