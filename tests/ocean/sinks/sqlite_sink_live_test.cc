// SqliteSink's live-event writes: a live upsert during a resync is never one of that resync's
// deletion candidates (Ocean's rule: reconciliation only considers entities last written before
// the resync began), while a live row written before the resync still is; a live delete of a
// missing entity is not an error.
#include <gtest/gtest.h>

#include <thread>

#include "fakes/run_coro.h"
#include "fakes/temp_dir.h"
#include "ocean/sinks/sqlite_sink.h"
#include "sink_test_util.h"

namespace ocean {
namespace {

using namespace sink_test;
using testing_fakes::RunCoro;

TEST(SqliteSinkLive, LiveUpsertDuringAResyncIsNotItsDeletionCandidate) {
  testing_fakes::TempDir dir;
  auto sink = SqliteSink::Open(dir.path() + "/c.db", SqliteSinkOptions{"my-aws"}).value();
  ResourceConfig buckets = Resource(0, "AWS::S3::Bucket", "bucket");

  Batch before(buckets, "bucket", {"old-live"});
  ASSERT_EQ(RunCoro(sink->UpsertLive(std::move(before.batch))).upserted.size(), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));

  ResyncStart start = Start("r1");
  start.started_at = std::chrono::system_clock::now();
  ASSERT_TRUE(sink->BeginResyncSync(start).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  Batch during(buckets, "bucket", {"new-live"});
  UpsertOutcome out = RunCoro(sink->UpsertLive(std::move(during.batch)));
  ASSERT_EQ(out.failed, 0);
  Batch resync(buckets, "bucket", {"listed"});
  ASSERT_EQ(sink->UpsertSync(resync.batch).failed, 0);

  auto owned = sink->ListOwnedSync(start);
  ASSERT_TRUE(owned.ok());
  // old-live existed before the resync (a candidate if the resync does not see it); new-live
  // was written by a live event after it began: never a candidate. The live write did not take
  // the resync's id.
  EXPECT_EQ(*owned, (std::vector<EntityKey>{{"bucket", "old-live"}}));
  auto stored = sink->Get({"bucket", "new-live"}).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->resync_id, "");
  EXPECT_EQ(sink->Get({"bucket", "listed"}).value()->resync_id, "r1");
}

TEST(SqliteSinkLive, LiveDeleteOfAMissingEntityIsFine) {
  testing_fakes::TempDir dir;
  auto sink = SqliteSink::Open(dir.path() + "/c.db", SqliteSinkOptions{"my-aws"}).value();
  PortAppConfig config;
  DeleteOutcome d = RunCoro(sink->DeleteLive({{"bucket", "nope"}}, config));
  EXPECT_EQ(d.failed, 0);
}

}  // namespace
}  // namespace ocean
