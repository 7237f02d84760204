// The live-events webhook handler: API key (missing, wrong, header name in any case), malformed
// JSON, a payload the router refuses, an ignored event, a queued event, a full queue; and the
// constant-time comparison.
#include "ocean/live_events/webhook_route.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/detached.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "core/metrics.h"
#include "fakes/run_coro.h"
#include "ocean/live_events/journal_writer.h"
#include "ocean/live_events/webhook_journal.h"

namespace ocean::live_events {
namespace {

namespace asio = boost::asio;

// Routes {"detail":{"eventName":...}}: "Ignore" -> ignored(error_code); "Two" -> two targets;
// anything else -> one target; no detail -> error.
class ScriptRouter final : public EventRouter {
 public:
  RouteResult Route(const json::value& v) const override {
    const json::object* o = v.if_object();
    const json::object* detail = o ? core::FindObject(*o, "detail") : nullptr;
    if (!detail) return RouteResult::Error("no detail");
    std::string name(core::FindString(*detail, "eventName"));
    if (name == "Ignore") return RouteResult::Ignored("error_code");
    RouteResult r;
    r.type = RouteResult::Type::kTargets;
    EventTarget t;
    t.kind = "AWS::SQS::Queue";
    t.id = "q1";
    t.account = "1";
    t.region = "us-east-1";
    r.targets.push_back(t);
    if (name == "Two") {
      t.id = "q2";
      r.targets.push_back(t);
    }
    return r;
  }
};

class NeverApplier final : public EventApplier {
 public:
  asio::awaitable<ApplyResult> Apply(const EventTarget&) override { co_return ApplyResult{}; }
};

class LiveWebhookTest : public ::testing::Test {
 protected:
  server::HttpReply Post(std::string_view body,
                         std::vector<std::pair<std::string_view, std::string_view>> headers) {
    server::HttpRequestView req;
    req.method = "POST";
    req.path = "/integration/webhook";
    req.headers = std::move(headers);
    req.body = body;
    req.request_id = "r";
    return testing_fakes::RunCoro(io_, handler_(req));
  }
  server::HttpReply PostWithKey(std::string_view body) {
    return Post(body, {{"X-Port-AWS-Ocean-Api-Key", "s3cret"}});
  }

