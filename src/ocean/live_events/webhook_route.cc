// See webhook_route.h.
#include "ocean/live_events/webhook_route.h"

#include <memory>

#include "core/log.h"
#include "ocean/live_events/live_metrics.h"

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

server::Handler MakeWebhookHandler(std::string api_key, const EventRouter& router,
                                   EventQueue& queue) {
  return [key = std::move(api_key), &router, &queue](
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
    RouteResult routed = RouteAndQueue(*doc, router, queue, nullptr, &full);
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
