// Floor of a catalog row (issue 13.2; the other floors: floor_bench.cc): SQLite doing nothing
// but the sink's upsert of texts written beforehand, next to BM_SqliteUpsertEc2's.
//
//   BM_FloorSqliteUpsertEc2/F/T one prepared INSERT ... ON CONFLICT per entity with texts
//                             written beforehand (the very rows SqliteSink stores for 1,000
//                             mapped EC2 instances: entity, properties, relations, raw),
//                             SQLITE_STATIC binds, one transaction per T rows, into a catalog
//                             with the sink's schema and pragmas. F=0 rewrites the same keys (as
//                             BM_SqliteUpsertEc2 does), F=1 inserts new keys each iteration (a
//                             first resync). Compare items/s with BM_SqliteUpsertEc2/1000.
//
// Single-threaded; the benchmark owns its temporary directory and connection.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_inputs.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/sinks/sqlite_sink.h"
#include "ocean/sinks/sqlite_sink_statements.h"

namespace {

struct Row {
  std::string blueprint, identifier, kind, title, entity, properties, relations, raw;
};

// The rows SqliteSink stores for `n` mapped EC2 instances: written once through the sink into a
// scratch catalog and read back, so that the floor binds the very texts the sink writes.
std::vector<Row> SinkRows(const std::string& dir, int n) {
  const ocean::ResourceConfig resource = bench::DefaultResourceConfig("AWS::EC2::Instance");
  auto mapper = ocean::mapping::EntityMapper::Compile(resource);
  if (!mapper.ok()) bench::Die(mapper.status().ToString());
  const std::vector<json::value> raw = bench::Ec2Envelopes(n / 10, 10);
  ocean::mapping::MapResult mapped = mapper->Map(raw);
  const std::string path = dir + "/scratch.sqlite";
  {
    auto sink = ocean::SqliteSink::Open(path, {"bench"});
    if (!sink.ok()) bench::Die(sink.status().ToString());
    ocean::PortAppConfig config;
    config.resources.push_back(resource);
    ocean::ResyncStart start{"bench-resync", std::chrono::system_clock::now(), &config, "cli"};
    if (core::Status st = (*sink)->BeginResyncSync(start); !st.ok()) bench::Die(st.ToString());
    ocean::UpsertBatch batch;
    batch.resource = &config.resources.front();
    batch.raw = raw;
    batch.entities = mapped.entities;
    if ((*sink)->UpsertSync(batch).failed != 0) bench::Die("scratch upsert failed");
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) bench::Die("open scratch catalog");
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT blueprint, identifier, kind, coalesce(title, ''), entity_json, "
                     "coalesce(properties_json, ''), coalesce(relations_json, ''), "
                     "coalesce(raw_json, '') FROM entities",
                     -1, &q, nullptr);
  std::vector<Row> rows;
  auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, i))); };
  while (sqlite3_step(q) == SQLITE_ROW) {
    rows.push_back({text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7)});
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  if (static_cast<int>(rows.size()) != n) bench::Die("the scratch catalog holds the wrong count");
  return rows;
}

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    bench::Die(std::string(sql) + ": " + (err ? err : "?"));
  }
}

void BM_FloorSqliteUpsertEc2(benchmark::State& state) {
  const bool fresh_keys = state.range(0) != 0;
  const size_t per_transaction = static_cast<size_t>(state.range(1));
  char dir_template[] = "/tmp/ocean-bench-floor-XXXXXX";
  if (mkdtemp(dir_template) == nullptr) bench::Die("mkdtemp failed");
  const std::string dir = dir_template;
  const std::vector<Row> rows = SinkRows(dir, 1000);
  const std::string path = dir + "/catalog.sqlite";
  {  // the sink's schema and file settings (page size, WAL)
    auto sink = ocean::SqliteSink::Open(path, {"bench"});
    if (!sink.ok()) bench::Die(sink.status().ToString());
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) bench::Die("open catalog");
  Exec(db, "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-4096");  // the sink's connection pragmas
  sqlite3_stmt* upsert = nullptr;
  if (sqlite3_prepare_v2(db, ocean::sqlite::kUpsertEntitySql, -1, &upsert, nullptr) != SQLITE_OK) {
    bench::Die(sqlite3_errmsg(db));
  }
  const std::string now = "2026-12-05T00:00:00.000000Z";
  std::vector<std::string> ids(rows.size());
  long iteration = 0;
  for (auto _ : state) {
    if (fresh_keys) {
      state.PauseTiming();
      for (size_t i = 0; i < rows.size(); ++i) ids[i] = rows[i].identifier + "-" + std::to_string(iteration);
      state.ResumeTiming();
    }
    ++iteration;
    for (size_t from = 0; from < rows.size(); from += per_transaction) {
      Exec(db, "BEGIN IMMEDIATE");
      for (size_t i = from; i < std::min(rows.size(), from + per_transaction); ++i) {
        const Row& r = rows[i];
        const std::string& id = fresh_keys ? ids[i] : r.identifier;
        auto bind = [&](int at, const std::string& s) {
          sqlite3_bind_text(upsert, at, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
        };
        bind(1, r.blueprint);
        bind(2, id);
        sqlite3_bind_text(upsert, 3, "bench", 5, SQLITE_STATIC);
        bind(4, r.kind);
        sqlite3_bind_int(upsert, 5, 0);
        bind(6, r.title);
        bind(7, r.entity);
        bind(8, r.properties);
        bind(9, r.relations);
        bind(10, r.raw);
        bind(11, now);
        sqlite3_bind_text(upsert, 12, "bench-resync", 12, SQLITE_STATIC);
        if (sqlite3_step(upsert) != SQLITE_DONE) bench::Die(sqlite3_errmsg(db));
        sqlite3_reset(upsert);
      }
      Exec(db, "COMMIT");
    }
  }
  sqlite3_finalize(upsert);
  sqlite3_close(db);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.size()));
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
BENCHMARK(BM_FloorSqliteUpsertEc2)
    ->Args({0, 100})
    ->Args({1, 100})
    ->Args({0, 1000})
    ->Args({1, 1000})
    ->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

}  // namespace