  asio::io_context io_;
  ScriptRouter router_;
  NeverApplier applier_;
  EventQueue queue_{io_.get_executor(), applier_, EventQueueOptions{.capacity = 2}};
  server::Handler handler_ = MakeWebhookHandler("s3cret", router_, queue_);
};

TEST_F(LiveWebhookTest, MissingOrWrongKeyIs401) {
  EXPECT_EQ(Post(R"({"detail":{}})", {}).status, 401);
  EXPECT_EQ(Post(R"({"detail":{}})", {{"x-port-aws-ocean-api-key", "nope"}}).status, 401);
  EXPECT_EQ(Post(R"({"detail":{}})", {{"x-port-aws-ocean-api-key", "s3cre"}}).status, 401);
  EXPECT_EQ(Post(R"({"detail":{}})", {{"x-other", "s3cret"}}).body,
            R"({"detail":"Authentication failed"})");
  EXPECT_EQ(queue_.size(), 0u);
}

TEST_F(LiveWebhookTest, HeaderNameIsCaseInsensitiveAndQueuedIsTheOriginalsOk) {
  server::HttpReply r = Post(R"({"detail":{"eventName":"X"}})",
                             {{"X-PORT-AWS-OCEAN-API-KEY", "s3cret"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(queue_.size(), 1u);
}

TEST_F(LiveWebhookTest, MalformedJsonAndWrongEnvelopeAre400WithAMessage) {
  server::HttpReply bad = PostWithKey("{not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("malformed JSON"), std::string::npos) << bad.body;
  server::HttpReply wrong = PostWithKey(R"({"hello":"world"})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("not an EventBridge CloudTrail event: no detail"), std::string::npos)
      << wrong.body;
  EXPECT_EQ(queue_.size(), 0u);
}

TEST_F(LiveWebhookTest, IgnoredEventsAreOkAndCountedByReason) {
  const double before =
      core::metrics::Get("ocean_aws_live_events_ignored_total", {{"reason", "error_code"}});
  server::HttpReply r = PostWithKey(R"({"detail":{"eventName":"Ignore"}})");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(queue_.size(), 0u);
  EXPECT_EQ(core::metrics::Get("ocean_aws_live_events_ignored_total", {{"reason", "error_code"}}),
            before + 1);
}

TEST_F(LiveWebhookTest, FullQueueIs503AndQueuesNothingOfTheEnvelope) {
  EXPECT_EQ(PostWithKey(R"({"detail":{"eventName":"X"}})").status, 200);
  server::HttpReply r = PostWithKey(R"({"detail":{"eventName":"Two"}})");  // 1 + 2 > capacity 2
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(queue_.size(), 1u);
}

TEST_F(LiveWebhookTest, AfterStopEventsAre503SoTheSenderRetries) {
  bool stopped = testing_fakes::RunCoro(io_, [this]() -> asio::awaitable<bool> {
    co_await queue_.Stop(std::chrono::milliseconds(100));
    co_return true;
  }());
  ASSERT_TRUE(stopped);
  server::HttpReply r = PostWithKey(R"({"detail":{"eventName":"X"}})");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("shutting down"), std::string::npos) << r.body;
}

TEST(LiveWebhookKey, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("abcd", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

// With a journal, an accepted event is on disk before the 200 and marked applied once applied;
// a full journal is a 503 that names it; ignored events never reach the disk.
TEST(LiveWebhookJournal, AcceptedEventsAreJournaledUntilAppliedAndAFullJournalIs503) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("webhook-journal-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  WebhookJournalOptions jo;
  jo.path = (dir / "j").string();
  jo.max_bytes = 64;  // one small event
  auto opened = WebhookJournal::Open(jo, nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto journal = std::make_unique<JournalWriter>(std::move(*opened));
  asio::io_context io;
  ScriptRouter router;
  NeverApplier applier;
  EventQueue queue(io.get_executor(), applier, EventQueueOptions{.window = std::chrono::milliseconds(0)});
  server::Handler handler = MakeWebhookHandler("k", router, queue, journal.get());
  auto post = [&](std::string_view body) {
    server::HttpRequestView req;
    req.method = "POST";
    req.headers = {{"x-port-aws-ocean-api-key", "k"}};
    req.body = body;
    return testing_fakes::RunCoro(io, handler(req));
  };
  EXPECT_EQ(post(R"({"detail":{"eventName":"Ignore"}})").status, 200);
  EXPECT_EQ(journal->unapplied(), 0u);
  server::HttpReply ok = post(R"({"detail":{"eventName":"X"}})");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"status":"ok"})");
  EXPECT_EQ(journal->unapplied(), 1u);  // durable before the answer
  server::HttpReply full = post(R"({"detail":{"eventName":"X","pad":"0123456789012345678901"}})");
  EXPECT_EQ(full.status, 503);
  EXPECT_NE(full.body.find("journal is full"), std::string::npos) << full.body;
  EXPECT_EQ(queue.size(), 1u);  // the refused event was not queued either
  queue.Start();
  io.restart();
  io.run_for(std::chrono::milliseconds(200));
  EXPECT_EQ(queue.size(), 0u);
  journal->Flush();  // the mark is written by the journal's thread
  EXPECT_EQ(journal->unapplied(), 0u);  // applied: marked
  journal.reset();
  std::filesystem::remove_all(dir);
}

// Posts `body` with the key "k"; the answer's status goes to *status, and `on_answer` runs then.
asio::awaitable<void> PostOne(server::Handler& handler, std::string body, int* status,
                              std::function<void()> on_answer) {
  server::HttpRequestView req;
  req.method = "POST";
  req.headers = {{"x-port-aws-ocean-api-key", "k"}};
  req.body = body;
  server::HttpReply reply = co_await handler(req);
  *status = reply.status;
  if (on_answer) on_answer();
}

std::filesystem::path FreshDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

// Many events posted at once: each is answered 200 only once it is synced, they share a few
// syncs (group commit on the journal's thread), and the event loop answers other requests while
// the disk works; after a restart every one of them is replayed.
TEST(LiveWebhookJournal, ConcurrentPostsAreAllDurableAndAnsweredWithGroupCommit) {
  const std::filesystem::path dir = FreshDir("webhook-journal-group");
  std::atomic<int> syncs{0};
  WebhookJournalOptions jo;
  jo.path = (dir / "j").string();
  jo.sync = [&syncs](int fd) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // a slow disk
    ++syncs;
    return ::fdatasync(fd);
  };
  auto opened = WebhookJournal::Open(jo, nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto journal = std::make_unique<JournalWriter>(std::move(*opened));
  asio::io_context io;
  ScriptRouter router;
  NeverApplier applier;
  EventQueue queue(io.get_executor(), applier);  // not started: nothing is applied
  server::Handler handler = MakeWebhookHandler("k", router, queue, journal.get());
  constexpr int kPosts = 40;
  std::vector<int> status(kPosts, 0);
  std::vector<std::string> sent;
  int answered = 0, not_durable_when_answered = 0, journaled_before_ignored = -1;
  for (int i = 0; i < kPosts; ++i) {
    sent.push_back(R"({"detail":{"eventName":"X","n":)" + std::to_string(i) + "}}");
    asio::co_spawn(io, PostOne(handler, sent.back(), &status[i], [&] {
      ++answered;
      if (journal->unapplied() < static_cast<std::size_t>(answered)) ++not_durable_when_answered;
    }), asio::detached);
  }
  int ignored_status = 0;
  asio::co_spawn(io, PostOne(handler, R"({"detail":{"eventName":"Ignore"}})", &ignored_status,
                             [&] { journaled_before_ignored = answered; }),
                 asio::detached);
  io.run();
  for (int i = 0; i < kPosts; ++i) EXPECT_EQ(status[i], 200) << i;
  EXPECT_EQ(ignored_status, 200);
  EXPECT_EQ(journaled_before_ignored, 0);  // answered while the first group was syncing
  EXPECT_EQ(not_durable_when_answered, 0);
  EXPECT_EQ(journal->unapplied(), static_cast<std::size_t>(kPosts));
  EXPECT_EQ(journal->appended(), static_cast<std::uint64_t>(kPosts));
  EXPECT_LE(journal->groups(), 5u);  // one sync per group, not one per event
  EXPECT_EQ(static_cast<std::uint64_t>(syncs.load()), journal->groups());
  EXPECT_EQ(queue.size(), static_cast<std::size_t>(kPosts));
  journal.reset();  // a restart
  std::vector<WebhookJournal::Entry> replay;
  jo.sync = nullptr;
  ASSERT_TRUE(WebhookJournal::Open(jo, &replay).ok());
  std::vector<std::string> replayed;
  for (const auto& e : replay) replayed.push_back(e.body);
  std::sort(replayed.begin(), replayed.end());
  std::sort(sent.begin(), sent.end());
  EXPECT_EQ(replayed, sent);
  std::filesystem::remove_all(dir);
}

// A failed fdatasync: the event is answered 503 with the path and the OS error, it is neither
// queued nor claimed durable (a restart does not replay it), and the next append works again.
TEST(LiveWebhookJournal, AFailedSyncIs503AndClaimsNothingDurable) {
  const std::filesystem::path dir = FreshDir("webhook-journal-eio");
  std::atomic<bool> fail{true};
  WebhookJournalOptions jo;
  jo.path = (dir / "j").string();
  jo.sync = [&fail](int fd) {
    if (fail) {
      errno = EIO;
      return -1;
    }
    return ::fdatasync(fd);
  };
  auto opened = WebhookJournal::Open(jo, nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto journal = std::make_unique<JournalWriter>(std::move(*opened));
  asio::io_context io;
  ScriptRouter router;
  NeverApplier applier;
  EventQueue queue(io.get_executor(), applier);
  server::Handler handler = MakeWebhookHandler("k", router, queue, journal.get());
  auto post = [&](std::string_view body) {
    server::HttpRequestView req;
    req.method = "POST";
    req.headers = {{"x-port-aws-ocean-api-key", "k"}};
    req.body = body;
    return testing_fakes::RunCoro(io, handler(req));
  };
  server::HttpReply refused = post(R"({"detail":{"eventName":"X","n":"lost"}})");
  EXPECT_EQ(refused.status, 503);
  EXPECT_NE(refused.body.find("cannot sync the live-event journal " + jo.path), std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find(std::strerror(EIO)), std::string::npos) << refused.body;
  EXPECT_EQ(journal->unapplied(), 0u);
  EXPECT_EQ(queue.size(), 0u);
  fail = false;
  server::HttpReply ok = post(R"({"detail":{"eventName":"X","n":"kept"}})");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(journal->unapplied(), 1u);
  journal.reset();
  std::vector<WebhookJournal::Entry> replay;
  jo.sync = nullptr;
  ASSERT_TRUE(WebhookJournal::Open(jo, &replay).ok());
  ASSERT_EQ(replay.size(), 1u);
  EXPECT_EQ(replay[0].body, R"({"detail":{"eventName":"X","n":"kept"}})");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ocean::live_events
