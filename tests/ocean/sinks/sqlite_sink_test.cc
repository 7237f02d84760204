// SqliteSink against real files in a temp dir: upsert/read back, run history, reconciliation
// across two resyncs (with PlanDeletion), reopening, and files that are not our catalog.
#include "ocean/sinks/sqlite_sink.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <thread>

#include "ocean/resync/deletion_plan.h"
#include "ocean/resync/resync_report.h"
#include "sink_test_util.h"
#include "fakes/run_coro.h"
#include "fakes/temp_dir.h"

namespace ocean {
namespace {

using namespace sink_test;
using testing_fakes::RunCoro;
using testing_fakes::TempDir;

class SqliteSinkTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteSink> OpenSink(const std::string& integration = "my-aws") {
    auto sink = SqliteSink::Open(path_, SqliteSinkOptions{integration});
    EXPECT_TRUE(sink.ok()) << sink.status().ToString();
    return sink.ok() ? std::move(sink).value() : nullptr;
  }

  // One resync writing `ids` of the buckets kind (and nothing else), ended with `report`.
  void Resync(SqliteSink& sink, const ResyncStart& start, const std::vector<std::string>& ids) {
    ASSERT_TRUE(sink.BeginResyncSync(start).ok());
    Batch b(buckets_, "bucket", ids);
    UpsertOutcome out = sink.UpsertSync(b.batch);
    ASSERT_EQ(out.failed, 0) << (out.errors.empty() ? "" : out.errors[0]);
    ASSERT_EQ(out.upserted.size(), ids.size());
    for (const EntityKey& k : out.upserted) seen_.insert(k);
  }

  // What the resync runner does after its kinds: incomplete kinds protect their blueprint (all
  // blueprints when not literal), plan, then delete what the plan allows.
  DeletionPlan Reconcile(SqliteSink& sink, const ResyncStart& start,
                         const std::vector<KindReport>& kinds, double threshold = 0.9) {
    auto owned = sink.ListOwnedSync(start);
    EXPECT_TRUE(owned.ok()) << owned.status().ToString();
    DeletionInput in;
    in.owned = *owned;
    in.seen = &seen_;
    in.threshold = threshold;
    for (const KindReport& k : kinds) {
      if (k.complete()) continue;
      if (k.blueprint.empty()) {
        in.protect_all = true;
      } else {
        in.protected_blueprints.insert(k.blueprint);
      }
    }
    DeletionPlan plan = PlanDeletion(in);
    if (!plan.blocked && !plan.to_delete.empty()) {
      DeleteOutcome d = sink.DeleteSync(plan.to_delete);
      EXPECT_EQ(d.deleted, static_cast<long>(plan.to_delete.size()));
      EXPECT_EQ(d.failed, 0);
    }
    return plan;
  }

  // A resync starting now, after every row written so far: first_seen_at is the wall clock (in
  // milliseconds), so rows written before it are older than the start, rows written by it not.
  static ResyncStart StartAfterTheRowsSoFar(std::string id) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ResyncStart s = Start(std::move(id));
    s.started_at = std::chrono::system_clock::now();
    return s;
  }

  TempDir dir_;
  std::string path_ = dir_.path() + "/catalog.db";
  ResourceConfig buckets_ = Resource(0, "AWS::S3::Bucket", "bucket");
  SeenKeys seen_;
};

TEST_F(SqliteSinkTest, UpsertThenReadBackEntityAndRaw) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink);
  EXPECT_EQ(sink->name(), "sqlite");
  EXPECT_TRUE(sink->keeps_state());
  ResyncStart start = Start("r1");
  Resync(*sink, start, {"alpha", "beta"});

  EXPECT_EQ(sink->Count().value(), 2);
  EXPECT_EQ(sink->CountByBlueprint().value(), (std::map<std::string, long>{{"bucket", 2}}));
  auto got = sink->Get({"bucket", "beta"});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_TRUE(got->has_value());
  const StoredEntity& e = **got;
  EXPECT_EQ(e.integration, "my-aws");
  EXPECT_EQ(e.kind, "AWS::S3::Bucket");
  EXPECT_EQ(e.resource_index, 0);
  EXPECT_EQ(e.title, "title of beta");
  EXPECT_EQ(e.resync_id, "r1");
  EXPECT_EQ(e.entity.at("properties").at("arn"), "arn:aws:s3:::beta");
  EXPECT_EQ(e.entity.at("properties").at("size"), 43);
  EXPECT_EQ(e.entity.at("relations").at("account"), "123456789012");
  EXPECT_EQ(e.raw.at("Name"), "beta");
  EXPECT_EQ(e.raw.at("Tags").at(0).at("Value"), "prod");
  EXPECT_EQ(e.first_seen_at, e.updated_at);
  EXPECT_EQ(e.updated_at.size(), std::string("2024-01-02T03:04:05.123Z").size());
  EXPECT_EQ(e.updated_at.back(), 'Z');
  EXPECT_FALSE(sink->Get({"bucket", "gamma"}).value().has_value());
  EXPECT_FALSE(sink->Get({"queue", "beta"}).value().has_value());
}

