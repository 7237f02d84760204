// Clock: the source of wall time, injectable so that signing, credential expiry and backoff can
// be tested deterministically (FakeClock in tests/fakes).
//
// Thread-safety: implementations must be safe to call from any thread.
#pragma once

#include <chrono>

#include "core/timestamp.h"

namespace core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override {
    auto d = std::chrono::system_clock::now().time_since_epoch();
    return Timestamp{std::chrono::duration_cast<std::chrono::microseconds>(d).count()};
  }
  static const SystemClock& Get() {
    static const SystemClock kClock;
    return kClock;
  }
};

}  // namespace core
