// See parent_window.h.
//
// Two kinds of coroutines share State: one per parent's child listing (RunChild; its batches
// go through HandOn) and one emitter (Emit), which settles the parents in order. Only the
// emitter and the head's HandOn call the sink, and never at once: the emitter hands on a
// parent's held batches before it makes that parent the head, and after that only waits.
#include "catalog/definition/parent_window.h"

#include <boost/asio/co_spawn.hpp>
#include <deque>
#include <exception>
#include <utility>

#include "core/async_condition.h"

namespace catalog::definition {

namespace asio = boost::asio;
using core::Status;

namespace {

struct Child {
  ParentWindow::ListFn list;
  std::deque<std::vector<Resource>> held;  // batches listed before this parent became the head
  std::size_t held_resources = 0;
  bool head = false;  // its batches go straight to the sink
  bool done = false;  // its listing has ended
  Status status;
};

}  // namespace

struct ParentWindow::State {
  State(asio::any_io_executor ex, ResourceSink s, SettleFn f)
      : executor(ex), sink(std::move(s)), settle(std::move(f)), changed(executor) {}

  asio::any_io_executor executor;
  ResourceSink sink;
  SettleFn settle;
  std::deque<std::shared_ptr<Child>> unsettled;  // in parent order; the front is the head
  std::size_t running = 0;                        // child listings not yet ended
  bool emitter_started = false;
  bool emitter_done = false;
  bool closed = false;  // Finish called: no more parents
  Status stopped;       // non-OK once the window has stopped
  core::AsyncCondition changed;

  void Stop(Status why) {
    if (stopped.ok()) stopped = std::move(why);
    changed.NotifyAll();
  }
};

namespace {

using State = ParentWindow::State;

asio::awaitable<Status> CallSink(std::shared_ptr<State> st, std::vector<Resource> batch) {
  Status s = co_await st->sink(std::move(batch));
  if (!s.ok()) st->Stop(s);
  co_return s;
}

// A child listing's sink: straight on for the head; held (up to kHeldResources) for the others.
asio::awaitable<Status> HandOn(std::shared_ptr<State> st, std::shared_ptr<Child> c,
                               std::vector<Resource> batch) {
  if (!st->stopped.ok()) co_return st->stopped;
  if (c->head) co_return co_await CallSink(st, std::move(batch));
  c->held_resources += batch.size();
  c->held.push_back(std::move(batch));
  st->changed.NotifyAll();  // the emitter may be waiting to hand this parent's batches on
  co_await st->changed.WaitUntil([&] {
    return c->head || c->held_resources < kHeldResources || !st->stopped.ok();
  });
  co_return st->stopped.ok() ? Status::Ok() : st->stopped;
}

asio::awaitable<void> RunChild(std::shared_ptr<State> st, std::shared_ptr<Child> c) {
  ResourceSink sink = [st, c](std::vector<Resource> batch) { return HandOn(st, c, std::move(batch)); };
  c->status = co_await c->list(std::move(sink));
}

// Hands on the head's batches until its listing has ended; then its settled status.
asio::awaitable<Status> SettleOne(std::shared_ptr<State> st, std::shared_ptr<Child> c) {
  while (true) {
    while (!c->held.empty() && st->stopped.ok()) {
      std::vector<Resource> batch = std::move(c->held.front());
      c->held.pop_front();
      c->held_resources -= batch.size();
      st->changed.NotifyAll();
      (void)co_await CallSink(st, std::move(batch));  // a failure stops st: checked below
    }
    if (!st->stopped.ok()) co_return st->stopped;
    if (c->done) break;
    c->head = true;  // nothing held: from now on the listing hands its batches on itself
    st->changed.NotifyAll();
    co_await st->changed.WaitUntil([&] { return c->done || !st->stopped.ok(); });
  }
  co_return st->settle(c->status);
}

asio::awaitable<void> Emit(std::shared_ptr<State> st) {
  while (true) {
    co_await st->changed.WaitUntil(
        [&] { return !st->unsettled.empty() || st->closed || !st->stopped.ok(); });
    if (!st->stopped.ok() || st->unsettled.empty()) break;
    std::shared_ptr<Child> c = st->unsettled.front();
    Status settled = co_await SettleOne(st, c);
    st->unsettled.pop_front();
    st->changed.NotifyAll();
    if (!settled.ok()) {
      st->Stop(settled);
      break;
    }
  }
}

}  // namespace

ParentWindow::ParentWindow(asio::any_io_executor executor, std::size_t width, ResourceSink sink,
                           SettleFn settle)
    : width_(width == 0 ? 1 : width),
      state_(std::make_shared<State>(std::move(executor), std::move(sink), std::move(settle))) {}

ParentWindow::~ParentWindow() {
  // Finish was not awaited (the caller's frame is being torn down): nothing may reach the
  // sink or settle any more.
  state_->Stop(Status::Aborted("parent listing ended"));
}

asio::awaitable<Status> ParentWindow::Add(ListFn list) {
  std::shared_ptr<State> st = state_;
  if (!st->emitter_started) {
    st->emitter_started = true;
    asio::co_spawn(st->executor, Emit(st), [st](std::exception_ptr e) {
      if (e) st->Stop(Status::Internal("parent listing: the emitter failed"));
      st->emitter_done = true;
      st->changed.NotifyAll();
    });
  }
  co_await st->changed.WaitUntil(
      [&] { return st->unsettled.size() < width_ || !st->stopped.ok(); });
  if (!st->stopped.ok()) co_return st->stopped;
  auto c = std::make_shared<Child>();
  c->list = std::move(list);
  st->unsettled.push_back(c);
  ++st->running;
  st->changed.NotifyAll();
  asio::co_spawn(st->executor, RunChild(st, c), [st, c](std::exception_ptr e) {
    if (e) c->status = Status::Internal("parent listing: a child listing failed unexpectedly");
    c->done = true;
    --st->running;
    st->changed.NotifyAll();
  });
  co_return Status::Ok();
}

asio::awaitable<Status> ParentWindow::Finish() {
  std::shared_ptr<State> st = state_;
  st->closed = true;
  st->changed.NotifyAll();
  co_await st->changed.WaitUntil(
      [&] { return (!st->emitter_started || st->emitter_done) && st->running == 0; });
  co_return st->stopped;
}

}  // namespace catalog::definition
