// LiveEventsService: live events for `ocean-aws sail` (ocean/live_events), built from the
// settings and the resync session:
//   OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_API_KEY    mounts POST {prefix}/integration/webhook
//   OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_SQS_QUEUE_URL  long-polls that queue
//   OCEAN__INTEGRATION__CONFIG__LIVE_EVENTS_SQS_REGION     the queue's region when its URL does
//                                                          not say it (default AWS_REGION, else
//                                                          us-east-1)
//   OCEAN__LIVE_EVENTS_WINDOW_MS (250), OCEAN__LIVE_EVENTS_CONCURRENCY (100),
//   OCEAN__LIVE_EVENTS_MAX_RECEIVES (5): coalescing window, applies in flight, and the receive
//   count from which a failing SQS message is left to the redrive policy;
//   OCEAN__LIVE_EVENTS_JOURNAL_PATH (.ocean-aws/live-events-webhook.journal, relative to the
//   working directory) and OCEAN__LIVE_EVENTS_JOURNAL_MAX_MB (64): the webhook's durable intake
//   (ocean/live_events/webhook_journal.h, written by its own thread: journal_writer.h), replayed
//   at Start(). A journal that cannot be opened (a directory that cannot be created, a file that
//   cannot be read or written) makes Create() fail with the path and the OS error: `sail` then
//   exits 2 at startup. Chosen over answering every event 503: a configuration fault shows at
//   once (exit status, restart loop, the message) instead of a healthy-looking service refusing
//   every event until EventBridge's retry window drops them, and never a 200 without
//   durability (the fallback to memory this replaces). SQS-only live events need no journal.
//   OCEAN__LIVE_EVENTS_SQS_WAIT_SECONDS (10) and OCEAN__LIVE_EVENTS_SQS_VISIBILITY_SECONDS (60):
//   ReceiveMessage's long-poll wait and visibility timeout (longer than an apply takes).
// Both deliveries share one EventQueue and LiveApplier (the resync's sink, AWS client, account
// discovery, mapping source and mapping worker pool).
//
// Thread-safety: the session's event loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>

#include "app/resync_session.h"
#include "core/result.h"
#include "ocean/live_events/event_types.h"
#include "ocean/server/http_server.h"

namespace app {

class LiveEventsService {
 public:
  // Null when neither an API key nor a queue is configured (live events off); an error when the
  // webhook's journal cannot be opened.
  static core::Result<std::unique_ptr<LiveEventsService>> Create(
      ResyncSession& session, std::unique_ptr<ocean::live_events::EventRouter> router);
  ~LiveEventsService();

  void Mount(ocean::server::HttpServer& server);  // the webhook, when an API key is set
  void Start();                                   // the queue and the SQS poller
  // SIGTERM: stop receiving, apply what is pending (up to 10 s), delete what was applied.
  boost::asio::awaitable<void> Stop();

 private:
  LiveEventsService() = default;
  struct Parts;
  std::unique_ptr<Parts> p_;
};

}  // namespace app
