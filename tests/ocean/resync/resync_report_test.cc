// KindReport::complete, ResyncReport::any_scope_failed and ToJson.
#include "ocean/resync/resync_report.h"

#include <gtest/gtest.h>

namespace ocean {
namespace {

catalog::ScopeOutcome Scope(catalog::ScopeState state, std::string region = "us-east-1") {
  catalog::ScopeOutcome s;
  s.kind = "AWS::S3::Bucket";
  s.account_id = "123456789012";
  s.region = std::move(region);
  s.state = state;
  if (state != catalog::ScopeState::kComplete) {
    s.error = core::Status::Unavailable("boom " + s.region);
  }
  s.resources = 7;
  return s;
}

TEST(KindReportTest, CompleteWhenEveryScopeCompleteOrSkipped) {
  KindReport k;
  k.scopes = {Scope(catalog::ScopeState::kComplete), Scope(catalog::ScopeState::kSkipped)};
  EXPECT_TRUE(k.complete());
  KindReport empty;
  EXPECT_TRUE(empty.complete());
}

TEST(KindReportTest, FailedScopeKindErrorOrFailedItemsMakeItIncomplete) {
  KindReport failed_scope;
  failed_scope.scopes = {Scope(catalog::ScopeState::kComplete),
                         Scope(catalog::ScopeState::kFailed)};
  EXPECT_FALSE(failed_scope.complete());

  KindReport kind_error;
  kind_error.error = core::Status::InvalidArgument("mapping does not compile");
  EXPECT_FALSE(kind_error.complete());

  KindReport failed_items;
  failed_items.failed_items = 1;
  EXPECT_FALSE(failed_items.complete());
}

// A malformed enrichment answer can leave a resource without the field its identifier maps
// from: the entity is dropped, and whether it is stale cannot be known, so no deletion.
TEST(KindReportTest, DroppedEntitiesWithEnrichmentErrorsMakeItIncomplete) {
  KindReport k;
  k.AddScope(Scope(catalog::ScopeState::kComplete));
  k.dropped = 1;
  EXPECT_TRUE(k.complete());  // dropped by the mapping alone: the data was whole
  k.enrichment_errors = 1;
  EXPECT_FALSE(k.complete());
  k.dropped = 0;
  EXPECT_TRUE(k.complete());  // enrichment errors alone: every entity still has its identity
}

TEST(KindReportTest, AddScopeKeepsTheCounts) {
  KindReport k;
  k.AddScope(Scope(catalog::ScopeState::kComplete));
  k.AddScope(Scope(catalog::ScopeState::kComplete, "eu-west-1"));
  k.AddScope(Scope(catalog::ScopeState::kSkipped, "ap-south-1"));
  k.AddScope(Scope(catalog::ScopeState::kFailed, "us-west-2"));
  EXPECT_EQ(k.scopes.size(), 4u);
  EXPECT_EQ(k.scopes_complete, 2);
  EXPECT_EQ(k.scopes_skipped, 1);
  EXPECT_EQ(k.scopes_failed, 1);
  EXPECT_FALSE(k.complete());
}

// Issue 13.4: beyond the first kKeptScopes complete/skipped scopes a kind keeps only counts,
// but every failed scope in full (deletion safety and the run history need them), whenever it
// comes; the JSON says how many were left out.
TEST(KindReportTest, KeepsEveryFailedScopeAndCountsTheOmittedOthers) {
  KindReport k;
  const long n = KindReport::kKeptScopes + 500;
  for (long i = 0; i < n; ++i) {
    k.AddScope(Scope(i % 2 ? catalog::ScopeState::kComplete : catalog::ScopeState::kSkipped));
  }
  EXPECT_TRUE(k.complete());
  k.AddScope(Scope(catalog::ScopeState::kFailed, "eu-west-1"));
  k.AddScope(Scope(catalog::ScopeState::kComplete));
  k.AddScope(Scope(catalog::ScopeState::kFailed, "ap-south-1"));
  EXPECT_EQ(k.scopes_complete + k.scopes_skipped, n + 1);
  EXPECT_EQ(k.scopes_failed, 2);
  EXPECT_EQ(k.scopes_omitted, 501);
  ASSERT_EQ(k.scopes.size(), static_cast<std::size_t>(KindReport::kKeptScopes + 2));
  EXPECT_EQ(k.scopes[KindReport::kKeptScopes].region, "eu-west-1");
  EXPECT_EQ(k.scopes.back().region, "ap-south-1");
  EXPECT_FALSE(k.complete());
  ResyncReport r;
  r.kinds.push_back(k);
  const json::object kj = r.ToJson().at("kinds").as_array().at(0).as_object();
  EXPECT_EQ(kj.at("scopesOmitted"), 501);
  EXPECT_EQ(kj.at("scopes").as_array().size(), static_cast<std::size_t>(KindReport::kKeptScopes + 2));
  EXPECT_EQ(kj.at("complete"), false);
}

TEST(ResyncReportTest, AnyScopeFailedLooksAtEveryKind) {
  ResyncReport r;
  r.kinds.resize(2);
  EXPECT_FALSE(r.any_scope_failed());
  r.kinds[1].scopes = {Scope(catalog::ScopeState::kFailed)};
  EXPECT_TRUE(r.any_scope_failed());
}

TEST(ResyncReportTest, ToJsonCarriesKindsScopesErrorsAndReconcile) {
  ResyncReport r;
  r.resync_id = "r-1";
  r.trigger = "once";
  r.started_at = std::chrono::system_clock::time_point(std::chrono::seconds(1704164645));
  r.finished_at = r.started_at + std::chrono::milliseconds(1500);
  r.status = ResyncStatus::kFailed;
  r.message = "m";
  KindReport k;
  k.index = 2;
  k.kind = "AWS::S3::Bucket";
  k.blueprint = "bucket";
  k.raw = 9;
  k.upserted = 8;
  k.scopes = {Scope(catalog::ScopeState::kComplete),
              Scope(catalog::ScopeState::kFailed, "eu-west-1")};
  k.map_errors.push_back({"AWS::S3::Bucket", "properties.arn", ".Arn", "b1", "bad"});
  k.upsert_errors = {"bucket/b2: too big"};
  r.kinds.push_back(k);
  r.reconcile.skipped_reason = "why";
  r.reconcile.owned = 5;
  r.reconcile.deleted.deleted = 2;

  json::object j = r.ToJson();
  EXPECT_EQ(j.at("resyncId"), "r-1");
  EXPECT_EQ(j.at("status"), "failed");
  EXPECT_EQ(j.at("startedAt"), "2024-01-02T03:04:05.000Z");
  EXPECT_EQ(j.at("finishedAt"), "2024-01-02T03:04:06.500Z");
  const json::object& kj = j.at("kinds").as_array().at(0).as_object();
  EXPECT_EQ(kj.at("index"), 2);
  EXPECT_EQ(kj.at("complete"), false);
  EXPECT_EQ(kj.at("raw"), 9);
  EXPECT_EQ(kj.at("upserted"), 8);
  EXPECT_TRUE(kj.at("error").is_null());
  const json::array& scopes = kj.at("scopes").as_array();
  ASSERT_EQ(scopes.size(), 2u);
  using catalog::ScopeState;
  EXPECT_EQ(scopes[0].at("state").as_string(), catalog::ScopeStateName(ScopeState::kComplete));
  EXPECT_TRUE(scopes[0].at("error").is_null());
  EXPECT_EQ(scopes[1].at("state").as_string(), catalog::ScopeStateName(ScopeState::kFailed));
  EXPECT_EQ(scopes[1].at("region"), "eu-west-1");
  EXPECT_EQ(scopes[1].at("error"), "boom eu-west-1");
  EXPECT_EQ(scopes[1].at("resources"), 7);
  EXPECT_EQ(kj.at("mapErrors").as_array().at(0).at("field"), "properties.arn");
  EXPECT_EQ(kj.at("upsertErrors").as_array().at(0), "bucket/b2: too big");
  const json::object& rec = j.at("reconcile").as_object();
  EXPECT_EQ(rec.at("skippedReason"), "why");
  EXPECT_EQ(rec.at("owned"), 5);
  EXPECT_EQ(rec.at("deleted").at("deleted"), 2);
}

}  // namespace
}  // namespace ocean
