// jq mapping per entity (issue 5.3): the default mappings (.port/resources/port-app-config.yml)
// of AWS::EC2::Instance applied by EntityMapper to 1,000 envelopes as the exporter emits them.
// Items per second are entities per second on one core. The Arg: 0 one libjq program per leaf,
// 1 all leaves in one libjq program (JqOptions::combine_leaves), both with native leaves off;
// 2 the default since issue 13: native leaves (native_leaf.h), libjq only for the others.
#include <benchmark/benchmark.h>

#include "bench_inputs.h"
#include "ocean/mapping/entity_mapper.h"

namespace {

void BM_MapEc2DefaultMapping1000(benchmark::State& state) {
  ocean::mapping::JqOptions options;
  options.combine_leaves = state.range(0) == 1;
  options.native_leaves = state.range(0) == 2;
  core::Result<ocean::mapping::EntityMapper> mapper = ocean::mapping::EntityMapper::Compile(
      bench::DefaultResourceConfig("AWS::EC2::Instance"), options);
  if (!mapper.ok()) {
    state.SkipWithError(mapper.status().ToString().c_str());
    return;
  }
  const std::vector<json::value> envelopes = bench::Ec2Envelopes(100, 10);
  for (auto _ : state) {
    ocean::mapping::MapResult r = mapper->Map(envelopes);
    if (r.entities.size() != envelopes.size() || !r.errors.empty()) {
      state.SkipWithError("mapping dropped or failed entities");
      return;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(envelopes.size()));
}
BENCHMARK(BM_MapEc2DefaultMapping1000)
    ->Arg(1)
    ->Arg(0)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

}  // namespace
