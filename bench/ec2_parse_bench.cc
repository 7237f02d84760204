// Parsing benchmark (issue 2): an EC2 DescribeInstances page of 1,000 instances, XML -> the
// boto3-shaped JSON. Reports instances per second on one core (target >= 50,000).
//
// The instance template (data/ec2_instance_item.xml) is one instance as moto serves it; each copy
// gets its own ids so that nothing is shared between items (bench_inputs.h).
#include <benchmark/benchmark.h>

#include "bench_inputs.h"

namespace {

void BM_ParseDescribeInstances1000(benchmark::State& state) {
  const aws::model::ServiceModel* ec2 = *aws::model::GetService("ec2");
  const aws::model::Operation* op = ec2->FindOperation("DescribeInstances");
  net::HttpResponse resp;
  resp.status = 200;
  resp.body = bench::MakeDescribeInstancesPage(100, 10);
  for (auto _ : state) {
    auto r = aws::protocol::ParseResponse(*ec2, *op, resp);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(resp.body.size()));
  state.counters["page_bytes"] = static_cast<double>(resp.body.size());
}
BENCHMARK(BM_ParseDescribeInstances1000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

}  // namespace
