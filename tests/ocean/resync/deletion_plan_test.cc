// PlanDeletion: stale = owned - seen; incomplete kinds protect their blueprint (or everything when
// the blueprint is not a literal); the threshold compares to_delete/owned with <=, owned being
// the entities that existed before the resync. ReconcileRun: RunResync's reconciliation when the
// sink's owned-key stream fails part-way (nothing deleted, the report says why).
#include "ocean/resync/deletion_plan.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "aws/client.h"
#include "catalog/source.h"
#include "fakes/fake_sts.h"
#include "fakes/fake_transport.h"
#include "fakes/null_sink.h"
#include "fakes/run_coro.h"
#include "ocean/resync/resync_runner.h"

namespace ocean {
namespace {

std::vector<EntityKey> Keys(const std::string& bp, int n, int from = 0) {
  std::vector<EntityKey> out;
  for (int i = from; i < from + n; ++i) out.push_back({bp, bp + "-" + std::to_string(i)});
  return out;
}

struct Fixture {
  std::vector<EntityKey> owned;
  SeenKeys seen;
  DeletionInput Input(double threshold = 0.9) {
    DeletionInput in;
    in.owned = owned;
    in.seen = &seen;
    in.threshold = threshold;
    return in;
  }
};

TEST(DeletionPlanTest, DeletesExactlyTheOwnedEntitiesNotSeen) {
  Fixture f;
  f.owned = Keys("bucket", 4);
  f.seen = {f.owned[0], f.owned[1], f.owned[3]};
  DeletionPlan plan = PlanDeletion(f.Input());
  EXPECT_FALSE(plan.blocked);
  ASSERT_EQ(plan.to_delete.size(), 1u);
  EXPECT_EQ(plan.to_delete[0], (EntityKey{"bucket", "bucket-2"}));
  EXPECT_EQ(plan.stale, 1);
  EXPECT_EQ(plan.protected_stale, 0);
  EXPECT_TRUE(plan.reason.empty());
}

TEST(DeletionPlanTest, SameIdentifierOnAnotherBlueprintIsADifferentEntity) {
  Fixture f;
  f.owned = {{"a", "x"}, {"b", "x"}};
  f.seen = {{"a", "x"}};
  DeletionPlan plan = PlanDeletion(f.Input());
  ASSERT_EQ(plan.to_delete.size(), 1u);
  EXPECT_EQ(plan.to_delete[0], (EntityKey{"b", "x"}));
}

TEST(DeletionPlanTest, NothingOwnedDeletesNothing) {
  Fixture f;
  DeletionPlan plan = PlanDeletion(f.Input(0.0));
  EXPECT_TRUE(plan.to_delete.empty());
  EXPECT_FALSE(plan.blocked);
  EXPECT_EQ(plan.stale, 0);
}

TEST(DeletionPlanTest, IncompleteKindProtectsItsBlueprintOnly) {
  Fixture f;
  f.owned = Keys("bucket", 3);
  auto queues = Keys("queue", 3);
  f.owned.insert(f.owned.end(), queues.begin(), queues.end());
  f.seen = {f.owned[0], f.owned[3]};  // bucket-0, queue-0
  DeletionInput in = f.Input();
  in.protected_blueprints = {"queue"};
  DeletionPlan plan = PlanDeletion(in);
  EXPECT_FALSE(plan.blocked);
  EXPECT_EQ(plan.stale, 4);
  EXPECT_EQ(plan.protected_stale, 2);
  std::vector<EntityKey> expected = {{"bucket", "bucket-1"}, {"bucket", "bucket-2"}};
  EXPECT_EQ(plan.to_delete, expected);
  EXPECT_NE(plan.reason.find("2 stale entities"), std::string::npos) << plan.reason;
  EXPECT_NE(plan.reason.find("queue"), std::string::npos) << plan.reason;
}

TEST(DeletionPlanTest, IncompleteKindWithoutLiteralBlueprintProtectsEverything) {
  Fixture f;
  f.owned = Keys("bucket", 3);
  f.seen = {f.owned[0]};
  DeletionInput in = f.Input(1.0);
  in.protect_all = true;
  DeletionPlan plan = PlanDeletion(in);
  EXPECT_TRUE(plan.blocked);
  EXPECT_TRUE(plan.to_delete.empty());
  EXPECT_EQ(plan.stale, 2);
  EXPECT_EQ(plan.protected_stale, 2);
  EXPECT_NE(plan.reason.find("not a literal"), std::string::npos) << plan.reason;
}

TEST(DeletionPlanTest, ProtectAllWithNothingStaleIsNotBlocked) {
  Fixture f;
  f.owned = Keys("bucket", 2);
  f.seen = {f.owned[0], f.owned[1]};
  DeletionInput in = f.Input();
  in.protect_all = true;
  DeletionPlan plan = PlanDeletion(in);
  EXPECT_FALSE(plan.blocked);
  EXPECT_TRUE(plan.to_delete.empty());
}

TEST(DeletionPlanTest, ThresholdExceededBlocksAndSaysWhyWithTheNumbers) {
  Fixture f;
  f.owned = Keys("bucket", 4);
  f.seen = {f.owned[0]};  // 3 of 4 stale = 0.75
  DeletionPlan plan = PlanDeletion(f.Input(0.5));
  EXPECT_TRUE(plan.blocked);
  EXPECT_TRUE(plan.to_delete.empty());
  EXPECT_EQ(plan.stale, 3);
  EXPECT_NE(plan.reason.find("3 of 4"), std::string::npos) << plan.reason;
  EXPECT_NE(plan.reason.find("0.75"), std::string::npos) << plan.reason;
  EXPECT_NE(plan.reason.find("0.5"), std::string::npos) << plan.reason;
}

TEST(DeletionPlanTest, RateEqualToThresholdIsAllowed) {
  Fixture f;
  f.owned = Keys("bucket", 4);
  f.seen = {f.owned[0], f.owned[1]};  // 2 of 4 = 0.5
  DeletionPlan plan = PlanDeletion(f.Input(0.5));
  EXPECT_FALSE(plan.blocked);
  EXPECT_EQ(plan.to_delete.size(), 2u);
}

TEST(DeletionPlanTest, ThresholdZeroForbidsAndOneAllowsEverything) {
  Fixture f;
  f.owned = Keys("bucket", 2);
  EXPECT_TRUE(PlanDeletion(f.Input(0.0)).blocked);
  DeletionPlan all = PlanDeletion(f.Input(1.0));
  EXPECT_FALSE(all.blocked);
  EXPECT_EQ(all.to_delete.size(), 2u);
}

TEST(DeletionPlanTest, ProtectedEntitiesDoNotCountTowardsTheRate) {
  // 4 owned, 3 stale of which 2 protected: rate is 1/4, under 0.3.
  Fixture f;
  f.owned = {{"a", "1"}, {"b", "1"}, {"b", "2"}, {"c", "1"}};
  f.seen = {{"c", "1"}};
  DeletionInput in = f.Input(0.3);
  in.protected_blueprints = {"b"};
  DeletionPlan plan = PlanDeletion(in);
  EXPECT_FALSE(plan.blocked);
  ASSERT_EQ(plan.to_delete.size(), 1u);
  EXPECT_EQ(plan.to_delete[0], (EntityKey{"a", "1"}));
}

TEST(DeletionPlanTest, RepeatedOwnedKeysCountOnce) {
  Fixture f;
  f.owned = {{"a", "1"}, {"a", "1"}, {"a", "2"}};
  f.seen = {{"a", "2"}};
  DeletionPlan plan = PlanDeletion(f.Input(0.5));  // 1 of 2 distinct
  EXPECT_FALSE(plan.blocked);
  EXPECT_EQ(plan.stale, 1);
  ASSERT_EQ(plan.to_delete.size(), 1u);
}

// Issue 9: the denominator is the entities that existed before the resync (Ocean's
// deleted / entities at Port). Entities first seen in this resync are not in it.
TEST(DeletionPlanDenominator, ReplacingEveryIdentifierIsARateOfOne) {
  // 4 old entities, all renamed by this resync: the listing holds the 4 old ones, the 4 new
  // ones were only seen. The old rule (owned ∪ seen) gave 4/8 = 0.5 and deleted them all.
  Fixture f;
  f.owned = Keys("a", 4);
  for (const EntityKey& k : Keys("a", 4, 100)) f.seen.insert(k);
  DeletionPlan plan = PlanDeletion(f.Input(0.5));
  EXPECT_EQ(plan.total, 4);
  EXPECT_TRUE(plan.blocked);
  EXPECT_TRUE(plan.to_delete.empty());
  EXPECT_NE(plan.reason.find("4 of 4"), std::string::npos) << plan.reason;
  EXPECT_FALSE(PlanDeletion(f.Input(1.0)).blocked);  // 1 still allows everything
}

TEST(DeletionPlanDenominator, RefreshedEntitiesInTheListingCountOnce) {
  // The listing may include entities this resync refreshed (SQLite rows first seen earlier,
  // Port entities answered created=false): they existed before, so they count, once.
  Fixture f;
  f.owned = Keys("a", 4);
  f.seen = {f.owned[0], f.owned[1], f.owned[2], {"a", "new"}};
  DeletionPlan plan = PlanDeletion(f.Input(0.25));
  EXPECT_EQ(plan.total, 4);
  EXPECT_FALSE(plan.blocked) << plan.reason;
  EXPECT_EQ(plan.to_delete, (std::vector<EntityKey>{{"a", "a-3"}}));
  EXPECT_TRUE(PlanDeletion(f.Input(0.2)).blocked);
}

TEST(DeletionPlanDenominator, EmptyCatalogAllNewAndAllGone) {
  Fixture empty;  // nothing before, nothing now
  DeletionPlan none = PlanDeletion(empty.Input(0.0));
  EXPECT_EQ(none.total, 0);
  EXPECT_FALSE(none.blocked);
  EXPECT_TRUE(none.to_delete.empty());

  Fixture all_new;  // first resync: everything is new, nothing existed
  for (const EntityKey& k : Keys("a", 3)) all_new.seen.insert(k);
  DeletionPlan fresh = PlanDeletion(all_new.Input(0.0));
  EXPECT_EQ(fresh.total, 0);
  EXPECT_FALSE(fresh.blocked);
  EXPECT_TRUE(fresh.to_delete.empty());

  Fixture all_gone;  // everything that existed is gone: rate 1
  all_gone.owned = Keys("a", 3);
  DeletionPlan gone = PlanDeletion(all_gone.Input(0.9));
  EXPECT_EQ(gone.total, 3);
  EXPECT_TRUE(gone.blocked);
  EXPECT_NE(gone.reason.find("3 of 3"), std::string::npos) << gone.reason;
  EXPECT_EQ(PlanDeletion(all_gone.Input(1.0)).to_delete.size(), 3u);
}

TEST(DeletionPlanTest, NullSeenMeansNothingSeen) {
  std::vector<EntityKey> owned = Keys("a", 2);
  DeletionInput in;
  in.owned = owned;
  in.threshold = 1.0;
  DeletionPlan plan = PlanDeletion(in);
  EXPECT_EQ(plan.to_delete.size(), 2u);
}

}  // namespace
}  // namespace ocean

