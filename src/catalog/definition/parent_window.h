// ParentWindow: the child listings of one scope's parent items (ListServices per ECS cluster),
// up to `width` of them in flight at once, their resources handed on in exactly the order a
// one-parent-at-a-time loop would hand them: parent order, then each child listing's own order
// (issue 13.3: 500 clusters listed one at a time cost 500 round trips end to end).
//
//   ParentWindow window(executor, kParentListingWidth, sink, settle);
//   for each parent item:  Status st = co_await window.Add(list_children_of_item);
//                          if (!st.ok()) stop listing parents;
//   Status st = co_await window.Finish();    // always, before the window dies
//
// Ordering: the oldest unsettled parent is the head. Only the head hands batches to `sink`
// (directly, as they come); a later parent keeps its batches until it becomes the head, and
// stops listing once it holds kHeldResources (so memory stays ~ width pages, not a scope).
// `sink` is never called twice at once.
//
// Settling: when a parent's listing has ended and every batch of it went to `sink`, `settle`
// gets its status, in parent order (the same statuses, in the same order, the loop saw). A
// non-OK answer from `settle`, or a failing `sink`, stops the window: no later parent's
// batches reach `sink`, those still listing see their sink fail (they stop after their
// request in flight), and Add/Finish return that status. Finish waits until every listing
// launched has ended (none outlives the window).
//
// The rate of requests is not the window's business: each child listing's calls go through
// the client's per-key limiter as before; the window only removes the one-at-a-time chain.
//
// Thread-safety: none; one executor (the resync's loop), Add/Finish awaited by one coroutine.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>
#include <memory>

#include "catalog/kind.h"

namespace catalog::definition {

// Parents of one scope whose children are listed at once. Enough to keep a key at AWS's
// published control-plane rates (5-20 requests/s) busy at round trips up to 0.4 s (rate x
// latency = 8), the limiter queuing the rest; more would only hold more pages in memory.
inline constexpr std::size_t kParentListingWidth = 8;

// A parent that is not the head holds at most this many resources before it waits.
inline constexpr std::size_t kHeldResources = 100;

class ParentWindow {
 public:
  // One parent's child listing, handing its batches to the sink it is given.
  using ListFn = std::function<boost::asio::awaitable<core::Status>(ResourceSink sink)>;
  // A parent's listing status, in parent order; non-OK stops the window with that status.
  using SettleFn = std::function<core::Status(core::Status child)>;

  ParentWindow(boost::asio::any_io_executor executor, std::size_t width, ResourceSink sink,
               SettleFn settle);
  ~ParentWindow();
  ParentWindow(const ParentWindow&) = delete;
  ParentWindow& operator=(const ParentWindow&) = delete;

  // Starts `list` once fewer than `width` parents are unsettled (settling the oldest first).
  // Returns the stop status once the window has stopped (then `list` is not started).
  boost::asio::awaitable<core::Status> Add(ListFn list);
  // Settles every parent in order; waits for every listing launched.
  boost::asio::awaitable<core::Status> Finish();

  struct State;  // shared with the listings' coroutines

 private:
  std::size_t width_;
  std::shared_ptr<State> state_;
};

}  // namespace catalog::definition
