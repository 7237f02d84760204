// ParentWindow (the child listings of a scope's parents, several at once, handed on in parent
// order) with scripted listings on timers: order when later parents end first, the held cap of a
// parent that is not the head, and how a failure stops it (nothing after it reaches the sink,
// Finish waits for every listing launched). Listing against a scripted AWS endpoint is in
// kind_vocabulary_test.cc (KindVocabularyParent.*).
#include "catalog/definition/parent_window.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

namespace catalog::definition {
namespace {

namespace asio = boost::asio;
using core::Status;

// Lets every other ready handler of the (single-threaded) io_context run first.
asio::awaitable<void> Yield() {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
}

asio::awaitable<void> Sleep(int ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(asio::use_awaitable);
}

std::vector<Resource> Batch(const std::string& parent, int first, int n) {
  std::vector<Resource> out;
  for (int i = first; i < first + n; ++i) out.push_back(Resource{parent + "/" + std::to_string(i), {}, {}});
  return out;
}

// One scripted parent: waits `ms` before each of its `batches` batches of `size`, then ends
// with `end`.
struct Script {
  int ms = 0;
  int batches = 1;
  int size = 1;
  Status end;
};

struct WindowRun {
  std::vector<std::string> sunk;  // identities in the order the sink got them
  std::vector<Status> settled;    // statuses in the order settle got them
  std::vector<int> produced;      // batches each parent has listed so far
  int ended = 0;                  // listings that have ended
  Status added;                   // the first non-OK Add
  Status finished;
  int sink_fails_at = -1;         // the sink call (0-based) that fails, if any
  int sink_calls = 0;
};

asio::awaitable<Status> ListScripted(WindowRun& run, int p, Script s, ResourceSink sink) {
  for (int b = 0; b < s.batches; ++b) {
    co_await Sleep(s.ms);
    ++run.produced[p];
    Status st = co_await sink(Batch("p" + std::to_string(p), b * s.size, s.size));
    if (!st.ok()) {
      ++run.ended;
      co_return st;
    }
  }
  ++run.ended;
  co_return s.end;
}

WindowRun RunWindow(const std::vector<Script>& scripts, std::size_t width, int sink_fails_at = -1) {
  WindowRun run;
  run.produced.assign(scripts.size(), 0);
  run.sink_fails_at = sink_fails_at;
  asio::io_context io;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        ResourceSink sink = [&](std::vector<Resource> rs) -> asio::awaitable<Status> {
          if (run.sink_calls++ == run.sink_fails_at) co_return Status::Unavailable("sink down");
          co_await Sleep(1);  // a sink that suspends, as the real one does
          for (const Resource& r : rs) run.sunk.push_back(r.id);
          co_return Status::Ok();
        };
        ParentWindow::SettleFn settle = [&](Status st) {
          run.settled.push_back(st);
          return st.code() == core::StatusCode::kAborted ? st : Status::Ok();
        };
        ParentWindow window(io.get_executor(), width, sink, settle);
        for (std::size_t p = 0; p < scripts.size(); ++p) {
          Script s = scripts[p];
          int index = static_cast<int>(p);
          // Named: GCC 12 destroys a closure temporary inside a co_await expression twice.
          ParentWindow::ListFn list = [&run, index, s](ResourceSink k) {
            return ListScripted(run, index, s, std::move(k));
          };
          Status st = co_await window.Add(std::move(list));
          if (!st.ok()) {
            run.added = st;
            break;
          }
        }
        run.finished = co_await window.Finish();
        EXPECT_EQ(run.ended, static_cast<int>(std::count_if(run.produced.begin(), run.produced.end(),
                                                            [](int n) { return n > 0; })))
            << "Finish returned with a listing still running";
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return run;
}

std::vector<std::string> Ids(const std::string& parent, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(parent + "/" + std::to_string(i));
  return ids;
}

std::vector<std::string> Concat(std::vector<std::vector<std::string>> parts) {
  std::vector<std::string> out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST(ParentWindowTest, HandsOnInParentOrderWhenLaterParentsEndFirst) {
  // Parent 0 the slowest, parent 3 the fastest; two batches of two each.
  WindowRun run = RunWindow({{60, 2, 2, {}}, {40, 2, 2, {}}, {20, 2, 2, {}}, {1, 2, 2, {}}, {5, 1, 3, {}}}, 3);
  EXPECT_TRUE(run.finished.ok()) << run.finished.ToString();
  EXPECT_EQ(run.sunk, Concat({Ids("p0", 4), Ids("p1", 4), Ids("p2", 4), Ids("p3", 4), Ids("p4", 3)}));
  EXPECT_EQ(run.settled.size(), 5u);
}

TEST(ParentWindowTest, HeldBatchesStayUnderTheCapWhileTheHeadIsSlow) {
  // Parent 1 lists 5 batches of 60 at once (its timers expire at once) while parent 0 (the
  // head) is still running: it stops after the batch that takes it to kHeldResources
  // (120 >= 100) until parent 0 has ended. The head waits for parent 1's second batch, then
  // lets the loop run a few hundred more handlers (no wall-clock margin) before it looks.
  static_assert(kHeldResources == 100);
  WindowRun run;
  run.produced.assign(2, 0);
  std::vector<int> seen;
  asio::io_context io;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        ResourceSink sink = [&](std::vector<Resource> rs) -> asio::awaitable<Status> {
          for (const Resource& r : rs) run.sunk.push_back(r.id);
          co_return Status::Ok();
        };
        ParentWindow::SettleFn settle = [](Status st) { return st; };
        ParentWindow window(io.get_executor(), 2, sink, settle);
        ParentWindow::ListFn head = [&](ResourceSink k) -> asio::awaitable<Status> {
          for (int i = 0; i < 10000 && run.produced[1] < 2; ++i) co_await Yield();
          for (int i = 0; i < 300; ++i) co_await Yield();
          seen.push_back(run.produced[1]);  // parent 1's batches listed while the head ran
          co_return co_await k(Batch("p0", 0, 1));
        };
        ParentWindow::ListFn behind = [&](ResourceSink k) {
          return ListScripted(run, 1, Script{0, 5, 60, {}}, std::move(k));
        };
        co_await window.Add(std::move(head));
        co_await window.Add(std::move(behind));
        Status finished = co_await window.Finish();
        EXPECT_TRUE(finished.ok());
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  EXPECT_EQ(seen, std::vector<int>{2});
  EXPECT_EQ(run.sunk, Concat({Ids("p0", 1), Ids("p1", 300)}));
}

TEST(ParentWindowTest, AStopAtOneParentHandsOnNothingAfterIt) {
  // Parent 2 aborts after its batch; parents 3-5 end before it and must never reach the sink.
  Status aborted = Status::Aborted("resync aborted");
  WindowRun run = RunWindow({{5, 1, 2, {}}, {5, 1, 2, {}}, {80, 1, 2, aborted}, {1, 1, 2, {}},
                       {1, 1, 2, {}}, {1, 1, 2, {}}, {1, 1, 2, {}}, {1, 1, 2, {}}},
                      4);
  EXPECT_EQ(run.finished.code(), core::StatusCode::kAborted);
  EXPECT_EQ(run.sunk, Concat({Ids("p0", 2), Ids("p1", 2), Ids("p2", 2)}));
  ASSERT_EQ(run.settled.size(), 3u);  // parents 0, 1 and 2, in that order
  EXPECT_EQ(run.settled[2].code(), core::StatusCode::kAborted);
  EXPECT_EQ(run.added.code(), core::StatusCode::kAborted);  // no parent added after the stop
  EXPECT_LT(run.produced[7], 1);  // the window never had room for parent 7
}

TEST(ParentWindowTest, AFailingSinkStopsTheWindow) {
  WindowRun run = RunWindow({{5, 1, 1, {}}, {5, 1, 1, {}}, {1, 1, 1, {}}, {1, 1, 1, {}}}, 4, 1);
  EXPECT_EQ(run.finished.code(), core::StatusCode::kUnavailable);
  EXPECT_EQ(run.sunk, Ids("p0", 1));  // parent 1's batch failed; nothing after it
  EXPECT_LE(run.settled.size(), 1u);
}

}  // namespace
}  // namespace catalog::definition
