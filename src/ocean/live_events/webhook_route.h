// The live-events webhook, wire-compatible with aws-v3's: POST {prefix}/integration/webhook.
//
//   header x-port-aws-ocean-api-key (name case-insensitive) must equal the configured key
//   (constant-time comparison)            else 401 {"detail":"Authentication failed"}
//   body must be JSON                      else 400 {"status":"error","message":"malformed JSON: ..."}
//   router says it is no CloudTrail envelope -> 400 {"status":"error","message":<why>}
//   router ignores it (errorCode, unmapped) -> 200 {"status":"ok"}, counted by reason
//   the queue has no room for its targets, or the process is shutting down
//                                           -> 503 {"status":"error","message":...} (retry later)
//   the journal is full or cannot be written -> 503 {"status":"error","message":...}
//   durably queued                          -> 200 {"status":"ok"} (the original's answer)
// Bodies over the server's max_body_bytes are refused by the server with 413.
// Durability: with a journal (journal_writer.h), an event with targets is appended and synced
// to it BEFORE the answer — on the journal's writer thread, grouped with the events arriving
// meanwhile (one fdatasync per group), while the event loop serves other requests — and marked
// applied once every target's change is in the sink (or was given up); ReplayJournal queues the
// unapplied ones at startup. A target not applied because the queue stopped (SIGTERM) stays
// unapplied and is replayed by the next start. An event made durable but then refused because
// the queue filled meanwhile is marked applied and answered 503 (the sender retries it). Without
// a journal (tests), events live in memory only.
//
// Thread-safety: the handler runs on the server's event loop, the queue's loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ocean/live_events/event_queue.h"
#include "ocean/live_events/event_types.h"
#include "ocean/server/http_message.h"

namespace ocean::live_events {

inline constexpr std::string_view kApiKeyHeader = "x-port-aws-ocean-api-key";
inline constexpr std::string_view kWebhookPath = "/integration/webhook";

// Constant-time equality (the time depends on the lengths only).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

class JournalWriter;

// `router`, `queue` and `journal` (may be null) must outlive the handler.
server::Handler MakeWebhookHandler(std::string api_key, const EventRouter& router,
                                   EventQueue& queue, JournalWriter* journal = nullptr);

// Queues the journal's events that were accepted but not applied before the last stop, oldest
// first, as the queue makes room; each is marked applied like a webhook event. An event that no
// longer routes (the mapping changed, or it is unreadable) is logged and marked applied.
boost::asio::awaitable<void> ReplayJournal(std::vector<std::pair<std::uint64_t, std::string>> events,
                                           const EventRouter& router, EventQueue& queue,
                                           JournalWriter& journal);

// Routes one envelope (already parsed) and queues its targets; shared by the webhook and SQS.
// `ack` is called once when every target was applied (true) or when any was not (false); for
// an ignored envelope it is called with true at once. Returns the router's result; when the
// queue is full nothing is queued and `*full` is set.
RouteResult RouteAndQueue(const json::value& envelope, const EventRouter& router,
                          EventQueue& queue, Ack ack, bool* full);

}  // namespace ocean::live_events
