// EventQueue: the per-resource ordering, coalescing and bounded concurrency of live events.
//
// Submit(target, ack) queues one resource event. Events are keyed by EventTarget::Key() (kind,
// account, region, id):
//   - coalescing: a key's events that arrive within `window` of its first pending event become
//     ONE apply (the last event's action wins: the fetch reads the resource's current state
//     anyway). Every coalesced event is counted and acknowledged with the apply's outcome;
//   - ordering: a key is applied by at most one worker at a time; events arriving while it is
//     being applied wait for that apply to finish, then form the key's next apply;
//   - bounds: at most `capacity` events pending or in flight (Submit answers kFull beyond it;
//     the webhook then answers 503, the SQS poller stops receiving) and at most `concurrency`
//     applies in flight;
//   - retries: an apply answering kRetry is retried after retry_delay, up to max_attempts in
//     all, then given up (acks false, counted failed). kDenied and kFailed are not retried.
// `ack(true)` is called once the event's effect is in the sink (applied or denied: nothing to
// change), `ack(false)` when it was given up or the queue stopped before applying it. The SQS
// source deletes a message only on ack(true).
//
// Stop(grace) stops accepting, keeps applying what is pending (window ignored) for at most
// `grace`, waits for applies in flight, then acknowledges what is left with false.
//
// Thread-safety: every member runs on the executor's (single-threaded) event loop.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ocean/live_events/event_applier.h"
#include "ocean/live_events/event_types.h"

namespace ocean::live_events {

using Ack = std::function<void(bool applied)>;

struct EventQueueOptions {
  std::size_t capacity = 20'000;
  std::size_t concurrency = 32;
  std::chrono::milliseconds window{250};
  int max_attempts = 4;
  std::chrono::milliseconds retry_delay{500};
};

class EventQueue {
 public:
  using SteadyClock = std::chrono::steady_clock;
  enum class SubmitResult { kQueued, kFull, kStopped };

  EventQueue(boost::asio::any_io_executor executor, EventApplier& applier,
             EventQueueOptions options = {});
  ~EventQueue();
  EventQueue(const EventQueue&) = delete;
  EventQueue& operator=(const EventQueue&) = delete;

  void Start();  // spawns the dispatcher
  SubmitResult Submit(EventTarget target, Ack ack);
  // Whether `n` more events fit now.
  bool HasRoom(std::size_t n) const { return size_ + n <= options_.capacity; }
  boost::asio::awaitable<void> Stop(std::chrono::milliseconds grace);

  bool stopping() const { return stopping_; }  // Stop() called: Submit refuses
  std::size_t size() const { return size_; }  // events pending or in flight
  std::size_t in_flight() const { return in_flight_; }
  long applies() const { return applies_; }  // Apply() calls made (retries included)
  long coalesced() const { return coalesced_; }

 private:
  struct Pending {
    EventTarget target;
    Ack ack;
    SteadyClock::time_point arrived;
  };
  struct Slot {
    std::vector<Pending> pending;
    bool running = false;
    bool scheduled = false;
  };

  void Schedule(const std::string& key, SteadyClock::time_point at);
  void Wake();
  boost::asio::awaitable<void> Dispatch();
  boost::asio::awaitable<void> Work(std::string key, std::vector<Pending> batch);
  void Finish(std::vector<Pending>& batch, bool applied, const ApplyResult& r);

  boost::asio::any_io_executor executor_;
  EventApplier& applier_;
  EventQueueOptions options_;
  std::unordered_map<std::string, Slot> slots_;
  std::multimap<SteadyClock::time_point, std::string> ready_;  // scheduled keys by due time
  boost::asio::steady_timer wake_;
  std::size_t size_ = 0;
  std::size_t in_flight_ = 0;
  long applies_ = 0;
  long coalesced_ = 0;
  bool started_ = false;
  bool stopping_ = false;
  bool flush_ = false;  // Stop(): ignore the window
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace ocean::live_events