TEST_F(SqliteSinkTest, ReupsertReplacesTheRowAndKeepsFirstSeen) {
  auto sink = OpenSink();
  Resync(*sink, Start("r1"), {"alpha"});
  std::string first_seen = sink->Get({"bucket", "alpha"}).value()->first_seen_at;

  ASSERT_TRUE(sink->BeginResyncSync(Start("r2")).ok());
  Batch b(buckets_, "bucket", {"alpha"});
  b.batch.entities[0].entity["properties"] = json::object{{"only", true}};
  b.batch.entities[0].entity.erase("title");
  ASSERT_EQ(sink->UpsertSync(b.batch).failed, 0);

  auto e = sink->Get({"bucket", "alpha"}).value();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->resync_id, "r2");
  EXPECT_EQ(e->first_seen_at, first_seen);
  EXPECT_FALSE(e->title.has_value());
  EXPECT_EQ(e->entity.at("properties"), (json::object{{"only", true}}));
  EXPECT_EQ(sink->Count().value(), 1);
}

TEST_F(SqliteSinkTest, SearchQueryIdentifierIsStoredNormalised) {
  auto sink = OpenSink();
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  Batch b(buckets_, "bucket", {"x"});
  b.batch.entities[0].entity["identifier"] =
      Json(R"({"rules":[{"value":"x","operator":"=","property":"name"}],"combinator":"and"})");
  UpsertOutcome out = sink->UpsertSync(b.batch);
  ASSERT_EQ(out.upserted.size(), 1u);
  const std::string id =
      R"({"combinator":"and","rules":[{"operator":"=","property":"name","value":"x"}]})";
  EXPECT_EQ(out.upserted[0].identifier, id);
  EXPECT_TRUE(sink->Get({"bucket", id}).value().has_value());
}

TEST_F(SqliteSinkTest, EntityRemovedBetweenTwoResyncsIsDeleted) {
  auto sink = OpenSink();
  ResyncStart first = Start("r1");
  Resync(*sink, first, {"a", "b", "c"});
  ASSERT_TRUE(sink->EndResyncSync(first, RunRecord{}).ok());

  seen_.clear();
  ResyncStart second = StartAfterTheRowsSoFar("r2");
  Resync(*sink, second, {"a", "c"});
  auto owned = sink->ListOwnedSync(second);
  ASSERT_TRUE(owned.ok());
  // Everything that existed before r2, including the rows r2 refreshed.
  EXPECT_EQ(*owned, (std::vector<EntityKey>{{"bucket", "a"}, {"bucket", "b"}, {"bucket", "c"}}));

  std::vector<KindReport> kinds = {
      Kind(buckets_, {Scope(buckets_.kind, catalog::ScopeState::kComplete, "us-east-1")})};
  DeletionPlan plan = Reconcile(*sink, second, kinds);
  EXPECT_FALSE(plan.blocked) << plan.reason;
  EXPECT_EQ(plan.to_delete, (std::vector<EntityKey>{{"bucket", "b"}}));
  EXPECT_EQ(sink->Count().value(), 2);
  EXPECT_FALSE(sink->Get({"bucket", "b"}).value().has_value());
  EXPECT_TRUE(sink->Get({"bucket", "a"}).value().has_value());
  EXPECT_TRUE(sink->ListOwnedSync(Start("r2")).value().empty());
}

