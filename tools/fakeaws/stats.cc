#include "stats.h"

#include <sys/resource.h>

namespace fakeaws {

double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

void Stats::Record(std::string_view api, bool throttled, std::optional<FaultType> fault) {
  requests_.fetch_add(1, std::memory_order_relaxed);
  if (throttled) throttled_.fetch_add(1, std::memory_order_relaxed);
  if (fault) {
    faults_.fetch_add(1, std::memory_order_relaxed);
    by_fault_[static_cast<int>(*fault)].fetch_add(1, std::memory_order_relaxed);
  }
  std::lock_guard lock(mu_);
  auto it = apis_.find(api);
  if (it == apis_.end()) it = apis_.emplace(std::string(api), ApiCounts{}).first;
  ++it->second.requests;
  if (throttled) ++it->second.throttled;
  if (fault) ++it->second.faults;
}

uint64_t Stats::requests_of(std::string_view api) const {
  std::lock_guard lock(mu_);
  auto it = apis_.find(api);
  return it == apis_.end() ? 0 : it->second.requests;
}

json::object Stats::ToJson() const {
  json::object o;
  uint64_t n = requests_.load();
  double cpu = ProcessCpuSeconds() - cpu_baseline_.load();
  o["requests"] = n;
  o["throttled"] = throttled_.load();
  o["faults"] = faults_.load();
  json::object by_type;
  for (int i = 0; i < kFaultTypeCount; ++i) {
    by_type[FaultTypeName(static_cast<FaultType>(i))] = by_fault_[i].load();
  }
  o["faults_by_type"] = std::move(by_type);
  o["bytes_sent"] = bytes_.load();
  o["cpu_seconds"] = cpu;
  o["cpu_us_per_request"] = n > 0 ? cpu * 1e6 / static_cast<double>(n) : 0.0;
  json::object apis;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, c] : apis_) {
      json::object a;
      a["requests"] = c.requests;
      a["throttled"] = c.throttled;
      a["faults"] = c.faults;
      apis[name] = std::move(a);
    }
  }
  o["apis"] = std::move(apis);
  return o;
}

void Stats::Reset() {
  requests_ = 0;
  throttled_ = 0;
  faults_ = 0;
  bytes_ = 0;
  for (auto& f : by_fault_) f = 0;
  cpu_baseline_ = ProcessCpuSeconds();
  std::lock_guard lock(mu_);
  apis_.clear();
}

}  // namespace fakeaws
