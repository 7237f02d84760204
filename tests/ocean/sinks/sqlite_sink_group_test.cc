// SqliteSink's group commit: a resync's upserts share a transaction that commits by size, at
// Flush/ListOwned/EndResync and before live writes; a group that fails to commit fails the resync
// (ListOwned errors, Delete deletes nothing, the run is recorded failed naming the cause) and
// leaves the catalog as the last commit left it. Another connection shows what is committed,
// and, once the load stage flushed an idle group, can write without waiting.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include "core/sleep.h"
#include "fakes/run_coro.h"
#include "fakes/temp_dir.h"
#include "ocean/resync/kind_stages.h"
#include "ocean/sinks/sqlite_sink.h"
#include "sink_test_util.h"

namespace ocean {
namespace {

using namespace sink_test;
using testing_fakes::RunCoro;

class SqliteSinkGroupTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteSink> OpenSink(long group_entities) {
    SqliteSinkOptions options{"my-aws"};
    options.group_commit_entities = group_entities;
    options.group_commit_interval = std::chrono::hours(1);  // only size and explicit points
    auto sink = SqliteSink::Open(path_, options);
    EXPECT_TRUE(sink.ok()) << sink.status().ToString();
    return sink.ok() ? std::move(sink).value() : nullptr;
  }

