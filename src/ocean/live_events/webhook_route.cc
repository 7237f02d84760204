// See webhook_route.h.
#include "ocean/live_events/webhook_route.h"

#include <memory>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/redirect_error.hpp>

#include "core/log.h"
#include "ocean/live_events/live_metrics.h"
#include "ocean/live_events/journal_writer.h"

namespace ocean::live_events {

namespace asio = boost::asio;

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

RouteResult RouteAndQueue(const json::value& envelope, const EventRouter& router,
                          EventQueue& queue, Ack ack, bool* full) {
  *full = false;
  RouteResult routed = router.Route(envelope);
  if (routed.type == RouteResult::Type::kIgnored) {
    CountIgnored(routed.reason);
    if (ack) ack(true);
    return routed;
  }
  if (routed.type == RouteResult::Type::kError) {
    CountIgnored("invalid");
    return routed;
  }
  if (routed.targets.empty()) {
    CountIgnored("no_targets");
    if (ack) ack(true);
    return routed;
  }
  if (!queue.HasRoom(routed.targets.size())) {
    *full = true;
    return routed;
  }
  // One acknowledgement for the envelope once all of its targets are done.
  struct Join {
    std::size_t left;
    bool ok = true;
    Ack ack;
  };
  auto join = std::make_shared<Join>(Join{routed.targets.size(), true, std::move(ack)});
  for (const EventTarget& t : routed.targets) {
    EventQueue::SubmitResult r = queue.Submit(t, [join](bool applied) {
      join->ok = join->ok && applied;
      if (--join->left == 0 && join->ack) join->ack(join->ok);
    });
    if (r != EventQueue::SubmitResult::kQueued) {  // stopped meanwhile: count it as not applied
      join->ok = false;
      if (--join->left == 0 && join->ack) join->ack(false);
    }
  }
  return routed;
}

namespace {

// The acknowledgement of a journaled event: applied, or given up while the queue runs, marks it
// applied; not applied because the queue stopped leaves it for the next start.
Ack JournalAck(JournalWriter* journal, EventQueue& queue, std::uint64_t seq) {
  return [journal, &queue, seq](bool applied) {
    if (applied || !queue.stopping()) journal->MarkApplied(seq);
  };
}

}  // namespace

asio::awaitable<void> ReplayJournal(std::vector<std::pair<std::uint64_t, std::string>> events,
                                    const EventRouter& router, EventQueue& queue,
                                    JournalWriter& journal) {
  asio::steady_timer wait(co_await asio::this_coro::executor);
  for (auto& [seq, body] : events) {
    if (queue.stopping()) co_return;  // the rest stays in the journal for the next start
    core::Result<json::value> doc = core::ParseJson(body, "journaled webhook event");
    if (!doc.ok()) {
      LOG_WARN("live-event journal: event {} is unreadable and skipped: {}", seq,
               doc.status().message());
      journal.MarkApplied(seq);
      continue;
    }
    for (;;) {
      bool full = false;
      RouteResult routed = RouteAndQueue(*doc, router, queue, JournalAck(&journal, queue, seq),
                                         &full);
      if (routed.type == RouteResult::Type::kError) {
        LOG_WARN("live-event journal: event {} no longer routes ({}); skipped", seq, routed.reason);
        journal.MarkApplied(seq);
      }
      if (!full) break;
      if (queue.stopping()) co_return;
      wait.expires_after(std::chrono::milliseconds(50));  // wait for the queue to make room
      boost::system::error_code ec;
      co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
  }
}

server::Handler MakeWebhookHandler(std::string api_key, const EventRouter& router,
                                   EventQueue& queue, JournalWriter* journal) {
  return [key = std::move(api_key), &router, &queue, journal](
             const server::HttpRequestView& req) -> asio::awaitable<server::HttpReply> {
    auto error = [](int status, std::string message) {
      json::object body;
      body["status"] = "error";
      body["message"] = std::move(message);
      return server::HttpReply::Json(status, body);
    };
    std::string_view given = req.Header(kApiKeyHeader);
    if (key.empty() || given.empty() || !ConstantTimeEquals(given, key)) {
      CountIgnored("unauthorized");
      LOG_WARN("live-event webhook: {} API key (request {})",
               given.empty() ? "missing" : "wrong", req.request_id);
      json::object body;
      body["detail"] = "Authentication failed";
      co_return server::HttpReply::Json(401, body);
    }
    if (queue.stopping()) {  // shutting down: EventBridge retries a 503, never a 200
      CountIgnored("shutting_down");
      co_return error(503, "shutting down; retry later");
    }
    CountReceived("webhook");
    core::Result<json::value> doc = core::ParseJson(req.body, "webhook body");
    if (!doc.ok()) {
      CountIgnored("malformed_json");
      co_return error(400, "malformed JSON: " + doc.status().message());
    }
    bool full = false;
    RouteResult routed;
    if (journal == nullptr) {
      routed = RouteAndQueue(*doc, router, queue, nullptr, &full);
    } else {
      // Route first (cheap, pure) so that only events with targets reach the disk, and check
      // for room before the event is made durable.
      routed = router.Route(*doc);
      if (routed.type == RouteResult::Type::kTargets && !routed.targets.empty()) {
        if (!queue.HasRoom(routed.targets.size())) {
          full = true;
        } else {
          // Durable before the answer; the event loop serves other requests meanwhile.
          core::Result<std::uint64_t> seq =
              co_await AsyncAppend(*journal, std::string(req.body), asio::use_awaitable);
          if (!seq.ok()) {
            CountIgnored("journal_unavailable");
            LOG_WARN("live-event webhook: event not accepted (request {}): {}", req.request_id,
                     seq.status().message());
            co_return error(503, seq.status().message() + "; retry later");
          }
          routed = RouteAndQueue(*doc, router, queue, JournalAck(journal, queue, *seq), &full);
          if (full) journal->MarkApplied(*seq);  // refused below: the sender retries it
        }
      } else {
        routed = RouteAndQueue(*doc, router, queue, nullptr, &full);  // counts and answers
      }
    }
    if (routed.type == RouteResult::Type::kError) {
      co_return error(400, "not an EventBridge CloudTrail event: " + routed.reason);
    }
    if (full) {
      CountIgnored("queue_full");
      co_return error(503, "live-event queue is full; retry later");
    }
    json::object ok;
    ok["status"] = "ok";
    co_return server::HttpReply::Json(200, ok);
  };
}

}  // namespace ocean::live_events