TEST_F(SqliteSinkTest, FailedScopeProtectsItsKindsEntities) {
  auto sink = OpenSink();
  ResourceConfig queues = Resource(1, "AWS::SQS::Queue", "queue");
  ASSERT_TRUE(sink->BeginResyncSync(Start("r1")).ok());
  Batch q1(queues, "queue", {"q1", "q2"});
  ASSERT_EQ(sink->UpsertSync(q1.batch).failed, 0);
  Resync(*sink, Start("r1"), {"a", "b"});

  seen_.clear();
  ResyncStart second = Start("r2", 1704168245);
  Resync(*sink, second, {"a"});  // bucket b vanished; queues listing broke off: q2 not seen
  Batch q2(queues, "queue", {"q1"});
  for (const auto& k : sink->UpsertSync(q2.batch).upserted) seen_.insert(k);

  std::vector<KindReport> kinds = {
      Kind(buckets_, {Scope(buckets_.kind, catalog::ScopeState::kComplete, "us-east-1")}),
      Kind(queues, {Scope(queues.kind, catalog::ScopeState::kComplete, "us-east-1"),
                    Scope(queues.kind, catalog::ScopeState::kFailed, "eu-west-1")})};
  DeletionPlan plan = Reconcile(*sink, second, kinds);
  EXPECT_FALSE(plan.blocked);
  EXPECT_EQ(plan.protected_stale, 1);
  EXPECT_EQ(plan.to_delete, (std::vector<EntityKey>{{"bucket", "b"}}));
  EXPECT_TRUE(sink->Get({"queue", "q2"}).value().has_value());
  EXPECT_FALSE(sink->Get({"bucket", "b"}).value().has_value());
}

TEST_F(SqliteSinkTest, IncompleteKindWithoutLiteralBlueprintProtectsEverything) {
  auto sink = OpenSink();
  Resync(*sink, Start("r1"), {"a", "b"});
  seen_.clear();
  ResyncStart second = Start("r2", 1704168245);
  Resync(*sink, second, {"a"});
  ResourceConfig dynamic = Resource(1, "AWS::SQS::Queue", "");  // blueprint computed by jq
  KindReport failed = Kind(dynamic, {});
  failed.error = core::Status::InvalidArgument("mapping failed");
  DeletionPlan plan = Reconcile(*sink, second, {failed});
  EXPECT_TRUE(plan.blocked);
  EXPECT_EQ(plan.protected_stale, 1);
  EXPECT_TRUE(sink->Get({"bucket", "b"}).value().has_value());
}

TEST_F(SqliteSinkTest, ThresholdExceededDeletesNothingAndSaysWhy) {
  auto sink = OpenSink();
  Resync(*sink, Start("r1"), {"a", "b", "c", "d"});
  seen_.clear();
  ResyncStart second = StartAfterTheRowsSoFar("r2");
  Resync(*sink, second, {"a"});
  DeletionPlan plan = Reconcile(*sink, second, {Kind(buckets_, {})}, 0.5);
  EXPECT_TRUE(plan.blocked);
  EXPECT_NE(plan.reason.find("3 of 4"), std::string::npos) << plan.reason;
  EXPECT_EQ(sink->Count().value(), 4);
}

TEST_F(SqliteSinkTest, OtherIntegrationsRowsAreNeitherListedNorDeleted) {
  auto mine = OpenSink("mine");
  Resync(*mine, Start("r1"), {"a"});
  auto theirs = OpenSink("theirs");
  ASSERT_TRUE(theirs->BeginResyncSync(Start("t1")).ok());
  Batch b(buckets_, "bucket", {"z"});
  ASSERT_EQ(theirs->UpsertSync(b.batch).failed, 0);

  EXPECT_EQ(mine->ListOwnedSync(Start("r2")).value(), (std::vector<EntityKey>{{"bucket", "a"}}));
  DeleteOutcome d = mine->DeleteSync({{"bucket", "z"}, {"bucket", "missing"}});
  EXPECT_EQ(d.deleted, 0);
  EXPECT_EQ(d.failed, 0);
  EXPECT_TRUE(mine->Get({"bucket", "z"}).value().has_value());
  EXPECT_EQ(mine->Count().value(), 2);
}

