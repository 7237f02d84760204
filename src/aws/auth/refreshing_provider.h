// RefreshingCredentialsProvider: caches the credentials a fetch function returns and fetches new
// ones before they expire. Every temporary-credential provider (AssumeRole, web identity,
// credential_process, ECS, IMDS) is a fetch function wrapped in one of these.
//
// Policy:
//   - Credentials without an expiration are fetched once and kept.
//   - A refresh starts once the credentials expire within `refresh_window` plus a random jitter
//     of up to `jitter` (so thousands of accounts' roles do not refresh in the same second).
//   - Single flight: while a fetch runs, other Get() callers either get the still-valid cached
//     credentials at once, or (when there are none) await that same fetch; never a second one.
//   - When a refresh fails while the cached credentials are still valid (more than
//     `expiry_margin` left), the cached ones are returned and one WARN is logged until a refresh
//     succeeds again. Otherwise the error is returned; nothing is cached, the next Get() retries.
//
// Thread-safety: one io_context thread (see credentials.h). Get() may be awaited by many
// coroutines at once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/auth/credentials.h"
#include "core/clock.h"

namespace aws {

struct RefreshOptions {
  std::chrono::seconds refresh_window{300};
  std::chrono::seconds jitter{60};
  std::chrono::seconds expiry_margin{10};
  const core::Clock* clock = nullptr;   // nullptr = SystemClock
  std::function<double()> random;       // [0, 1); empty = a seeded PRNG
};

class RefreshingCredentialsProvider final : public CredentialsProvider {
 public:
  using FetchFn = std::function<boost::asio::awaitable<core::Result<Credentials>>()>;

  RefreshingCredentialsProvider(std::string description, FetchFn fetch,
                                RefreshOptions options = {});
  ~RefreshingCredentialsProvider() override;

  // Implements CredentialsProvider.
  boost::asio::awaitable<core::Result<Credentials>> Get() override;
  std::string Describe() const override { return description_; }

  // Number of fetches started (for tests and metrics).
  int fetch_count() const { return fetch_count_; }

 private:
  struct Flight;
  bool Usable(const Credentials& c) const;     // valid for more than expiry_margin
  bool NeedsRefresh() const;
  boost::asio::awaitable<core::Result<Credentials>> Refresh();

  std::string description_;
  FetchFn fetch_;
  RefreshOptions options_;
  std::optional<Credentials> cached_;
  core::Timestamp refresh_at_;                 // valid when cached_ has an expiration
  std::shared_ptr<Flight> flight_;             // the fetch in progress, if any
  bool warned_ = false;
  int fetch_count_ = 0;
};

}  // namespace aws