namespace ocean {
namespace {

// SeenKeys (issue 13.4): 8-byte hashes instead of the keys; every inserted key is found, across
// the compactions that sort and drop duplicates, and keys never inserted are not.
TEST(SeenKeysTest, FindsEveryInsertedKeyAndNoOther) {
  SeenKeys seen;
  for (int round = 0; round < 2; ++round) {  // every entity is inserted twice by the resync
    for (const EntityKey& k : Keys("bp", 5000)) seen.insert(k);
  }
  EXPECT_EQ(seen.size(), 5000u);
  for (const EntityKey& k : Keys("bp", 5000)) EXPECT_TRUE(seen.contains(k)) << k.identifier;
  for (const EntityKey& k : Keys("bp", 5000, 5000)) EXPECT_FALSE(seen.contains(k)) << k.identifier;
  EXPECT_FALSE(seen.contains({"other", "bp-1"}));  // the blueprint is part of the key
  EXPECT_FALSE(seen.contains({"bp-", "1"}));       // and so is where it ends
  seen.insert({"late", "x"});                      // inserts after a lookup are found too
  EXPECT_TRUE(seen.contains({"late", "x"}));
  seen.clear();
  EXPECT_FALSE(seen.contains({"late", "x"}));
}

}  // namespace
}  // namespace ocean

