// Response parsing beyond EC2 (issue 5.3): the JSON protocols (ECS json 1.1 DescribeClusters,
// SQS json 1.0 GetQueueAttributes) and S3's rest-xml ListBuckets, body -> boto3-shaped JSON.
// Items per second are resources per second on one core.
#include <benchmark/benchmark.h>

#include "bench_inputs.h"

namespace {

void RunParse(benchmark::State& state, const char* service, const char* operation,
              const std::vector<std::string>& bodies, int items_per_body) {
  const aws::model::ServiceModel* svc = *aws::model::GetService(service);
  const aws::model::Operation* op = svc->FindOperation(operation);
  std::vector<net::HttpResponse> responses(bodies.size());
  int64_t bytes = 0;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    responses[i].status = 200;
    responses[i].body = bodies[i];
    bytes += static_cast<int64_t>(bodies[i].size());
  }
  for (auto _ : state) {
    for (const net::HttpResponse& resp : responses) {
      auto r = aws::protocol::ParseResponse(*svc, *op, resp);
      if (!r.ok()) {
        state.SkipWithError(r.status().ToString().c_str());
        return;
      }
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * items_per_body *
                          static_cast<int64_t>(bodies.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}

// One DescribeClusters answer of 100 clusters (the API's batch maximum).
void BM_ParseEcsDescribeClusters100(benchmark::State& state) {
  RunParse(state, "ecs", "DescribeClusters", {bench::MakeDescribeClustersBody(100)}, 100);
}
BENCHMARK(BM_ParseEcsDescribeClusters100)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

// 100 GetQueueAttributes answers (one call per queue, as the SQS kind enriches).
void BM_ParseSqsGetQueueAttributes100(benchmark::State& state) {
  std::vector<std::string> bodies;
  for (int i = 0; i < 100; ++i) bodies.push_back(bench::MakeGetQueueAttributesBody(i));
  RunParse(state, "sqs", "GetQueueAttributes", bodies, 1);
}
BENCHMARK(BM_ParseSqsGetQueueAttributes100)
    ->Unit(benchmark::kMicrosecond)
    ->MeasureProcessCPUTime();

// One ListBuckets page of 1,000 buckets (rest-xml).
void BM_ParseS3ListBuckets1000(benchmark::State& state) {
  RunParse(state, "s3", "ListBuckets", {bench::MakeListBucketsBody(1000)}, 1000);
}
BENCHMARK(BM_ParseS3ListBuckets1000)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

}  // namespace
