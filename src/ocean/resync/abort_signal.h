// AbortSignal: how a running resync learns that it must stop (a newer resync, SIGTERM/SIGINT).
//
// The resync checks it between batches and kinds; an aborted resync finishes its in-flight
// requests' batches without writing them, deletes nothing and reports status "aborted".
//
// Thread-safety: Abort() may be called from any thread (a signal handler's strand included);
// aborted() is a relaxed atomic read.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

namespace ocean {

class AbortSignal {
 public:
  void Abort(std::string reason) {
    {
      std::lock_guard lock(mu_);
      if (aborted_.load()) return;
      reason_ = std::move(reason);
    }
    aborted_.store(true);
  }
  bool aborted() const { return aborted_.load(std::memory_order_relaxed); }
  std::string reason() const {
    std::lock_guard lock(mu_);
    return reason_;
  }

 private:
  std::atomic<bool> aborted_{false};
  mutable std::mutex mu_;
  std::string reason_;
};

using AbortSignalPtr = std::shared_ptr<AbortSignal>;

}  // namespace ocean
