// Stats: what the fake endpoint did, for /_fake/stats: AWS requests, throttled answers, faults
// by type, bytes sent, per-API counts, and the endpoint process's own CPU time (so a benchmark
// can show the endpoint is not its bottleneck: CPU microseconds per request).
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "fake_config.h"

namespace fakeaws {

// User + system CPU seconds of this process so far.
double ProcessCpuSeconds();

class Stats {
 public:
  // One AWS request for `api` ("ec2:DescribeInstances"), and what became of it.
  void Record(std::string_view api, bool throttled, std::optional<FaultType> fault);
  void AddBytes(uint64_t n) { bytes_.fetch_add(n, std::memory_order_relaxed); }
  // Sequence number for the next AWS request (1-based), for the fault schedule.
  uint64_t NextSequence() { return sequence_.fetch_add(1, std::memory_order_relaxed) + 1; }

  uint64_t requests() const { return requests_.load(); }
  uint64_t throttled() const { return throttled_.load(); }
  uint64_t faults() const { return faults_.load(); }
  uint64_t faults_of(FaultType t) const { return by_fault_[static_cast<int>(t)].load(); }
  uint64_t requests_of(std::string_view api) const;

  // {"requests", "throttled", "faults", "faults_by_type": {...}, "bytes_sent",
  //  "cpu_seconds", "cpu_us_per_request", "apis": {"ec2:DescribeInstances":
  //  {"requests", "throttled", "faults"}, ...}}
  json::object ToJson() const;
  // Forgets every count (the CPU baseline moves to now).
  void Reset();

 private:
  struct ApiCounts {
    uint64_t requests = 0, throttled = 0, faults = 0;
  };
  std::atomic<uint64_t> sequence_{0}, requests_{0}, throttled_{0}, faults_{0}, bytes_{0};
  std::atomic<uint64_t> by_fault_[kFaultTypeCount] = {};
  std::atomic<double> cpu_baseline_{0};
  mutable std::mutex mu_;
  std::map<std::string, ApiCounts, std::less<>> apis_;  // guarded by mu_
};

}  // namespace fakeaws