  // Rows committed to the file, as another process sees them.
  long CommittedRows(const std::string& where = "1") {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    std::string sql = "SELECT count(*) FROM entities WHERE " + where;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK);
    long n = -1;
    if (sqlite3_step(st) == SQLITE_ROW) n = static_cast<long>(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  // From now on, upserting the identifier "poison" makes the next COMMIT fail (a deferred
  // foreign key violation, checked at commit), as a full disk or an I/O error would.
  void PoisonCommits() {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const char* sql = R"sql(
CREATE TABLE poison_parent (id INTEGER PRIMARY KEY);
CREATE TABLE poison_child (p INTEGER REFERENCES poison_parent (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TRIGGER poison AFTER INSERT ON entities WHEN NEW.identifier = 'poison'
BEGIN INSERT INTO poison_child VALUES (1); END;)sql";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }

  // Another process's write to the file: BEGIN IMMEDIATE with no busy timeout (so it never
  // waits for a lock), `sql`, COMMIT. SQLITE_BUSY at once while the sink holds the write lock.
  int OtherProcessWrites(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 0);
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if (rc == SQLITE_OK) {
      rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
      if (rc == SQLITE_OK) rc = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    sqlite3_close(db);
    return rc;
  }

  UpsertOutcome Upsert(SqliteSink& sink, const std::vector<std::string>& ids) {
    Batch b(buckets_, "bucket", ids);
    return RunCoro(sink.Upsert(std::move(b.batch)));
  }

  testing_fakes::TempDir dir_;
  std::string path_ = dir_.path() + "/catalog.db";
  ResourceConfig buckets_ = Resource(0, "AWS::S3::Bucket", "bucket");
};

TEST_F(SqliteSinkGroupTest, UpsertsOfAResyncCommitTogetherAtFlush) {
  auto sink = OpenSink(1000);
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  EXPECT_EQ(Upsert(*sink, {"a", "b"}).upserted.size(), 2u);
  EXPECT_EQ(Upsert(*sink, {"c"}).upserted.size(), 1u);
  EXPECT_EQ(CommittedRows(), 0);            // one open transaction
  EXPECT_EQ(sink->Count().value(), 3);      // the sink's own connection sees it
  EXPECT_TRUE(RunCoro(sink->Flush()).ok());  // a kind's end
  EXPECT_EQ(CommittedRows(), 3);
  EXPECT_TRUE(RunCoro(sink->Flush()).ok());  // nothing open: nothing to do
  EXPECT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  EXPECT_EQ(sink->LastRuns(1).value().at(0).status, "completed");
}

TEST_F(SqliteSinkGroupTest, GroupCommitsOnceItHoldsEnoughEntities) {
  auto sink = OpenSink(3);
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  Upsert(*sink, {"a", "b"});
  EXPECT_EQ(CommittedRows(), 0);
  Upsert(*sink, {"c", "d"});  // 4 >= 3
  EXPECT_EQ(CommittedRows(), 4);
  Upsert(*sink, {"e"});
  EXPECT_EQ(CommittedRows(), 4);
  ASSERT_TRUE(sink->ListOwnedSync(Start("r1")).ok());  // commits before listing
  EXPECT_EQ(CommittedRows(), 5);
}

TEST_F(SqliteSinkGroupTest, EndResyncAndLiveWritesCommitTheOpenGroup) {
  auto sink = OpenSink(1000);
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  Upsert(*sink, {"listed"});
  Batch live(buckets_, "bucket", {"live"});
  ASSERT_EQ(RunCoro(sink->UpsertLive(std::move(live.batch))).failed, 0);
  EXPECT_EQ(CommittedRows(), 2);
  EXPECT_EQ(CommittedRows("resync_id = 'r1'"), 1);  // the live row is not the resync's
  Upsert(*sink, {"listed-2"});
  EXPECT_EQ(CommittedRows(), 2);
  ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  EXPECT_EQ(CommittedRows(), 3);
}

TEST_F(SqliteSinkGroupTest, OutsideAResyncEveryBatchCommitsAtOnce) {
  auto sink = OpenSink(1000);
  Upsert(*sink, {"a"});
  EXPECT_EQ(CommittedRows(), 1);
}

TEST_F(SqliteSinkGroupTest, FailedGroupCommitFailsTheResyncAndDeletesNothing) {
  {
    auto sink = OpenSink(1000);
    ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
    Upsert(*sink, {"a", "b", "c"});
    ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  }
  PoisonCommits();
  auto sink = OpenSink(1000);
  ResyncStart r2 = Start("r2", 1704168245);
  ASSERT_TRUE(sink->BeginResyncSync(r2).ok());
  // Both batches are reported written: the failure shows only when the group commits.
  EXPECT_EQ(Upsert(*sink, {"a"}).upserted.size(), 1u);
  EXPECT_EQ(Upsert(*sink, {"poison"}).upserted.size(), 1u);

  auto owned = sink->ListOwnedSync(r2);
  ASSERT_FALSE(owned.ok());
  EXPECT_NE(owned.status().message().find("2 entities reported upserted by this resync were not "
                                          "committed"),
            std::string::npos)
      << owned.status().message();
  EXPECT_NE(owned.status().message().find("FOREIGN KEY"), std::string::npos);
  // Whatever a caller would delete now, nothing goes.
  PortAppConfig config;
  DeleteOutcome d = RunCoro(sink->Delete({{"bucket", "b"}, {"bucket", "c"}}, config, r2));
  EXPECT_EQ(d.deleted, 0);
  EXPECT_EQ(d.failed, 2);
  // Later batches of the failed resync are refused, not silently lost.
  UpsertOutcome later = Upsert(*sink, {"d"});
  EXPECT_EQ(later.failed, 1);
  EXPECT_TRUE(later.upserted.empty());

  ResyncReport done;
  done.status = ResyncStatus::kCompleted;
  core::Status end = sink->EndResyncSync(r2, ToRunRecord(done));
  EXPECT_FALSE(end.ok());
  EXPECT_NE(end.message().find("not committed"), std::string::npos) << end.message();
  StoredRun run = sink->LastRuns(1).value().at(0);
  EXPECT_EQ(run.resync_id, "r2");
  EXPECT_EQ(run.status, "failed");
  EXPECT_NE(run.message.find("FOREIGN KEY"), std::string::npos) << run.message;
  // The catalog is what r1 committed: three rows, all still r1's.
  EXPECT_EQ(CommittedRows(), 3);
  EXPECT_EQ(CommittedRows("resync_id = 'r1'"), 3);

  // The next resync starts clean.
  ResyncStart r3 = Start("r3", 1704168345);
  ASSERT_TRUE(sink->BeginResyncSync(r3).ok());
  EXPECT_EQ(Upsert(*sink, {"a", "b"}).upserted.size(), 2u);
  auto owned3 = sink->ListOwnedSync(r3);
  ASSERT_TRUE(owned3.ok()) << owned3.status().ToString();
  // c, left by r1 (a and b were rewritten by r3, first seen after its fixed start).
  EXPECT_EQ(*owned3, (std::vector<EntityKey>{{"bucket", "c"}}));
}

TEST_F(SqliteSinkGroupTest, CommitFailingOnItsOwnBatchFailsOnlyThatBatch) {
  { ASSERT_TRUE(OpenSink(1)); }  // a catalog first: PoisonCommits adds to it
  PoisonCommits();
  auto sink = OpenSink(1);  // every batch commits at once: nothing reported is ever lost
  ResyncStart r1 = Start("r1");
  ASSERT_TRUE(sink->BeginResyncSync(r1).ok());
  EXPECT_EQ(Upsert(*sink, {"a"}).upserted.size(), 1u);
  UpsertOutcome bad = Upsert(*sink, {"poison", "b"});
  EXPECT_EQ(bad.failed, 2);
  EXPECT_TRUE(bad.upserted.empty());
  EXPECT_EQ(Upsert(*sink, {"c"}).upserted.size(), 1u);
  auto owned = sink->ListOwnedSync(r1);
  EXPECT_TRUE(owned.ok()) << owned.status().ToString();
  EXPECT_EQ(CommittedRows(), 2);
}

// The group of a resync holds the file's write lock until it commits. While the listing goes
// on but no batch comes, the load stage's idle flush (KindStagesOptions::idle_flush) commits it:
// another process's writer then gets in at once, where before the flush it was refused at once.
TEST_F(SqliteSinkGroupTest, AnIdleLoadStageLetsAnotherProcessWriteWithoutWaiting) {
  auto sink = OpenSink(1000);  // the group commits by size or at explicit points only
  ASSERT_TRUE(sink);
  ASSERT_EQ(OtherProcessWrites("CREATE TABLE other_process (x)"), SQLITE_OK);
  ResyncStart r1 = Start("r1");
  ASSERT_TRUE(sink->BeginResyncSync(r1).ok());

  ResourceConfig resource = buckets_;
  resource.mappings = json::object{{"identifier", ".Name"}, {"blueprint", "\"bucket\""}};
  mapping::EntityMapper mapper = mapping::EntityMapper::Compile(resource).value();
  boost::asio::io_context io;
  AbortSignal abort;
  SeenKeys seen;
  KindReport report;
  StageBudget budget(io.get_executor(), 4);
  KindStagesOptions options;
  options.resource = &resource;
  options.mapper = &mapper;
  options.sink = sink.get();
  options.abort = &abort;
  options.seen = &seen;
  options.budget = &budget;
  options.idle_flush = std::chrono::milliseconds(300);  // checked well within it, then after

  // Built outside the coroutine: GCC 12 mishandles braced lists of literals across co_await.
  auto items = [](std::vector<std::string> names) {
    std::vector<json::value> out;
    for (std::string& n : names) out.emplace_back(json::object{{"Name", std::move(n)}});
    return out;
  };
  std::vector<json::value> first = items({"a", "b"});
  std::vector<json::value> later = items({"c"});
  int before_idle = -1, after_idle = -1;
  long committed_before = -1, committed_after = -1;
  RunCoro(io, [&]() -> boost::asio::awaitable<bool> {
    auto ex = co_await boost::asio::this_coro::executor;
    KindStages stages(ex, options, report);
    co_await stages.Run([&]() -> boost::asio::awaitable<void> {
      EXPECT_TRUE((co_await stages.Push(std::move(first))).ok());
      boost::asio::steady_timer tick(ex);
      for (int i = 0; i < 5000 && report.upserted < 2; ++i) {
        co_await core::SleepFor(tick, std::chrono::milliseconds(1));
      }
      // Loaded, not committed: the open group holds the lock.
      committed_before = CommittedRows();
      before_idle = OtherProcessWrites("INSERT INTO other_process VALUES (1)");
      co_await core::SleepFor(tick, std::chrono::milliseconds(1000));  // three idle_flush spans
      committed_after = CommittedRows();
      after_idle = OtherProcessWrites("INSERT INTO other_process VALUES (2)");
      EXPECT_TRUE((co_await stages.Push(std::move(later))).ok());  // the listing goes on
    });
    co_return true;
  }());

  EXPECT_EQ(committed_before, 0);
  EXPECT_EQ(before_idle, SQLITE_BUSY);
  EXPECT_EQ(committed_after, 2);
  EXPECT_EQ(after_idle, SQLITE_OK);
  // The resync goes on in a new group after the other writer, committed at the kind's end.
  EXPECT_EQ(report.upserted, 3);
  EXPECT_TRUE(report.complete());
  EXPECT_EQ(CommittedRows(), 3);
  EXPECT_EQ(CommittedRows("resync_id = 'r1'"), 3);
  ASSERT_TRUE(sink->EndResyncSync(r1, RunRecord{}).ok());
  EXPECT_EQ(sink->LastRuns(1).value().at(0).status, "completed");
}

}  // namespace
}  // namespace ocean
