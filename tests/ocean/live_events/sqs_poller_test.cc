// SqsPoller on a fake queue: a message is deleted only after its events were applied; an
// ignored event (errorCode, unmapped) is deleted at once; poison (not JSON, not an envelope, or
// received too often) is never deleted; a failed apply leaves the message for redelivery.
#include "ocean/live_events/sqs_poller.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <deque>
#include <set>

namespace ocean::live_events {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

class FakeQueue final : public MessageSource {
 public:
  asio::awaitable<core::Result<std::vector<QueueMessage>>> Receive(int max,
                                                                   std::chrono::seconds) override {
    std::vector<QueueMessage> out;
    while (!waiting.empty() && static_cast<int>(out.size()) < max) {
      out.push_back(waiting.front());
      waiting.pop_front();
    }
    co_return out;
  }
  asio::awaitable<core::Status> Delete(const std::string& receipt) override {
    deleted.insert(receipt);
    co_return core::Status::Ok();
  }
  std::string Describe() const override { return "fake"; }

  std::deque<QueueMessage> waiting;
  std::set<std::string> deleted;
};

// eventName "Ignore" -> ignored; "Fail" -> a target whose apply fails; other -> one target.
class NameRouter final : public EventRouter {
 public:
  RouteResult Route(const json::value& v) const override {
    const json::object* o = v.if_object();
    const json::object* d = o ? core::FindObject(*o, "detail") : nullptr;
    if (!d) return RouteResult::Error("no detail");
    std::string name(core::FindString(*d, "eventName"));
    if (name == "Ignore") return RouteResult::Ignored("unmapped");
    RouteResult r;
    r.type = RouteResult::Type::kTargets;
    EventTarget t;
    t.kind = "AWS::SQS::Queue";
    t.id = name;
    r.targets.push_back(t);
    return r;
  }
};

class FailingNamedApplier final : public EventApplier {
 public:
  asio::awaitable<ApplyResult> Apply(const EventTarget& t) override {
    ++applies;
    ApplyResult r;
    if (t.id == "Fail") r.type = ApplyResult::Type::kFailed;
    co_return r;
  }
  int applies = 0;
};

QueueMessage Msg(std::string receipt, std::string body, int receives = 1) {
  return QueueMessage{receipt, receipt, std::move(body), receives};
}

TEST(LiveSqsPoller, DeletesAppliedAndIgnoredKeepsPoisonAndFailures) {
  asio::io_context io;
  FakeQueue source;
  source.waiting = {Msg("applied", R"({"detail":{"eventName":"q1"}})"),
                    Msg("ignored", R"({"detail":{"eventName":"Ignore"}})"),
                    Msg("notjson", "{oops"),
                    Msg("notenvelope", R"({"a":1})"),
                    Msg("failing", R"({"detail":{"eventName":"Fail"}})"),
                    Msg("tooOften", R"({"detail":{"eventName":"q2"}})", 9)};
  NameRouter router;
  FailingNamedApplier applier;
  EventQueueOptions qo;
  qo.window = 0ms;
  EventQueue queue(io.get_executor(), applier, qo);
  SqsPollerOptions po;
  po.max_receives = 5;
  SqsPoller poller(io.get_executor(), source, router, queue, po);
  queue.Start();
  poller.Start();
  auto deadline = std::chrono::steady_clock::now() + 3s;
  while (std::chrono::steady_clock::now() < deadline &&
         (source.deleted.size() < 2 || applier.applies < 2)) {
    io.run_for(5ms);
  }
  io.run_for(50ms);
  EXPECT_EQ(source.deleted, (std::set<std::string>{"applied", "ignored"}));
  EXPECT_EQ(applier.applies, 2);  // q1 and Fail; the message received 9 times is not applied
  poller.StopReceiving();
}

}  // namespace
}  // namespace ocean::live_events
