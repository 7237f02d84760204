// The metrics registry's cost per AWS call (issue 13.2): what aws/client.cc records after every
// call, four Describe()s (callers describe on every update) and two Add()s, one with the
// service label and one with service and outcome, against a registry holding the series of a
// resync (40 services).
//   BM_MetricsPerAwsCall   the six updates of one call, cycling over the 40 services
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "core/metrics.h"

namespace {

namespace m = core::metrics;

void BM_MetricsPerAwsCall(benchmark::State& state) {
  m::ResetForTesting();
  std::vector<std::string> services;
  for (int i = 0; i < 40; ++i) services.push_back("service" + std::to_string(i));
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& service = services[i++ % services.size()];
    m::Describe("bench_requests_total", "counter", "HTTP requests sent to AWS, one per attempt.");
    m::Describe("bench_calls_total", "counter", "AWS API calls by final outcome.");
    m::Describe("bench_throttles_total", "counter", "AWS responses classified as throttling.");
    m::Describe("bench_retries_total", "counter", "AWS attempts retried after an error.");
    const m::Labels labels = {{"service", service}};
    m::Add("bench_requests_total", labels, 1);
    const m::Labels outcome = {{"service", service}, {"outcome", "ok"}};
    m::Add("bench_calls_total", outcome);
  }
  state.SetItemsProcessed(state.iterations());
  if (m::Get("bench_calls_total", {{"service", "service0"}, {"outcome", "ok"}}) < 1) {
    state.SkipWithError("the calls were not counted");
  }
  m::ResetForTesting();
}
BENCHMARK(BM_MetricsPerAwsCall);

}  // namespace