TEST_F(SqliteSinkTest, RunHistoryAndScopesAreWritten) {
  auto sink = OpenSink();
  ResyncStart start = Start("r1");
  Resync(*sink, start, {"a"});
  auto running = sink->LastRuns(5).value();
  ASSERT_EQ(running.size(), 1u);
  EXPECT_EQ(running[0].status, "running");
  EXPECT_EQ(running[0].started_at, "2024-01-02T03:04:05.000Z");
  EXPECT_TRUE(running[0].report.is_null());

  ResyncReport report;
  report.resync_id = "r1";
  report.trigger = "once";
  report.started_at = start.started_at;
  report.finished_at = start.started_at + std::chrono::seconds(2);
  report.status = ResyncStatus::kFailed;
  report.message = "a scope failed";
  report.kinds = {Kind(buckets_, {Scope(buckets_.kind, catalog::ScopeState::kComplete, "us-east-1"),
                                  Scope(buckets_.kind, catalog::ScopeState::kFailed, "eu-west-1")})};
  report.reconcile.skipped_reason = "kept 1";
  report.reconcile.deleted.deleted = 3;
  ASSERT_TRUE(sink->EndResyncSync(start, ToRunRecord(report)).ok());

  auto runs = sink->LastRuns(5).value();
  ASSERT_EQ(runs.size(), 1u);
  const StoredRun& r = runs[0];
  EXPECT_EQ(r.resync_id, "r1");
  EXPECT_EQ(r.integration, "my-aws");
  EXPECT_EQ(r.trigger, "once");
  EXPECT_EQ(r.status, "failed");
  EXPECT_EQ(r.message, "a scope failed");
  EXPECT_EQ(r.finished_at, "2024-01-02T03:04:07.000Z");
  EXPECT_EQ(r.deleted, 3);
  EXPECT_EQ(r.reconcile_reason, "kept 1");
  EXPECT_EQ(r.report.at("kinds").at(0).at("kind"), "AWS::S3::Bucket");

  auto scopes = sink->ScopesOf("r1").value();
  ASSERT_EQ(scopes.size(), 2u);
  EXPECT_EQ(scopes[0].region, "us-east-1");
  EXPECT_EQ(scopes[0].state, catalog::ScopeStateName(catalog::ScopeState::kComplete));
  EXPECT_EQ(scopes[0].error, "");
  EXPECT_EQ(scopes[1].region, "eu-west-1");
  EXPECT_EQ(scopes[1].state, catalog::ScopeStateName(catalog::ScopeState::kFailed));
  EXPECT_NE(scopes[1].error.find("listing broke off in eu-west-1"), std::string::npos);
  EXPECT_EQ(scopes[1].account_id, "123456789012");
  EXPECT_EQ(scopes[1].resources, 3);

  // Ending the same run again replaces its scopes rather than adding to them.
  ASSERT_TRUE(sink->EndResyncSync(start, ToRunRecord(report)).ok());
  EXPECT_EQ(sink->ScopesOf("r1").value().size(), 2u);

  Resync(*sink, Start("r2", 1704168245), {"a"});
  auto both = sink->LastRuns(5).value();
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].resync_id, "r2");  // newest first
  EXPECT_EQ(sink->LastRuns(1).value().size(), 1u);
}

TEST_F(SqliteSinkTest, ReopeningTheFileKeepsEverything) {
  {
    auto sink = OpenSink();
    Resync(*sink, Start("r1"), {"a", "b"});
    ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  }
  auto again = OpenSink();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Count().value(), 2);
  EXPECT_EQ(again->Get({"bucket", "b"}).value()->raw.at("Name"), "b");
  EXPECT_EQ(again->LastRuns(5).value().size(), 1u);
}

TEST_F(SqliteSinkTest, AwaitableInterfaceDrivesAFullResync) {
  auto sink = OpenSink();
  EntitySink& s = *sink;
  ResyncStart start = Start("r1");
  EXPECT_TRUE(RunCoro(s.BeginResync(start)).ok());
  Batch b(buckets_, "bucket", {"a"});
  UpsertOutcome out = RunCoro(s.Upsert(b.batch));
  EXPECT_EQ(out.upserted.size(), 1u);
  EXPECT_TRUE(RunCoro(s.EndResync(start, RunRecord{})).ok());

  ResyncStart next = Start("r2", 1704168245);
  EXPECT_TRUE(RunCoro(s.BeginResync(next)).ok());
  auto owned = RunCoro(s.ListOwned(next));
  ASSERT_TRUE(owned.ok());
  ASSERT_EQ(owned->size(), 1u);
  PortAppConfig config;
  DeleteOutcome d = RunCoro(s.Delete(*owned, config, next));
  EXPECT_EQ(d.deleted, 1);
  EXPECT_EQ(sink->Count().value(), 0);
}

TEST_F(SqliteSinkTest, MissingDirectoryIsAnErrorNamingThePath) {
  std::string bad = dir_.path() + "/no/such/dir/catalog.db";
  auto sink = SqliteSink::Open(bad, {"my-aws"});
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.status().message().find(bad), std::string::npos) << sink.status().message();
}

