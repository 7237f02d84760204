#include "catalog/definition/shared_responses.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

#include "catalog/account.h"
#include "catalog/definition/calls.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Result;
using core::Status;

// One call in flight: its waiters park on `wake` until the fetcher cancels it.
struct SharedResponses::InFlight {
  explicit InFlight(const asio::any_io_executor& ex)
      : wake(ex, asio::steady_timer::time_point::max()) {}
  asio::steady_timer wake;
  std::optional<Result<json::value>> result;
};

asio::awaitable<Result<json::value>> CallShared(aws::AwsClient& client,
                                                const aws::CallTarget& target,
                                                const aws::model::ServiceModel& svc,
                                                const aws::model::Operation& op,
                                                json::object params, SharedResponses& shared) {
  std::string key =
      SharedResponses::Key(target.region, svc.metadata().service_name, op.name, params);
  SharedResponses::FetchFn fetch = [&client, &target, &svc, &op, p = std::move(params)]()
      -> asio::awaitable<Result<json::value>> {
    co_return co_await CallOnce(client, target, svc, op, p);
  };
  co_return co_await shared.GetOrFetch(std::move(key), std::move(fetch));
}

std::shared_ptr<SharedResponses> NewSharedResponses() {
  return std::make_shared<SharedResponses>();
}

std::string SharedResponses::Key(std::string_view region, std::string_view service,
                                 std::string_view operation, const json::object& params) {
  std::string key;
  key.append(region).append("|").append(service).append(".").append(operation).append("|");
  core::WriteJson(json::value(params), key);
  return key;
}

asio::awaitable<Result<json::value>> SharedResponses::GetOrFetch(std::string key, FetchFn fetch) {
  std::shared_ptr<InFlight> wait_for;
  {
    std::lock_guard lock(mu_);
    if (auto it = done_.find(key); it != done_.end()) {
      ++stats_.hits;
      std::shared_ptr<const json::value> answer = it->second;
      co_return json::value(*answer);
    }
    if (auto it = in_flight_.find(key); it != in_flight_.end()) {
      ++stats_.hits;
      wait_for = it->second;
    }
  }
  if (wait_for) {
    while (!wait_for->result) {
      co_await wait_for->wake.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_return *wait_for->result;
  }
  auto mine = std::make_shared<InFlight>(co_await asio::this_coro::executor);
  {
    std::lock_guard lock(mu_);
    in_flight_[key] = mine;
    ++stats_.fetches;
  }
  Result<json::value> got = co_await fetch();
  {
    std::lock_guard lock(mu_);
    in_flight_.erase(key);
    if (got.ok()) Store(key, *got);
  }
  mine->result = got;
  mine->wake.cancel();
  co_return got;
}

void SharedResponses::Store(const std::string& key, const json::value& answer) {
  std::size_t bytes = key.size() + core::WriteJson(answer).size();
  if (bytes > limits_.max_bytes || limits_.max_entries == 0) return;
  while (!order_.empty() &&
         (done_.size() + 1 > limits_.max_entries || stats_.bytes + bytes > limits_.max_bytes)) {
    const std::string& oldest = order_.front();
    if (auto s = sizes_.find(oldest); s != sizes_.end()) {
      stats_.bytes -= s->second;
      sizes_.erase(s);
    }
    done_.erase(oldest);
    order_.pop_front();
  }
  done_[key] = std::make_shared<const json::value>(answer);
  sizes_[key] = bytes;
  order_.push_back(key);
  stats_.bytes += bytes;
}

SharedResponses::Stats SharedResponses::stats() const {
  std::lock_guard lock(mu_);
  Stats s = stats_;
  s.entries = done_.size();
  return s;
}

void SharedResponses::Clear() {
  std::lock_guard lock(mu_);
  done_.clear();
  sizes_.clear();
  order_.clear();
  stats_.bytes = 0;
}

}  // namespace catalog::definition
