// See sqs_poller.h.
#include "ocean/live_events/sqs_poller.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.h"
#include "ocean/live_events/live_metrics.h"
#include "ocean/live_events/webhook_route.h"

namespace ocean::live_events {

namespace asio = boost::asio;

SqsPoller::SqsPoller(asio::any_io_executor executor, MessageSource& source,
                     const EventRouter& router, EventQueue& queue, SqsPollerOptions options)
    : executor_(executor), source_(source), router_(router), queue_(queue), options_(options),
      sleep_(executor) {}

SqsPoller::~SqsPoller() {
  *alive_ = false;
  sleep_.cancel();
}

void SqsPoller::Start() { asio::co_spawn(executor_, Loop(), asio::detached); }

asio::awaitable<void> SqsPoller::Loop() {
  std::shared_ptr<bool> alive = alive_;
  LOG_INFO("live events: polling SQS queue {}", source_.Describe());
  while (*alive && !stopping_) {
    if (!queue_.HasRoom(static_cast<std::size_t>(options_.batch))) {
      sleep_.expires_after(std::chrono::milliseconds(50));
      boost::system::error_code ec;
      co_await sleep_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    core::Result<std::vector<QueueMessage>> got =
        co_await source_.Receive(options_.batch, options_.wait);
    if (!*alive || stopping_) co_return;  // not handled: the messages reappear later
    if (!got.ok()) {
      LOG_WARN("live events: receiving from SQS queue {} failed: {}", source_.Describe(),
               got.status().message());
      sleep_.expires_after(options_.error_backoff);
      boost::system::error_code ec;
      co_await sleep_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    if (got->empty()) {  // a queue (or emulator) that does not long-poll: do not spin
      sleep_.expires_after(std::chrono::milliseconds(200));
      boost::system::error_code ec;
      co_await sleep_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    for (QueueMessage& m : *got) Handle(std::move(m));
  }
}

void SqsPoller::Handle(QueueMessage m) {
  CountReceived("sqs");
  auto poison = [&](const std::string& why) {
    LOG_WARN("live events: SQS message {} is poison ({}); left for the queue's redrive policy "
             "(receive {})",
             m.id, why, m.receive_count);
  };
  core::Result<json::value> doc = core::ParseJson(m.body, "SQS message body");
  if (!doc.ok()) {
    CountIgnored("malformed_json");
    poison("not JSON: " + doc.status().message());
    return;
  }
  if (m.receive_count > options_.max_receives) {
    CountIgnored("too_many_receives");
    poison("received " + std::to_string(m.receive_count) + " times, more than the limit of " +
           std::to_string(options_.max_receives) + "; its events kept failing");
    return;
  }
  std::shared_ptr<bool> alive = alive_;
  QueueMessage copy = m;
  bool full = false;
  RouteResult routed = RouteAndQueue(
      *doc, router_, queue_,
      [this, alive, copy](bool applied) mutable {
        if (!*alive) return;
        if (applied) {
          DeleteLater(std::move(copy));
        } else {
          LOG_WARN("live events: SQS message {} not applied (receive {} of at most {}); it will "
                   "be received again{}",
                   copy.id, copy.receive_count, options_.max_receives,
                   copy.receive_count >= options_.max_receives
                       ? ", then left for the queue's redrive policy"
                       : "");
        }
      },
      &full);
  if (routed.type == RouteResult::Type::kError) {
    poison("not an EventBridge CloudTrail event: " + routed.reason);
  } else if (full) {
    LOG_INFO("live events: queue full, SQS message {} will be received again", m.id);
  }
}

void SqsPoller::DeleteLater(QueueMessage m) {
  ++deleting_;
  std::shared_ptr<bool> alive = alive_;
  asio::co_spawn(
      executor_,
      [this, alive, m = std::move(m)]() -> asio::awaitable<void> {
        core::Status s = co_await source_.Delete(m.receipt_handle);
        if (!*alive) co_return;
        --deleting_;
        if (s.ok()) {
          ++deleted_;
        } else {
          LOG_WARN("live events: deleting SQS message {} failed (it will be received and "
                   "applied again, harmlessly): {}",
                   m.id, s.message());
        }
      },
      asio::detached);
}

asio::awaitable<void> SqsPoller::Stop() {
  stopping_ = true;
  sleep_.cancel();
  asio::steady_timer t(executor_);
  while (deleting_ > 0) {
    t.expires_after(std::chrono::milliseconds(10));
    boost::system::error_code ec;
    co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace ocean::live_events