TEST_F(SqliteSinkTest, NonSqliteFileIsAClearError) {
  std::string file = dir_.WriteFile("notes.db", std::string(4096, 'x') + "\nnot a database\n");
  auto sink = SqliteSink::Open(file, {"my-aws"});
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.status().message().find(file), std::string::npos) << sink.status().message();
  EXPECT_NE(sink.status().message().find("not a SQLite database"), std::string::npos)
      << sink.status().message();
  EXPECT_EQ(std::filesystem::file_size(file), 4096u + 16u);  // untouched
}

TEST_F(SqliteSinkTest, ForeignSqliteDatabaseIsRefused) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE entities(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto sink = SqliteSink::Open(path_, {"my-aws"});
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.status().message().find("not an ocean-aws catalog"), std::string::npos)
      << sink.status().message();
  EXPECT_NE(sink.status().message().find(path_), std::string::npos);
}

TEST_F(SqliteSinkTest, NewerSchemaIsRefused) {
  { ASSERT_TRUE(OpenSink()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto sink = SqliteSink::Open(path_, {"my-aws"});
  ASSERT_FALSE(sink.ok());
  EXPECT_NE(sink.status().message().find("schema version 99"), std::string::npos)
      << sink.status().message();
}

// Issue 9: the deletion rate's denominator is the entities that existed before the resync, so
// ListOwned also returns the rows this resync refreshed (first seen earlier), never the ones it
// created.
TEST_F(SqliteSinkTest, ListOwnedIsWhatExistedBeforeTheResync) {
  auto sink = OpenSink();
  Resync(*sink, Start("r1"), {"old-kept", "old-gone"});
  ASSERT_TRUE(sink->EndResyncSync(Start("r1"), RunRecord{}).ok());
  ResyncStart second = StartAfterTheRowsSoFar("r2");
  seen_.clear();
  Resync(*sink, second, {"old-kept", "brand-new"});
  auto owned = sink->ListOwnedSync(second);
  ASSERT_TRUE(owned.ok()) << owned.status().ToString();
  EXPECT_EQ(*owned, (std::vector<EntityKey>{{"bucket", "old-gone"}, {"bucket", "old-kept"}}));
  // 1 of the 2 that existed is stale: 0.5, allowed at 0.5 and refused below.
  std::vector<KindReport> kinds = {
      Kind(buckets_, {Scope(buckets_.kind, catalog::ScopeState::kComplete, "us-east-1")})};
  DeletionPlan strict = Reconcile(*sink, second, kinds, 0.4);
  EXPECT_TRUE(strict.blocked);
  EXPECT_EQ(strict.total, 2);
  DeletionPlan plan = Reconcile(*sink, second, kinds, 0.5);
  EXPECT_EQ(plan.to_delete, (std::vector<EntityKey>{{"bucket", "old-gone"}}));
}

// Issue 9 item 4: a process killed during a resync leaves its run `running`; the next open
// records it as aborted (interrupted), only for this integration.
TEST_F(SqliteSinkTest, RunLeftRunningByAKilledProcessIsAbortedAtTheNextOpen) {
  {
    auto killed = OpenSink();
    ASSERT_TRUE(killed->BeginResyncSync(Start("r-killed")).ok());
    auto other = OpenSink("other-aws");
    ASSERT_TRUE(other->BeginResyncSync(Start("r-other", 1704164700)).ok());
    // No EndResync: the process "dies" here.
  }
  auto sink = OpenSink();
  auto runs = sink->LastRuns(5).value();
  ASSERT_EQ(runs.size(), 2u);
  const StoredRun& other = runs[0].resync_id == "r-other" ? runs[0] : runs[1];
  const StoredRun& killed = runs[0].resync_id == "r-killed" ? runs[0] : runs[1];
  EXPECT_EQ(killed.status, "aborted");
  EXPECT_NE(killed.message.find("interrupted"), std::string::npos) << killed.message;
  EXPECT_FALSE(killed.finished_at.empty());
  EXPECT_EQ(other.status, "running");  // another integration's run is not ours to judge

  // A run that ends normally is never touched by a later open.
  ASSERT_TRUE(sink->BeginResyncSync(Start("r-done", 1704164800)).ok());
  ResyncReport done;
  done.status = ResyncStatus::kCompleted;
  ASSERT_TRUE(sink->EndResyncSync(Start("r-done", 1704164800), ToRunRecord(done)).ok());
  auto reopened = OpenSink();
  for (const StoredRun& r : reopened->LastRuns(5).value()) {
    if (r.resync_id == "r-done") {
      EXPECT_EQ(r.status, "completed");
    }
  }
}

}  // namespace
}  // namespace ocean
