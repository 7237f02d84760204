// FakeClock: a core::Clock whose time moves only when a test says so.
//
// Thread-safety: atomic; safe from any thread.
#pragma once

#include <atomic>
#include <chrono>

#include "core/clock.h"

namespace testing_fakes {

class FakeClock final : public core::Clock {
 public:
  explicit FakeClock(core::Timestamp start = core::Timestamp{1'700'000'000'000'000})
      : micros_(start.micros) {}
  core::Timestamp Now() const override { return core::Timestamp{micros_.load()}; }
  void Advance(std::chrono::microseconds d) { micros_ += d.count(); }
  void Set(core::Timestamp t) { micros_ = t.micros; }

 private:
  std::atomic<int64_t> micros_;
};

}  // namespace testing_fakes
