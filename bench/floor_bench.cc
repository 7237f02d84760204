// Floors (issue 13.2): what the cheapest possible code costs for the work the `cpu` scenario
// cannot avoid, measured on this machine next to what ocean-aws spends on the same work. They
// bound from below what any implementation of the scenario can reach: every resync makes the
// original's AWS requests, reads every answer and writes every entity into the catalog.
//
// scripts/bench_floor.py multiplies them by what a `cpu` run did. The request's floor is in
// floor_http_bench.cc (BM_FloorHttpRoundTrip/K), the catalog row's in floor_sqlite_bench.cc
// (BM_FloorSqliteUpsertEc2/F/T); here the rest:
//   BM_FloorXmlLoadEc2Page1000 pugixml's in-place parse of the page BM_ParseDescribeInstances1000
//                             parses (its DOM only: no JSON built), to compare with that one.
//   BM_FloorJsonParseEcs100   Boost.JSON's parse of the answer BM_ParseEcsDescribeClusters100
//                             parses into one monotonic arena (no shape walk, no model).
//   BM_FloorJsonSerializeEc2Envelopes1000 Boost.JSON's serializer over 1,000 raw EC2 envelopes
//                             built beforehand: the rate at which a well-kept library writes the
//                             catalog's JSON texts (bytes per CPU-second).
//   BM_FloorEntityCopyEc21000 copying 1,000 mapped EC2 entities (the default mapping's output)
//                             into one arena: the least that producing the mapped entities costs,
//                             without evaluating a single mapping expression.
//   BM_FloorSigV4Hashes       the hashing one SigV4 signature needs with the signing key cached:
//                             SHA-256 of the payload and of a canonical request, HMAC-SHA256 of
//                             the string to sign (OpenSSL one-shot calls, no strings built).
//
// Single-threaded; each benchmark owns its inputs and buffers.
#include <benchmark/benchmark.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "bench_inputs.h"
#include "ocean/mapping/entity_mapper.h"

namespace {

// ---- XML ----

void BM_FloorXmlLoadEc2Page1000(benchmark::State& state) {
  const std::string page = bench::MakeDescribeInstancesPage(100, 10);
  std::string buffer;
  for (auto _ : state) {
    state.PauseTiming();
    buffer = page;  // pugixml parses in place: a fresh copy each time, outside the timing
    state.ResumeTiming();
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer_inplace(buffer.data(), buffer.size());
    if (!r) bench::Die("the page does not parse");
    benchmark::DoNotOptimize(doc.first_child());
  }
  state.SetItemsProcessed(state.iterations() * 1000);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(page.size()));
}
BENCHMARK(BM_FloorXmlLoadEc2Page1000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

void BM_FloorJsonParseEcs100(benchmark::State& state) {
  const std::string body = bench::MakeDescribeClustersBody(100);
  unsigned char scratch[4096];
  for (auto _ : state) {
    json::monotonic_resource arena(scratch, sizeof scratch);
    json::value v = json::parse(body, &arena);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations() * 100);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_FloorJsonParseEcs100)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

void BM_FloorJsonSerializeEc2Envelopes1000(benchmark::State& state) {
  const std::vector<json::value> envelopes = bench::Ec2Envelopes(100, 10);
  std::string out;
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const json::value& v : envelopes) {
      json::serializer sr;
      sr.reset(&v);
      char buf[16384];
      while (!sr.done()) {
        std::string_view part = sr.read(buf, sizeof buf);
        bytes += static_cast<int64_t>(part.size());
        benchmark::DoNotOptimize(part.data());
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(envelopes.size()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_FloorJsonSerializeEc2Envelopes1000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

void BM_FloorEntityCopyEc21000(benchmark::State& state) {
  const ocean::ResourceConfig resource = bench::DefaultResourceConfig("AWS::EC2::Instance");
  auto mapper = ocean::mapping::EntityMapper::Compile(resource);
  if (!mapper.ok()) bench::Die(mapper.status().ToString());
  const std::vector<json::value> raw = bench::Ec2Envelopes(100, 10);
  const ocean::mapping::MapResult mapped = mapper->Map(raw);
  if (mapped.entities.size() != raw.size()) bench::Die("the default EC2 mapping dropped entities");
  for (auto _ : state) {
    json::monotonic_resource arena;
    for (const ocean::mapping::MappedEntity& e : mapped.entities) {
      json::object copy(e.entity, &arena);
      benchmark::DoNotOptimize(copy);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(mapped.entities.size()));
}
BENCHMARK(BM_FloorEntityCopyEc21000)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

void BM_FloorSigV4Hashes(benchmark::State& state) {
  const std::string payload = "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/123456789012/queue-0000001\"}";
  const std::string canonical_request(420, 'c');  // method, path, query, headers, hash: ~420 bytes
  const std::string string_to_sign(150, 's');
  unsigned char key[32] = {1};
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  for (auto _ : state) {
    SHA256(reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest);
    SHA256(reinterpret_cast<const unsigned char*>(canonical_request.data()), canonical_request.size(),
           digest);
    HMAC(EVP_sha256(), key, sizeof key, reinterpret_cast<const unsigned char*>(string_to_sign.data()),
         string_to_sign.size(), digest, &len);
    benchmark::DoNotOptimize(digest);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FloorSigV4Hashes)->MeasureProcessCPUTime();

}  // namespace
