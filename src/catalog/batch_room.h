// BatchRoom / ReserveFn: room for one batch in the consumer's bounded queue, taken by a scope
// BEFORE it enriches the batch (issue 13.4).
//
// A scope that waited for room only inside EmitFn held its enriched batch (the raw resources
// plus every action's answer) while it waited; with hundreds of scopes in flight that was the
// stages' extra memory. With a ReserveFn the scope waits while it holds only its raw resources,
// then enriches and emits at once:
//
//   Result<BatchRoom> room = co_await reserve();   // waits; an error ends the scope
//   envelopes = co_await Inspect(...);
//   room->Hand();                                   // the next emit uses this room
//   co_await emit(std::move(envelopes));
//
// A room not handed over (the scope failed or was destroyed between reserve and emit) is given
// back when the BatchRoom dies. Hand() means "the emit that follows immediately owns this room";
// the consumer counts rooms, so its emit must take one synchronously when it starts.
//
// Thread-safety: none; used on the resync's event loop only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <utility>

#include "core/result.h"
#include "core/status.h"

namespace catalog {

class BatchRoom {
 public:
  BatchRoom() = default;
  // `end(handed)` runs once: with true from Hand(), with false when the room dies unhanded.
  explicit BatchRoom(std::function<void(bool handed)> end) : end_(std::move(end)) {}
  BatchRoom(BatchRoom&& o) noexcept : end_(std::exchange(o.end_, nullptr)) {}
  BatchRoom& operator=(BatchRoom&& o) noexcept {
    if (this != &o) {
      End(false);
      end_ = std::exchange(o.end_, nullptr);
    }
    return *this;
  }
  BatchRoom(const BatchRoom&) = delete;
  BatchRoom& operator=(const BatchRoom&) = delete;
  ~BatchRoom() { End(false); }

  // The room passes to the emit that follows at once.
  void Hand() { End(true); }
  bool held() const { return static_cast<bool>(end_); }

 private:
  void End(bool handed) {
    if (end_) std::exchange(end_, nullptr)(handed);
  }
  std::function<void(bool)> end_;
};

// Waits for room for one batch; an error (e.g. the resync was aborted) fails the scope as an
// emit error would.
using ReserveFn = std::function<boost::asio::awaitable<core::Result<BatchRoom>>()>;

}  // namespace catalog
