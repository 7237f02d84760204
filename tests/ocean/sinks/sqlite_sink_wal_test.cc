// SqliteSink's WAL checkpoints during a resync: commits between BeginResync and EndResync leave
// their pages in the WAL up to the resync threshold (no checkpoint per group commit), every
// committed row is readable by another connection meanwhile, and EndResync's commit checkpoints
// the WAL into the catalog file. A lost group still fails the resync and deletes nothing.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "fakes/run_coro.h"
#include "fakes/temp_dir.h"
#include "ocean/sinks/sqlite_sink.h"
#include "sink_test_util.h"

namespace ocean {
namespace {

using namespace sink_test;
using testing_fakes::RunCoro;

constexpr std::uintmax_t kMB = 1024 * 1024;

class SqliteSinkWalTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteSink> OpenSink(long wal_pages) {
    SqliteSinkOptions options{"my-aws"};
    options.group_commit_entities = 200;  // several groups per test
    options.group_commit_interval = std::chrono::hours(1);
    options.resync_wal_autocheckpoint_pages = wal_pages;
    auto sink = SqliteSink::Open(path_, options);
    EXPECT_TRUE(sink.ok()) << sink.status().ToString();
    return sink.ok() ? std::move(sink).value() : nullptr;
  }

  // `n` entities with ~8 KB of raw JSON each, identifiers prefix-0 .. prefix-(n-1).
  void UpsertLarge(SqliteSink& sink, const std::string& prefix, int n) {
    const std::string filler(8000, 'x');
    for (int first = 0; first < n; first += 100) {
      std::vector<json::value> raw;
      UpsertBatch batch;
      batch.resource = &buckets_;
      for (int i = first; i < std::min(n, first + 100); ++i) {
        const std::string id = prefix + "-" + std::to_string(i);
        raw.push_back(json::object{{"Name", id}, {"Blob", filler}});
        json::object e;
        e["identifier"] = id;
        e["blueprint"] = "bucket";
        e["properties"] = json::object{{"name", id}};
        batch.entities.push_back({std::move(e), raw.size() - 1});
      }
      batch.raw = raw;
      UpsertOutcome out = RunCoro(sink.Upsert(std::move(batch)));
      ASSERT_EQ(out.failed, 0) << (out.errors.empty() ? "" : out.errors[0]);
    }
  }

  // Rows as another process sees them.
  long CommittedRows() {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM entities WHERE length(raw_json) > 8000",
                                 -1, &st, nullptr),
              SQLITE_OK);
    long n = -1;
    if (sqlite3_step(st) == SQLITE_ROW) n = static_cast<long>(sqlite3_column_int64(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }

  std::uintmax_t FileSize(const std::string& p) {
    std::error_code ec;
    std::uintmax_t n = std::filesystem::file_size(p, ec);
    return ec ? 0 : n;
  }

  testing_fakes::TempDir dir_;
  std::string path_ = dir_.path() + "/catalog.db";
  ResourceConfig buckets_ = Resource(0, "AWS::S3::Bucket", "bucket");
};

TEST_F(SqliteSinkWalTest, AResyncsCommitsStayInTheWalUntilEndResyncCheckpointsThem) {
  auto sink = OpenSink(16384);
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  UpsertLarge(*sink, "b", 1500);  // ~12 MB of rows: > 1000 pages of 8 KB, in 7 group commits
  ASSERT_TRUE(RunCoro(sink->Flush()).ok());
  // Committed and readable elsewhere, yet still in the WAL: the catalog file has not grown.
  EXPECT_EQ(CommittedRows(), 1500);
  EXPECT_GT(FileSize(path_ + "-wal"), 12 * kMB);
  EXPECT_LT(FileSize(path_), 2 * kMB);
  ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  // EndResync's commit checkpointed the resync's pages into the catalog file.
  EXPECT_GT(FileSize(path_), 12 * kMB);
  EXPECT_EQ(CommittedRows(), 1500);
  EXPECT_EQ(sink->LastRuns(1).value().at(0).status, "completed");
  // Outside a resync SQLite's own threshold applies again: a large write checkpoints.
  const std::uintmax_t before = FileSize(path_);
  UpsertLarge(*sink, "live", 1200);
  EXPECT_GT(FileSize(path_), before + 4 * kMB);
}

TEST_F(SqliteSinkWalTest, WithSqlitesThresholdGroupCommitsCheckpointDuringTheResync) {
  auto sink = OpenSink(kSqliteDefaultWalAutocheckpoint);  // the behaviour before the option
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  UpsertLarge(*sink, "b", 1500);
  ASSERT_TRUE(RunCoro(sink->Flush()).ok());
  EXPECT_GT(FileSize(path_), 4 * kMB);  // checkpointed along the way
  EXPECT_EQ(CommittedRows(), 1500);
  ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
}

TEST_F(SqliteSinkWalTest, ALostGroupWithADeferredCheckpointStillDeletesNothing) {
  {
    auto sink = OpenSink(16384);
    ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
    UpsertLarge(*sink, "old", 300);
    ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  }
  {  // the next COMMIT fails when a row named "poison" is in the group (as a full disk would)
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, R"sql(
CREATE TABLE poison_parent (id INTEGER PRIMARY KEY);
CREATE TABLE poison_child (p INTEGER REFERENCES poison_parent (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TRIGGER poison AFTER INSERT ON entities WHEN NEW.identifier = 'poison-0'
BEGIN INSERT INTO poison_child VALUES (1); END;)sql",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto sink = OpenSink(16384);
  ResyncStart r2 = Start("r2", 1704168245);
  ASSERT_TRUE(sink->BeginResyncSync(r2).ok());
  UpsertLarge(*sink, "new", 250);  // one group committed (200), 50 in the open group
  UpsertLarge(*sink, "poison", 1);  // joins the open group, which then fails to commit
  EXPECT_FALSE(sink->ListOwnedSync(r2).ok());  // reconciliation gets no keys
  PortAppConfig config;
  DeleteOutcome d = RunCoro(sink->Delete({{"bucket", "old-1"}}, config, r2));
  EXPECT_EQ(d.deleted, 0);
  EXPECT_FALSE(sink->EndResyncSync(r2, RunRecord{}).ok());
  EXPECT_EQ(sink->LastRuns(1).value().at(0).status, "failed");
  // r1's rows and r2's first (committed) group; nothing of the lost group.
  EXPECT_EQ(CommittedRows(), 300 + 200);
}

}  // namespace
}  // namespace ocean
