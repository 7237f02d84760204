// LiveApplier maps on the mapping worker pool: a live event whose mapping crashes libjq or never
// ends fails alone (counted in ocean_aws_live_events_failed_total{reason="mapping_worker"}, one
// log line naming the kind, the resource and why, nothing deleted) and the next event applies in
// the same process; a native-only mapping maps inline and starts no worker.
// The events are deletes: their stubs go through the mapping and the sink without any AWS call.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <map>
#include <sstream>

#include "aws/client.h"
#include "catalog/source.h"
#include "core/metrics.h"
#include "fakes/fake_transport.h"
#include "fakes/null_sink.h"
#include "ocean/live_events/account_cache.h"
#include "ocean/live_events/event_queue.h"
#include "ocean/live_events/live_applier.h"
#include "ocean/live_events/mapping_cache.h"
#include "ocean/mapping/pool/map_worker.h"

namespace ocean::live_events {
namespace {

namespace asio = boost::asio;

// This executable doubles as the pool's worker binary (as in mapping_pool_test.cc).
const bool kRunsAsWorker = [] {
  if (std::getenv("OCEAN_AWS_TEST_MAP_WORKER") != nullptr) {
    std::_Exit(mapping::pool::RunMapWorker());
  }
  return false;
}();

// Records live deletes; nothing else is expected.
class DeleteRecorder final : public testing_fakes::NullSink {
 public:
  asio::awaitable<DeleteOutcome> DeleteLive(std::vector<EntityKey> keys,
                                            const PortAppConfig&) override {
    DeleteOutcome out;
    out.deleted = static_cast<long>(keys.size());
    for (EntityKey& k : keys) deleted.push_back(k.identifier);
    co_return out;
  }
  std::vector<std::string> deleted;
};

class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(out_)) {
    spdlog::default_logger()->sinks().push_back(sink_);
  }
  ~LogCapture() {
    auto& sinks = spdlog::default_logger()->sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
  }
  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

std::string Mapping(const std::string& identifier) {
  return "resources:\n  - kind: AWS::SQS::Queue\n    selector: {query: 'true'}\n"
         "    port:\n      entity:\n        mappings:\n"
         "          identifier: '" + identifier + "'\n"
         "          blueprint: '\"sqsQueue\"'\n";
}

EventTarget Delete(const std::string& name) {
  EventTarget t;
  t.kind = "AWS::SQS::Queue";
  t.id = name;
  t.action = EventAction::kDelete;
  t.account = "123456789012";
  t.region = "us-east-1";
  t.event_time = std::chrono::system_clock::now();
  t.delete_stub = json::object{{"Type", t.kind},
                               {"Properties", json::object{{"QueueName", name}}},
                               {"__ExtraContext", json::object{{"AccountId", t.account},
                                                               {"Region", t.region}}}};
  return t;
}

class LiveApplierPool : public ::testing::Test {
 protected:
  mapping::pool::MappingPoolOptions PoolOptions(std::chrono::milliseconds timeout) {
    mapping::pool::MappingPoolOptions o;
    o.workers = 1;
    o.item_timeout = timeout;
    o.memory_limit_mb = 2048;
    o.command.executable = "/proc/self/exe";
    o.command.args = {};
    o.command.extra_env = {"OCEAN_AWS_TEST_MAP_WORKER=1"};
    return o;
  }

  // Applies delete events for `names` one after another through an EventQueue; the acks.
  std::map<std::string, bool> ApplyAll(const std::string& mapping_yaml,
                                       mapping::pool::MappingPool& pool,
                                       const std::vector<std::string>& names) {
    MappingCache mappings(
        [mapping_yaml]() -> asio::awaitable<core::Result<std::optional<PortAppConfig>>> {
          core::Result<PortAppConfig> c = ParsePortAppConfig(mapping_yaml, "test mapping");
          if (!c.ok()) co_return c.status();
          co_return std::optional<PortAppConfig>(std::move(*c));
        },
        mapping::JqOptions{}, &pool);
    LiveApplier applier(source_, accounts_, mappings, sink_);
    EventQueue queue(io_.get_executor(), applier,
                     EventQueueOptions{.concurrency = 1, .window = std::chrono::milliseconds(0)});
    std::map<std::string, bool> acks;
    for (const std::string& n : names) {
      queue.Submit(Delete(n), [&acks, n](bool applied) { acks[n] = applied; });
    }
    queue.Start();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acks.size() < names.size() && std::chrono::steady_clock::now() < deadline) {
      io_.restart();
      io_.run_for(std::chrono::milliseconds(50));
    }
    return acks;
  }

  asio::io_context io_;
  aws::AwsClient client_{io_, std::make_shared<testing_fakes::FakeTransport>(),
                         aws::AwsClient::Options{}};
  catalog::Source source_{client_, nullptr, std::make_shared<testing_fakes::FakeTransport>()};
  AccountCache accounts_{source_, catalog::IntegrationConfig{}};
  DeleteRecorder sink_;
};

struct Runaway {
  std::string name;
  std::string expression;  // run on the queue named "bad" only
  std::string why;         // in the log line and the failure
};

class LiveApplierPoolRunaway : public LiveApplierPool,
                               public ::testing::WithParamInterface<Runaway> {};

TEST_P(LiveApplierPoolRunaway, TheEventFailsAloneAndTheNextOneApplies) {
  mapping::pool::MappingPool pool(PoolOptions(std::chrono::seconds(2)));
  const double failed_before =
      core::metrics::Get("ocean_aws_live_events_failed_total", {{"reason", "mapping_worker"}});
  LogCapture log;
  std::map<std::string, bool> acks = ApplyAll(
      Mapping("if .Properties.QueueName == \"bad\" then (" + GetParam().expression +
              ") else .Properties.QueueName end"),
      pool, {"bad", "good"});
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_FALSE(acks["bad"]);  // failed, not retried into an endless loop
  EXPECT_TRUE(acks["good"]);  // the next event applies, in the same process
  EXPECT_EQ(sink_.deleted, (std::vector<std::string>{"good"}));  // nothing else deleted
  EXPECT_EQ(core::metrics::Get("ocean_aws_live_events_failed_total",
                               {{"reason", "mapping_worker"}}),
            failed_before + 1);
  const std::string text = log.str();
  EXPECT_NE(text.find("live event for AWS::SQS::Queue 'bad' (account 123456789012, region "
                      "us-east-1): mapping resources[0] failed"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(GetParam().why), std::string::npos) << text;
  EXPECT_EQ(pool.WorkerPids().size(), 1u);  // the worker was replaced
}

INSTANTIATE_TEST_SUITE_P(
    CrashAndDeadline, LiveApplierPoolRunaway,
    ::testing::Values(Runaway{"Crash", "1e300 | todate", "crashed the mapping worker"},
                      Runaway{"Loop", "def f: f; f", "did not finish within 2 s"}),
    [](const ::testing::TestParamInfo<Runaway>& p) { return p.param.name; });

TEST_F(LiveApplierPool, ANativeOnlyMappingMapsInlineWithoutAWorker) {
  mapping::pool::MappingPool pool(PoolOptions(std::chrono::seconds(30)));
  std::map<std::string, bool> acks = ApplyAll(Mapping(".Properties.QueueName"), pool, {"q1"});
  EXPECT_TRUE(acks["q1"]);
  EXPECT_EQ(sink_.deleted, (std::vector<std::string>{"q1"}));
  EXPECT_TRUE(pool.WorkerPids().empty());  // no worker process was ever started
}

}  // namespace
}  // namespace ocean::live_events
