// See event_queue.h.
#include "ocean/live_events/event_queue.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.h"
#include "ocean/live_events/live_metrics.h"

namespace ocean::live_events {

namespace asio = boost::asio;

EventQueue::EventQueue(asio::any_io_executor executor, EventApplier& applier,
                       EventQueueOptions options)
    : executor_(executor), applier_(applier), options_(options), wake_(executor) {
  if (options_.concurrency == 0) options_.concurrency = 1;
  if (options_.max_attempts < 1) options_.max_attempts = 1;
}

EventQueue::~EventQueue() {
  *alive_ = false;
  wake_.cancel();
}

void EventQueue::Start() {
  if (started_) return;
  started_ = true;
  asio::co_spawn(executor_, Dispatch(), asio::detached);
}

EventQueue::SubmitResult EventQueue::Submit(EventTarget target, Ack ack) {
  if (stopping_) return SubmitResult::kStopped;
  if (size_ >= options_.capacity) return SubmitResult::kFull;
  const auto now = SteadyClock::now();
  std::string key = target.Key();
  Slot& slot = slots_[key];
  if (!slot.pending.empty()) {
    ++coalesced_;
    CountCoalesced();
  }
  slot.pending.push_back(Pending{std::move(target), std::move(ack), now});
  ++size_;
  CountQueued(1);
  SetPending(static_cast<long>(size_));
  if (!slot.running && !slot.scheduled) Schedule(key, now + options_.window);
  return SubmitResult::kQueued;
}

void EventQueue::Schedule(const std::string& key, SteadyClock::time_point at) {
  slots_[key].scheduled = true;
  ready_.emplace(at, key);
  Wake();
}

void EventQueue::Wake() { wake_.cancel(); }

asio::awaitable<void> EventQueue::Dispatch() {
  std::shared_ptr<bool> alive = alive_;
  while (*alive) {
    const auto now = SteadyClock::now();
    while (!ready_.empty() && in_flight_ < options_.concurrency &&
           (flush_ || ready_.begin()->first <= now)) {
      std::string key = std::move(ready_.begin()->second);
      ready_.erase(ready_.begin());
      Slot& slot = slots_[key];
      slot.scheduled = false;
      slot.running = true;
      std::vector<Pending> batch = std::move(slot.pending);
      slot.pending.clear();
      ++in_flight_;
      asio::co_spawn(executor_, Work(std::move(key), std::move(batch)), asio::detached);
    }
    if (stopping_ && !flush_) break;
    if (!ready_.empty() && in_flight_ < options_.concurrency) {
      wake_.expires_at(ready_.begin()->first);
    } else {
      wake_.expires_at(SteadyClock::time_point::max());
    }
    boost::system::error_code ec;
    co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> EventQueue::Work(std::string key, std::vector<Pending> batch) {
  std::shared_ptr<bool> alive = alive_;
  const EventTarget& target = batch.back().target;  // the last event's action wins
  ApplyResult r;
  for (int attempt = 1;; ++attempt) {
    ++applies_;
    try {
      r = co_await applier_.Apply(target);
    } catch (const std::exception& e) {
      r = ApplyResult{ApplyResult::Type::kFailed, std::string("internal error: ") + e.what(),
                      "internal"};
    }
    if (!*alive) co_return;
    if (r.type != ApplyResult::Type::kRetry || attempt >= options_.max_attempts) break;
    if (stopping_ && !flush_) break;
    asio::steady_timer delay(executor_);
    delay.expires_after(options_.retry_delay * attempt);
    boost::system::error_code ec;
    co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!*alive) co_return;
  }
  const bool done = r.type == ApplyResult::Type::kApplied || r.type == ApplyResult::Type::kDenied;
  if (!done) {
    LOG_WARN("live event for {} '{}' (account {}, region {}) not applied after {} event(s): {}",
             target.kind, target.id, target.account, target.region, batch.size(), r.message);
  }
  Finish(batch, done, r);
  --in_flight_;
  Slot& slot = slots_[key];
  slot.running = false;
  if (!slot.pending.empty()) {
    Schedule(key, std::max(slot.pending.front().arrived + options_.window, SteadyClock::now()));
  } else {
    slots_.erase(key);
  }
  Wake();
}

void EventQueue::Finish(std::vector<Pending>& batch, bool applied, const ApplyResult& r) {
  const auto now = std::chrono::system_clock::now();
  for (Pending& p : batch) {
    if (r.type == ApplyResult::Type::kApplied && !r.ignored.empty()) {
      CountIgnored(r.ignored);
    } else if (r.type == ApplyResult::Type::kApplied) {
      CountApplied(r.deleted > 0 || (r.upserted == 0 && p.target.action == EventAction::kDelete)
                       ? "delete"
                       : "upsert");
      ObserveLag(now - p.target.event_time);
    } else if (r.type == ApplyResult::Type::kDenied) {
      CountDenied();
    }
  }
  if (!applied) {
    CountFailed(static_cast<long>(batch.size()),
                r.reason.empty() && r.type == ApplyResult::Type::kRetry ? "retries_exhausted"
                                                                         : r.reason);
  }
  size_ -= batch.size();
  SetPending(static_cast<long>(size_));
  for (Pending& p : batch) {
    if (p.ack) p.ack(applied);
  }
}

asio::awaitable<void> EventQueue::Stop(std::chrono::milliseconds grace) {
  if (stopping_) co_return;
  stopping_ = true;
  flush_ = true;
  Wake();
  const auto deadline = SteadyClock::now() + grace;
  asio::steady_timer tick(executor_);
  while (size_ > 0 && SteadyClock::now() < deadline) {
    tick.expires_after(std::chrono::milliseconds(10));
    boost::system::error_code ec;
    co_await tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  flush_ = false;  // dispatch nothing more; let what is in flight finish
  Wake();
  while (in_flight_ > 0) {
    tick.expires_after(std::chrono::milliseconds(10));
    boost::system::error_code ec;
    co_await tick.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  long left = 0;
  for (auto& [key, slot] : slots_) {
    for (Pending& p : slot.pending) {
      ++left;
      if (p.ack) p.ack(false);
    }
  }
  slots_.clear();
  ready_.clear();
  size_ = 0;
  SetPending(0);
  if (left > 0) {
    LOG_WARN("live events: {} event(s) not applied before shutdown (SQS redelivers them)", left);
  }
}

}  // namespace ocean::live_events
