// SharedResponses: answers of read-only AWS calls shared by every kind of one resync.
//
// A kind definition opts a call in with `shared: true` (an action's `call`, or a listing whose
// operation is a single, non-pageable call such as CodePipeline's GetPipeline under a parent
// listing). The answer is keyed by region, service, operation and the rendered params; the
// account is implicit, since each AccountSession owns its own store (catalog/account.h) and
// discovery makes fresh sessions for every resync, so the store lives exactly as long as the
// resync and is released with it. Callers of a key that is being fetched wait for that one call
// instead of making their own (Pipeline, Stage and Action running concurrently make one
// GetPipeline per pipeline, not three).
//
// Only successful answers are kept; an error goes to the callers waiting for it and the next
// caller tries again. The store is bounded (entries and bytes of serialized JSON): when full,
// the oldest answers are dropped first, which costs a repeated call, never a wrong answer.
//
// Thread-safety: a mutex guards the store, so stats and Clear may be called from any thread;
// GetOrFetch and its waiters must run on one event loop (the resync's, which is single
// threaded), because a waiter parks on a timer of the fetching coroutine's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "aws/client.h"
#include "core/json.h"
#include "core/result.h"

namespace catalog::definition {

class SharedResponses {
 public:
  struct Limits {
    // Per account session: a resync keeps one store per account until it ends, so the bound
    // is kept small (about 300-3,000 GetPipeline answers); beyond it, calls are repeated.
    std::size_t max_entries = 5000;
    std::size_t max_bytes = 16u << 20;  // serialized JSON
  };
  struct Stats {
    long fetches = 0;  // calls made (misses)
    long hits = 0;     // answers served from the store or from a call in flight
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  using FetchFn = std::function<boost::asio::awaitable<core::Result<json::value>>()>;

  SharedResponses() : SharedResponses(Limits{}) {}
  explicit SharedResponses(Limits limits) : limits_(limits) {}

  // The stored answer for `key`, else the answer of the call in flight for it, else `fetch()`'s.
  boost::asio::awaitable<core::Result<json::value>> GetOrFetch(std::string key, FetchFn fetch);

  Stats stats() const;
  void Clear();

  // "<region>|<service>.<operation>|<params as JSON>".
  static std::string Key(std::string_view region, std::string_view service,
                         std::string_view operation, const json::object& params);

 private:
  struct InFlight;
  void Store(const std::string& key, const json::value& answer);

  Limits limits_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const json::value>, std::less<>> done_;
  std::map<std::string, std::size_t, std::less<>> sizes_;
  std::deque<std::string> order_;  // insertion order, for eviction
  std::map<std::string, std::shared_ptr<InFlight>, std::less<>> in_flight_;
  Stats stats_;
};

using SharedResponsesPtr = std::shared_ptr<SharedResponses>;

// One call (CallOnce, calls.h) through `shared`: made once per resync and key, whoever asks.
boost::asio::awaitable<core::Result<json::value>> CallShared(aws::AwsClient& client,
                                                             const aws::CallTarget& target,
                                                             const aws::model::ServiceModel& svc,
                                                             const aws::model::Operation& op,
                                                             json::object params,
                                                             SharedResponses& shared);

}  // namespace catalog::definition