namespace ocean {
namespace {

// A sink that owns three entities; its owned-key stream visits all three and then returns
// `list_status` (a connection lost half-way). Records every Delete and the run it was told of.
class OwnedListingSink final : public testing_fakes::NullSink {
 public:
  boost::asio::awaitable<core::Result<std::vector<EntityKey>>> ListOwned(
      const ResyncStart&) override {
    co_return Keys("bucket", 3);
  }
  boost::asio::awaitable<core::Status> ForEachOwned(
      const ResyncStart&, const std::function<void(const EntityKey&)>& visit) override {
    for (const EntityKey& k : Keys("bucket", 3)) {
      visit(k);
      ++visited;
    }
    co_return list_status;
  }
  boost::asio::awaitable<DeleteOutcome> Delete(std::vector<EntityKey> keys, const PortAppConfig&,
                                               const ResyncStart&) override {
    deleted.insert(deleted.end(), keys.begin(), keys.end());
    ++delete_calls;
    co_return DeleteOutcome{static_cast<long>(keys.size())};
  }
  boost::asio::awaitable<core::Status> EndResync(const ResyncStart&,
                                                 const RunRecord& run) override {
    recorded = run;
    co_return core::Status::Ok();
  }

  core::Status list_status;
  int visited = 0;
  int delete_calls = 0;
  std::vector<EntityKey> deleted;
  RunRecord recorded;
};

// RunResync's reconciliation when the sink's owned-key stream fails after some keys: nothing is
// deleted (the keys visited are not "the entities this integration owns"), the report and the
// sink's run record say why, and the run fails. The control run, whose stream ends cleanly,
// deletes the three unseen entities: the same setup reaches deletion.
TEST(ReconcileRun, AnOwnedKeyStreamFailingAfterSomeKeysDeletesNothingAndFailsTheRun) {
  for (bool fail : {false, true}) {
    SCOPED_TRACE(fail ? "stream fails after 3 keys" : "stream ends cleanly");
    boost::asio::io_context io;
    // Discovery's only call: the single account's GetCallerIdentity.
    auto transport = std::make_shared<testing_fakes::FakeTransport>();
    transport->EnqueueResponse(
        200,
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        "<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn>"
        "<UserId>AIDATEST</UserId><Account>123456789012</Account></GetCallerIdentityResult>"
        "</GetCallerIdentityResponse>");
    aws::AwsClient::Options options;
    options.max_attempts = 1;
    options.endpoint_url = "http://127.0.0.1:9";  // never reached: the transport answers
    aws::AwsClient client(io, transport, options);
    // Static keys: discovery assumes no role (the STS fake answers nothing here).
    catalog::Source source(client, std::make_shared<testing_fakes::FakeSts>(), transport);
    OwnedListingSink sink;
    if (fail) sink.list_status = core::Status::Unavailable("the catalog's connection was lost");
    catalog::IntegrationConfig integration;
    integration.aws_access_key_id = "AKIATEST";
    integration.aws_secret_access_key = "test-secret";
    ResyncEnvironment env{source, integration, sink};
    PortAppConfig config;  // no resource config: every owned entity is unseen
    config.entity_deletion_threshold = 1.0;  // and deleting all of them is allowed

    ResyncReport report =
        testing_fakes::RunCoro(io, RunResync(env, config, "test", nullptr));

    EXPECT_EQ(transport->requests().size(), 1u);
    EXPECT_EQ(sink.visited, 3);
    EXPECT_EQ(report.message, "");
    // A reconciliation that could not read the catalog fails the run (exit status 1), as
    // Ocean fails a resync whose current state is unknown.
    EXPECT_EQ(report.status, fail ? ResyncStatus::kFailed : ResyncStatus::kCompleted);
    EXPECT_EQ(sink.recorded.status, report.status);
    if (!fail) {
      EXPECT_TRUE(report.reconcile.ran);
      EXPECT_EQ(sink.delete_calls, 1);
      EXPECT_EQ(sink.deleted, Keys("bucket", 3));
      EXPECT_EQ(report.reconcile.deleted.deleted, 3);
      continue;
    }
    EXPECT_FALSE(report.reconcile.ran);
    EXPECT_EQ(sink.delete_calls, 0);
    EXPECT_TRUE(sink.deleted.empty());
    EXPECT_EQ(report.reconcile.deleted.deleted, 0);
    const std::string why =
        "cannot list the entities this integration owns: the catalog's connection was lost";
    EXPECT_EQ(report.reconcile.skipped_reason, why);
    EXPECT_EQ(sink.recorded.reconcile_skipped_reason, why);  // the run history says so too
  }
}

}  // namespace
}  // namespace ocean
