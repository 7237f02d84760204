// NdjsonSink: one entity per line that parses back; write errors fail the batch and the run.
#include "ocean/sinks/ndjson_sink.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fakes/run_coro.h"
#include "fakes/temp_dir.h"
#include "sink_test_util.h"

namespace ocean {
namespace {

using namespace sink_test;
using testing_fakes::RunCoro;
using testing_fakes::TempDir;

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(NdjsonSinkTest, WritesOneEntityPerLineThatParsesBack) {
  TempDir dir;
  std::string path = dir.path() + "/out.ndjson";
  auto sink = NdjsonSink::Open(path);
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  EntitySink& s = **sink;
  EXPECT_EQ(s.name(), "ndjson");
  EXPECT_FALSE(s.keeps_state());
  ResourceConfig resource = Resource(0, "AWS::S3::Bucket", "bucket");
  ResyncStart start = Start("r1");
  ASSERT_TRUE(RunCoro(s.BeginResync(start)).ok());
  Batch first(resource, "bucket", {"a", "b"});
  UpsertOutcome out = RunCoro(s.Upsert(first.batch));
  EXPECT_EQ(out.failed, 0);
  EXPECT_EQ(out.upserted, (std::vector<EntityKey>{{"bucket", "a"}, {"bucket", "b"}}));
  // Flushed per batch: visible before the run ends.
  EXPECT_EQ(Lines(path).size(), 2u);
  Batch second(resource, "bucket", {"c"});
  second.batch.entities[0].entity["properties"] = Json(R"({"ratio":0.5,"name":"ünï \"q\""})");
  (void)RunCoro(s.Upsert(second.batch));
  ASSERT_TRUE(RunCoro(s.EndResync(start, RunRecord{})).ok());

  std::vector<std::string> lines = Lines(path);
  ASSERT_EQ(lines.size(), 3u);
  std::vector<const mapping::MappedEntity*> expected = {
      &first.batch.entities[0], &first.batch.entities[1], &second.batch.entities[0]};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto parsed = core::ParseJson(lines[i]);
    ASSERT_TRUE(parsed.ok()) << lines[i];
    EXPECT_EQ(parsed->as_object(), expected[i]->entity) << lines[i];
  }
}

TEST(NdjsonSinkTest, KeepsNoState) {
  TempDir dir;
  auto sink = NdjsonSink::Open(dir.path() + "/x.ndjson");
  ASSERT_TRUE(sink.ok());
  ResyncStart start = Start("r1");
  auto owned = RunCoro((*sink)->ListOwned(start));
  ASSERT_TRUE(owned.ok());
  EXPECT_TRUE(owned->empty());
  PortAppConfig config;
  std::vector<EntityKey> keys = {{"bucket", "a"}};
  DeleteOutcome d = RunCoro((*sink)->Delete(keys, config, start));
  EXPECT_EQ(d.deleted, 0);
  EXPECT_EQ(d.failed, 0);
}

TEST(NdjsonSinkTest, WriteErrorsFailTheBatchAndTheRun) {
  std::FILE* full = std::fopen("/dev/full", "wb");
  if (full == nullptr) GTEST_SKIP() << "/dev/full not available";
  {
    NdjsonSink sink(full, "/dev/full");
    ResourceConfig resource = Resource(0, "AWS::S3::Bucket", "bucket");
    ResyncStart start = Start("r1");
    ASSERT_TRUE(RunCoro(sink.BeginResync(start)).ok());
    Batch b(resource, "bucket", {"a", "b"});
    UpsertOutcome out = RunCoro(sink.Upsert(b.batch));
    EXPECT_EQ(out.failed, 2);
    EXPECT_TRUE(out.upserted.empty());
    ASSERT_EQ(out.errors.size(), 2u);
    EXPECT_NE(out.errors[0].find("bucket/a"), std::string::npos) << out.errors[0];
    EXPECT_NE(out.errors[0].find("/dev/full"), std::string::npos) << out.errors[0];
    core::Status end = RunCoro(sink.EndResync(start, RunRecord{}));
    ASSERT_FALSE(end.ok());
    EXPECT_NE(end.message().find("/dev/full"), std::string::npos) << end.message();
    EXPECT_NE(end.message().find("2 entities not written"), std::string::npos) << end.message();

    // A new resync starts with a clean slate.
    ASSERT_TRUE(RunCoro(sink.BeginResync(start)).ok());
    EXPECT_TRUE(RunCoro(sink.EndResync(start, RunRecord{})).ok());
  }
  std::fclose(full);
}

TEST(NdjsonSinkTest, UnopenablePathIsAnErrorNamingIt) {
  TempDir dir;
  std::string bad = dir.path() + "/missing/out.ndjson";
  auto sink = NdjsonSink::Open(bad);
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.status().message().find(bad), std::string::npos) << sink.status().message();
}

}  // namespace
}  // namespace ocean
