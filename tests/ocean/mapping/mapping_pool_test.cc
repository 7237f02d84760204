// MappingPool: mapping in worker processes survives libjq crashes, runaways and memory
// blow-ups item by item, stops at once when cancelled, and leaves no child process behind.
#include "ocean/mapping/pool/mapping_pool.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "ocean/mapping/pool/map_worker.h"

namespace ocean::mapping::pool {
namespace {

// This test executable doubles as the pool's worker binary: started with this variable set, it
// runs the worker loop instead of the tests (the product uses `ocean-aws __map-worker`).
const bool kRunsAsWorker = [] {
  if (std::getenv("OCEAN_AWS_TEST_MAP_WORKER") != nullptr) std::_Exit(RunMapWorker());
  return false;
}();

using std::chrono::milliseconds;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

MappingPoolOptions Options(int workers = 1, milliseconds timeout = seconds(30),
                           std::int64_t memory_mb = 2048) {
  MappingPoolOptions o;
  o.workers = workers;
  o.item_timeout = timeout;
  o.memory_limit_mb = memory_mb;
  o.command.executable = "/proc/self/exe";
  o.command.args = {};
  o.command.extra_env = {"OCEAN_AWS_TEST_MAP_WORKER=1"};
  return o;
}

json::value J(std::string_view text) {
  auto v = core::ParseJson(text);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return v.ok() ? *v : json::value();
}

// Items a, b, c; only b has "bad": true, so only b runs `poison`.
ResourceConfig Resource(const std::string& poison) {
  ResourceConfig r;
  r.index = 0;
  r.kind = "AWS::S3::Bucket";
  r.mappings = json::object{{"identifier", ".Name"},
                            {"blueprint", "\"bucket\""},
                            {"properties", json::object{{"x", "if .bad then (" + poison +
                                                                  ") else \"ok\" end"}}}};
  r.literal_blueprint = "bucket";
  return r;
}

std::vector<json::value> Items() {
  return {J(R"({"Name":"a","bad":false,"a":[1]})"), J(R"({"Name":"b","bad":true,"a":[1,2]})"),
          J(R"({"Name":"c","bad":false,"a":[1]})")};
}

std::vector<std::string> Identifiers(const MapResult& r) {
  std::vector<std::string> ids;
  for (const MappedEntity& e : r.entities) ids.emplace_back(e.entity.at("identifier").as_string());
  return ids;
}

MapOutcome MapOn(MappingPool& pool, const ResourceConfig& r, std::vector<json::value> items,
                 std::function<bool()> cancelled = {}) {
  MapJob job;
  job.mapper = pool.Register(r, JqOptions{});
  job.items = std::move(items);
  job.cancelled = std::move(cancelled);
  return pool.MapNow(std::move(job));
}

// Child processes of this process (all threads), from /proc.
std::vector<pid_t> Children() {
  std::vector<pid_t> out;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream f(task.path() / "children");
    pid_t pid;
    while (f >> pid) out.push_back(pid);
  }
  return out;
}

bool Alive(pid_t pid) { return ::kill(pid, 0) == 0; }

TEST(MappingPoolParity, SameResultAsMappingInProcess) {
  ResourceConfig r;
  r.index = 3;
  r.kind = "AWS::SQS::Queue";
  r.selector_query = ".keep";
  r.mappings = json::object{{"identifier", ".Arn"},
                            {"title", ".Name"},
                            {"blueprint", "\"queue\""},
                            {"properties", json::object{{"n", ".n * 2"}, {"bad", ".n | error"}}}};
  std::vector<json::value> items = {
      J(R"({"Arn":"arn:1","Name":"one","n":1,"keep":true})"),
      J(R"({"Arn":"arn:2","Name":"two","n":2,"keep":false})"),
      J(R"({"Arn":"arn:3","Name":"three","n":1.5,"keep":"yes"})"),
      J(R"({"Name":"four","n":4,"keep":true})")};
  auto mapper = EntityMapper::Compile(r);
  ASSERT_TRUE(mapper.ok()) << mapper.status().message();
  MapResult inline_result = mapper->Map(items);

  MappingPool pool(Options());
  MapOutcome pooled = MapOn(pool, r, items);
  ASSERT_TRUE(pooled.status.ok()) << pooled.status.message();
  EXPECT_EQ(pooled.items, items);  // handed back untouched
  const MapResult& p = pooled.result;
  ASSERT_EQ(p.entities.size(), inline_result.entities.size());
  for (std::size_t i = 0; i < p.entities.size(); ++i) {
    EXPECT_EQ(p.entities[i].entity, inline_result.entities[i].entity);
    EXPECT_EQ(p.entities[i].raw_index, inline_result.entities[i].raw_index);
  }
  EXPECT_EQ(p.raw, inline_result.raw);
  EXPECT_EQ(p.expanded, inline_result.expanded);
  EXPECT_EQ(p.filtered_out, inline_result.filtered_out);
  EXPECT_EQ(p.dropped, inline_result.dropped);
  EXPECT_EQ(p.failed, inline_result.failed);
  ASSERT_EQ(p.errors.size(), inline_result.errors.size());
  for (std::size_t i = 0; i < p.errors.size(); ++i) {
    EXPECT_EQ(p.errors[i].field, inline_result.errors[i].field);
    EXPECT_EQ(p.errors[i].item, inline_result.errors[i].item);
    EXPECT_EQ(p.errors[i].message, inline_result.errors[i].message);
  }
  EXPECT_EQ(p.failed, 1);  // the non-boolean selector
  EXPECT_EQ(pooled.worker_failures, 0);
}

// Expressions that abort or segfault libjq 1.6 in-process, on their own item.
class MappingPoolCrash : public ::testing::TestWithParam<std::string> {};

void ExpectDiesInProcess(const ResourceConfig& r) {
  auto mapper = EntityMapper::Compile(r);
  ASSERT_TRUE(mapper.ok()) << mapper.status().message();
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::vector<json::value> items = Items();
  EXPECT_DEATH((void)mapper->Map(items), "");
}

TEST_P(MappingPoolCrash, OnlyTheCrashingItemFailsAndTheWorkerIsReplaced) {
  const ResourceConfig r = Resource(GetParam());
  ExpectDiesInProcess(r);  // today, in-process, the mapping takes the whole process down
  MappingPool pool(Options());
  MapOutcome out = MapOn(pool, r, Items());
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_EQ(Identifiers(out.result), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(out.result.raw, 3);
  EXPECT_EQ(out.result.failed, 1);
  ASSERT_EQ(out.result.errors.size(), 1u);
  const MapError& e = out.result.errors[0];
  EXPECT_EQ(e.kind, "AWS::S3::Bucket");
  EXPECT_EQ(e.field, "mapping");
  EXPECT_EQ(e.item, "b");
  EXPECT_NE(e.message.find("crashed the mapping worker (killed by signal"), std::string::npos)
      << e.message;
  // The pool still works: a clean batch maps in a fresh worker.
  MapOutcome again = MapOn(pool, Resource("1"), Items());
  EXPECT_EQ(Identifiers(again.result), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(again.result.failed, 0);
}

INSTANTIATE_TEST_SUITE_P(LibjqCrashes, MappingPoolCrash,
                         ::testing::Values("1e300 | todate", "reduce range(50000) as $i (0; [.])"));

// Path generators stopped after their first output used to leave libjq in a state that
// aborted the program's *next* run (`stack_restore: Assertion path_len == 0`), so in-process the
// item after the culprit killed the process; JqProgram now ends every run cleanly, and the pool
// would also retry such an item in a fresh worker before blaming it. Every item maps, with jq's
// value.
struct PathGenerator {
  std::string expression;
  std::string b_value;  // what the expression yields first on item b
};

class MappingPoolDeferredCrash : public ::testing::TestWithParam<PathGenerator> {};

TEST_P(MappingPoolDeferredCrash, EveryItemMapsAndNoInnocentItemIsBlamed) {
  const ResourceConfig r = Resource(GetParam().expression);

  MappingPool pool(Options());
  for (int round = 0; round < 2; ++round) {  // the second round starts with the left-over state
    MapOutcome out = MapOn(pool, r, Items());
    ASSERT_TRUE(out.status.ok()) << out.status.message();
    EXPECT_EQ(Identifiers(out.result), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(out.result.failed, 0);
    EXPECT_TRUE(out.result.errors.empty());
    ASSERT_EQ(out.result.entities.size(), 3u);
    EXPECT_EQ(out.result.entities[1].entity.at("properties").at("x"), J(GetParam().b_value));
    EXPECT_EQ(out.result.entities[0].entity.at("properties").at("x"), "ok");
    EXPECT_EQ(out.result.entities[1].raw_index, 1u);
  }
}

INSTANTIATE_TEST_SUITE_P(LibjqPathGenerators, MappingPoolDeferredCrash,
                         ::testing::Values(PathGenerator{"first(paths)", R"(["Name"])"},
                                           PathGenerator{"path(.a[])", R"(["a",0])"},
                                           PathGenerator{"first(leaf_paths)", R"(["Name"])"}));

TEST(MappingPoolTimeout, ARunawayItemFailsAfterTheDeadlineAndLaterBatchesMap) {
  MappingPool pool(Options(1, seconds(2)));
  MapOutcome out = MapOn(pool, Resource("def f: f; f"), Items());
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_EQ(Identifiers(out.result), (std::vector<std::string>{"a", "c"}));
  EXPECT_EQ(out.result.failed, 1);
  ASSERT_EQ(out.result.errors.size(), 1u);
  EXPECT_EQ(out.result.errors[0].item, "b");
  EXPECT_NE(out.result.errors[0].message.find("did not finish within 2 s"), std::string::npos)
      << out.result.errors[0].message;
  std::vector<pid_t> before = pool.WorkerPids();
  MapOutcome later = MapOn(pool, Resource("2"), Items());
  EXPECT_EQ(Identifiers(later.result), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(later.worker_failures, 0);
  ASSERT_EQ(pool.WorkerPids().size(), 1u);
  EXPECT_EQ(pool.WorkerPids(), before);  // the replacement stays
}

TEST(MappingPoolTimeout, AMappingThatLoopsOnEveryItemGivesUpAfterTheTimeoutBudget) {
  MappingPoolOptions o = Options(1, seconds(1));
  o.max_timeouts_per_mapper = 1;
  MappingPool pool(o);
  ResourceConfig r = Resource("1");
  r.mappings["properties"] = json::object{{"x", "def f: f; f"}};
  const auto began = Clock::now();
  MapOutcome out = MapOn(pool, r, Items());
  const auto took = Clock::now() - began;
  EXPECT_TRUE(out.result.entities.empty());
  EXPECT_EQ(out.result.failed, 3);
  ASSERT_EQ(out.result.errors.size(), 3u);
  EXPECT_NE(out.result.errors[2].message.find("already exceeded the mapping deadline"),
            std::string::npos);
  EXPECT_LT(took, seconds(8));  // batch + one item, not one deadline per item
}

TEST(MappingPoolMemory, AnItemOverTheMemoryLimitFailsAlone) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "RLIMIT_AS is not applied under AddressSanitizer";
#endif
  MappingPool pool(Options(1, seconds(60), 256));
  MapOutcome out = MapOn(pool, Resource("[range(1e9)] | length"), Items());
  ASSERT_TRUE(out.status.ok()) << out.status.message();
  EXPECT_EQ(Identifiers(out.result), (std::vector<std::string>{"a", "c"}));
  ASSERT_EQ(out.result.errors.size(), 1u);
  EXPECT_NE(out.result.errors[0].message.find("memory limit of 256 MB"), std::string::npos)
      << out.result.errors[0].message;
}

TEST(MappingPoolAbort, CancellingARunawayReturnsWithinSecondsAndLeavesNoChild) {
  auto pool = std::make_unique<MappingPool>(Options(2, seconds(120)));
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(500));
    cancel = true;
  });
  const auto began = Clock::now();
  MapOutcome out = MapOn(*pool, Resource("def f: f; f"), Items(), [&] { return cancel.load(); });
  const auto took = Clock::now() - began;
  canceller.join();
  EXPECT_EQ(out.status.code(), core::StatusCode::kAborted);
  EXPECT_LT(took, seconds(3));
  EXPECT_EQ(out.items.size(), 3u);
  EXPECT_TRUE(pool->WorkerPids().empty());  // killed, not left running

  // A worker busy with a runaway when the pool shuts down dies with it.
  std::thread busy([&] { (void)MapOn(*pool, Resource("def f: f; f"), Items()); });
  const auto wait_until = Clock::now() + seconds(10);
  while (pool->WorkerPids().empty() && Clock::now() < wait_until) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  std::vector<pid_t> pids = pool->WorkerPids();
  EXPECT_EQ(pids.size(), 1u);
  const auto shutdown_began = Clock::now();
  pool.reset();
  busy.join();
  EXPECT_LT(Clock::now() - shutdown_began, seconds(3));
  for (pid_t pid : pids) EXPECT_FALSE(Alive(pid));
  EXPECT_TRUE(Children().empty());
}

TEST(MappingPoolAsync, TheEventLoopKeepsRunningWhileAWorkerIsBusy) {
  MappingPool pool(Options(1, seconds(2)));
  boost::asio::io_context io;
  int ticks = 0;
  bool done = false;
  MapOutcome outcome;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        MapJob job;
        job.mapper = pool.Register(Resource("def f: f; f"), JqOptions{});
        job.items = Items();
        outcome = co_await AsyncMap(pool, std::move(job), boost::asio::use_awaitable);
        done = true;
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer timer(io);
        while (!done) {
          timer.expires_after(milliseconds(50));
          co_await timer.async_wait(boost::asio::use_awaitable);
          ++ticks;
        }
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  EXPECT_TRUE(done);
  EXPECT_EQ(Identifiers(outcome.result), (std::vector<std::string>{"a", "c"}));
  EXPECT_GE(ticks, 20);  // >= 2 s of 50 ms ticks while the runaway was being timed out
}

TEST(MappingPoolRegister, AnUnchangedConfigKeepsItsIdAndAFreshTimeoutBudget) {
  MappingPool pool(Options());
  MapperSpecPtr first = pool.Register(Resource("1"), JqOptions{});
  first->timeouts = 3;
  MapperSpecPtr again = pool.Register(Resource("1"), JqOptions{});
  MapperSpecPtr other = pool.Register(Resource("2"), JqOptions{});
  JqOptions no_env;
  no_env.allow_env = false;
  MapperSpecPtr other_options = pool.Register(Resource("1"), no_env);
  EXPECT_EQ(again->id, first->id);  // workers keep the compiled program
  EXPECT_EQ(again->timeouts.load(), 0);
  EXPECT_NE(other->id, first->id);
  EXPECT_NE(other_options->id, first->id);
}

TEST(MappingPoolShutdown, JobsSubmittedAfterShutdownAreAborted) {
  MappingPool pool(Options());
  pool.Shutdown();
  MapOutcome out = MapOn(pool, Resource("1"), Items());
  EXPECT_EQ(out.status.code(), core::StatusCode::kAborted);
  EXPECT_EQ(out.items.size(), 3u);
}

}  // namespace
}  // namespace ocean::mapping::pool
