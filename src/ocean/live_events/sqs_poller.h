// SqsPoller: live events pulled from an SQS queue that an EventBridge rule feeds (no public
// endpoint needed). At least once:
//   - a message is deleted only after every resource event in it was applied in the sink
//     (EventQueue ack true), or when it holds nothing to apply (errorCode, unmapped event);
//   - a crash or SIGTERM before that leaves it in the queue: SQS delivers it again after the
//     visibility timeout, and re-applying is harmless (an upsert fetches the current state, a
//     delete of a missing entity is a no-op);
//   - a poison message (not JSON, not a CloudTrail envelope, or its events keep failing) is never
//     deleted: it is left for the queue's redrive policy (maxReceiveCount -> dead-letter queue),
//     with a warning naming why; from its `max_receives`-th receive on the warning says it is
//     given up, and it is no longer applied.
// Receiving pauses while the EventQueue has no room for a full batch (bounded memory).
//
// MessageSource is the queue (app/sqs_message_source.h: ReceiveMessage / DeleteMessage over the
// AWS engine; tests use fakes). DeleteMessage is the only write live events make, and it stays
// out of the kind-definition machinery, which only reads.
//
// Thread-safety: one event loop.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "ocean/live_events/event_queue.h"
#include "ocean/live_events/event_types.h"

namespace ocean::live_events {

struct QueueMessage {
  std::string id;
  std::string receipt_handle;
  std::string body;
  int receive_count = 1;  // ApproximateReceiveCount
};

class MessageSource {
 public:
  virtual ~MessageSource() = default;
  virtual boost::asio::awaitable<core::Result<std::vector<QueueMessage>>> Receive(
      int max_messages, std::chrono::seconds wait) = 0;
  virtual boost::asio::awaitable<core::Status> Delete(const std::string& receipt_handle) = 0;
  virtual std::string Describe() const = 0;  // the queue, for logs
};

struct SqsPollerOptions {
  int batch = 10;                       // SQS's maximum per ReceiveMessage
  std::chrono::seconds wait{10};        // long-poll wait
  int max_receives = 5;                 // give a failing message up from this receive on
  std::chrono::milliseconds error_backoff{2000};
};

class SqsPoller {
 public:
  SqsPoller(boost::asio::any_io_executor executor, MessageSource& source,
            const EventRouter& router, EventQueue& queue, SqsPollerOptions options = {});
  ~SqsPoller();

  void Start();
  // Stops receiving (SIGTERM: before the EventQueue's Stop, so acks still delete).
  void StopReceiving() {
    stopping_ = true;
    sleep_.cancel();
  }
  // Stops receiving (a receive in progress is dropped: its messages reappear later) and waits
  // for the deletes already started.
  boost::asio::awaitable<void> Stop();

  long deleted() const { return deleted_; }

 private:
  boost::asio::awaitable<void> Loop();
  void Handle(QueueMessage m);
  void DeleteLater(QueueMessage m);

  boost::asio::any_io_executor executor_;
  MessageSource& source_;
  const EventRouter& router_;
  EventQueue& queue_;
  SqsPollerOptions options_;
  boost::asio::steady_timer sleep_;
  bool stopping_ = false;
  int deleting_ = 0;
  long deleted_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace ocean::live_events
