// SQLite upsert (issue 5.3): SqliteSink::UpsertSync of EC2 instance entities mapped with the
// default mappings, each with its raw envelope, in the exporter's batches of 100, into a
// catalog file on disk (WAL). The Arg is the number of entities per iteration (10 batches of
// 100 = 1,000). Every iteration rewrites the same keys, as a resync over unchanged resources
// does; items per second are entities per second.
// BM_SqliteUpsertEc2Grouped/<batch>/<grouped>: the same entities in batches of <batch> (10: the
// kinds with few resources per scope), written as a resync writes them (Upsert's group commit,
// 1) or one transaction per batch (0); the group is committed at the end of each iteration.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "bench_inputs.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/sinks/sqlite_sink.h"

namespace {

void RunUpserts(benchmark::State& state, int total, std::size_t batch_size, bool grouped) {
  const ocean::ResourceConfig resource = bench::DefaultResourceConfig("AWS::EC2::Instance");
  core::Result<ocean::mapping::EntityMapper> mapper =
      ocean::mapping::EntityMapper::Compile(resource);
  if (!mapper.ok()) bench::Die(mapper.status().ToString());
  const std::vector<json::value> raw = bench::Ec2Envelopes(total / 10, 10);
  ocean::mapping::MapResult mapped = mapper->Map(raw);

  char dir_template[] = "/tmp/ocean-bench-sqlite-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) bench::Die("mkdtemp failed");
  const std::string dir = dir_template;
  auto sink = ocean::SqliteSink::Open(dir + "/catalog.sqlite", {"bench"});
  if (!sink.ok()) bench::Die(sink.status().ToString());
  ocean::PortAppConfig config;
  config.resources.push_back(resource);
  ocean::ResyncStart start{"bench-resync", std::chrono::system_clock::now(), &config, "cli"};
  if (core::Status st = (*sink)->BeginResyncSync(start); !st.ok()) bench::Die(st.ToString());

  for (auto _ : state) {
    state.PauseTiming();  // the batches are the mapper's output; building them is not upsert
    std::vector<ocean::UpsertBatch> batches;
    for (std::size_t from = 0; from < mapped.entities.size(); from += batch_size) {
      ocean::UpsertBatch& batch = batches.emplace_back();
      batch.resource = &config.resources.front();
      batch.raw = raw;
      std::size_t to = std::min(from + batch_size, mapped.entities.size());
      batch.entities.assign(mapped.entities.begin() + static_cast<long>(from),
                            mapped.entities.begin() + static_cast<long>(to));
    }
    state.ResumeTiming();
    for (const ocean::UpsertBatch& batch : batches) {
      ocean::UpsertOutcome out =
          grouped ? (*sink)->UpsertGroupedSync(batch) : (*sink)->UpsertSync(batch);
      if (out.failed != 0) {
        state.SkipWithError(out.errors.empty() ? "upsert failed" : out.errors.front().c_str());
        break;
      }
    }
    if (core::Status st = (*sink)->CommitGroupSync(); !st.ok()) {
      state.SkipWithError(st.ToString().c_str());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(mapped.entities.size()));
  sink->reset();
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
void BM_SqliteUpsertEc2(benchmark::State& state) {
  RunUpserts(state, static_cast<int>(state.range(0)), 100, false);
}
BENCHMARK(BM_SqliteUpsertEc2)->Arg(1000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

void BM_SqliteUpsertEc2Grouped(benchmark::State& state) {
  RunUpserts(state, 2000, static_cast<std::size_t>(state.range(0)), state.range(1) != 0);
}
BENCHMARK(BM_SqliteUpsertEc2Grouped)
    ->Args({100, 0})
    ->Args({100, 1})
    ->Args({10, 0})
    ->Args({10, 1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();

}  // namespace
