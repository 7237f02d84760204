// PortSink against the loopback fake Port API (tests/fakes/fake_port_api.h): bulk-upsert
// batching (<= 20 entities, <= 1 MiB), the query flags, 207 per-entity errors, the 413 fallback
// to single upserts, ListOwned through datasource-entities (prefix/suffix, before, `next`
// cursor), Delete (bulk with deleteDependentEntities, one at a time otherwise, safe delete) and
// the resync-state PATCHes.
#include "ocean/port/port_sink.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/timestamp.h"
#include "ocean/port/port_test_support.h"
#include "ocean/resync/resync_report.h"
#include "ocean/sinks/sink_test_util.h"

namespace ocean {
namespace {

using port::testing::kEntityUserAgent;
using testing_fakes::FakePortFault;
using testing_fakes::FakePortRequest;

constexpr char kBulkPath[] = "/v1/blueprints/bucket/entities/bulk";
constexpr char kSinglePath[] = "/v1/blueprints/bucket/entities";

json::object Entity(const std::string& bp, const std::string& id, std::size_t payload = 0) {
  json::object e;
  e["identifier"] = id;
  e["blueprint"] = bp;
  e["title"] = "title of " + id;
  json::object props;
  props["n"] = id.size();
  if (payload > 0) props["blob"] = std::string(payload, 'x');
  e["properties"] = std::move(props);
  return e;
}

UpsertBatch BatchOf(const ResourceConfig& resource, std::vector<json::object> entities) {
  UpsertBatch b;
  b.resource = &resource;
  for (auto& e : entities) b.entities.push_back({std::move(e), 0});
  return b;
}

std::vector<json::object> Many(const std::string& bp, int n, std::size_t payload = 0) {
  std::vector<json::object> out;
  for (int i = 0; i < n; ++i) out.push_back(Entity(bp, bp + "-" + std::to_string(i), payload));
  return out;
}

json::value IsoJson(core::Timestamp t) { return json::value(core::FormatIso8601Millis(t)); }

// Requests whose path is exactly `path` (requests_to matches prefixes).
std::vector<FakePortRequest> Exactly(const std::vector<FakePortRequest>& all,
                                     const std::string& path) {
  std::vector<FakePortRequest> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const FakePortRequest& r) { return r.path == path; });
  return out;
}

std::size_t EntitiesIn(const FakePortRequest& r) {
  return r.body.at("entities").as_array().size();
}

class PortSinkTest : public ::testing::Test, public port::testing::PortFixture {
 protected:
  void SetUp() override {
    fake.SetClock(&clock);
    json::object integration;
    integration["installationId"] = "my-aws";
    fake.SetIntegration(integration);
    start_ = sink_test::Start("resync-1");
    start_.started_at = std::chrono::system_clock::time_point(
        std::chrono::microseconds(clock.Now().micros));
    start_.config = &config_;
  }

  std::unique_ptr<PortSink> MakeSink(PortSinkOptions o = {}) {
    o.integration_type = "aws-v3";
    o.integration_identifier = "my-aws";
    o.clock = &clock;
    return std::make_unique<PortSink>(MakeClient(), o);
  }

  UpsertOutcome Upsert(PortSink& sink, std::vector<json::object> entities) {
    EXPECT_TRUE(Await(sink.BeginResync(start_)).ok());
    return Await(sink.Upsert(BatchOf(resource_, std::move(entities))));
  }

  PortAppConfig config_;
  ResourceConfig resource_ = sink_test::Resource(0, "AWS::S3::Bucket", "bucket");
  ResyncStart start_;
};

// --- upsert ------------------------------------------------------------------------------------

TEST_F(PortSinkTest, BulkUpsertsInBatchesOfAtMostTwentyWithTheExporterUserAgent) {
  auto sink = MakeSink();
  UpsertOutcome out = Upsert(*sink, Many("bucket", 45));
  EXPECT_EQ(out.failed, 0) << (out.errors.empty() ? "" : out.errors[0]);
  EXPECT_EQ(out.upserted.size(), 45u);
  auto bulk = fake.requests_to("POST", kBulkPath);
  ASSERT_EQ(bulk.size(), 3u);
  std::multiset<std::size_t> sizes;
  for (const auto& r : bulk) {
    sizes.insert(EntitiesIn(r));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(net::FindHeader(r.headers, "User-Agent"), kEntityUserAgent);
  }
  EXPECT_EQ(sizes, (std::multiset<std::size_t>{5, 20, 20}));
  auto stored = fake.entities();
  EXPECT_EQ(stored.size(), 45u);
  for (const auto& [key, e] : stored) EXPECT_EQ(e.datasource, kEntityUserAgent) << key.second;
}

TEST_F(PortSinkTest, UpsertQueryCarriesTheMappingFlagsAndTheResyncId) {
  auto sink = MakeSink();
  Upsert(*sink, Many("bucket", 2));
  config_.enable_merge_entity = false;
  config_.create_missing_related_entities = false;
  start_.resync_id = "resync-2";
  Upsert(*sink, Many("bucket", 2));
  auto bulk = fake.requests_to("POST", kBulkPath);
  ASSERT_EQ(bulk.size(), 2u);
  const auto& q1 = bulk[0].query;
  EXPECT_EQ(q1.at("upsert"), "true");
  EXPECT_EQ(q1.at("merge"), "true");
  EXPECT_EQ(q1.at("create_missing_related_entities"), "true");
  EXPECT_EQ(q1.at("validation_only"), "false");
  EXPECT_EQ(q1.at("ocean_info_event_type"), "resync");
  EXPECT_EQ(q1.at("ocean_info_resync_id"), "resync-1");
  const auto& q2 = bulk[1].query;
  EXPECT_EQ(q2.at("upsert"), "true");
  EXPECT_EQ(q2.at("merge"), "false");
  EXPECT_EQ(q2.at("create_missing_related_entities"), "false");
  EXPECT_EQ(q2.at("validation_only"), "false");
  EXPECT_EQ(q2.at("ocean_info_resync_id"), "resync-2");
}

TEST_F(PortSinkTest, BatchesStayUnderOneMebibyte) {
  auto sink = MakeSink();
  // ~300 KB each: the estimate (x1.5) allows 2 per batch; 7 entities -> 4 requests.
  UpsertOutcome out = Upsert(*sink, Many("bucket", 7, 300'000));
  EXPECT_EQ(out.failed, 0) << (out.errors.empty() ? "" : out.errors[0]);
  auto bulk = fake.requests_to("POST", kBulkPath);
  ASSERT_EQ(bulk.size(), 4u);
  for (const auto& r : bulk) {
    EXPECT_LE(r.body_text.size(), 1'048'576u);
    EXPECT_EQ(r.status, 200);
  }
  EXPECT_EQ(fake.entities().size(), 7u);
}

TEST_F(PortSinkTest, SmallFirstEntitiesDoNotLetLargeOnesOverflowABatch) {
  auto sink = MakeSink();
  // The estimate samples the first 10 (tiny) entities, which would allow 20 per batch; the
  // 200 KB ones that follow must still close batches before 1 MiB.
  std::vector<json::object> entities = Many("bucket", 10);
  for (int i = 0; i < 10; ++i) entities.push_back(Entity("bucket", "big-" + std::to_string(i), 200'000));
  UpsertOutcome out = Upsert(*sink, entities);
  EXPECT_EQ(out.failed, 0) << (out.errors.empty() ? "" : out.errors[0]);
  EXPECT_EQ(out.upserted.size(), 20u);
  auto all = fake.requests();
  EXPECT_TRUE(Exactly(all, kSinglePath).empty());  // no 413, so no fallback
  auto bulk = Exactly(all, kBulkPath);
  ASSERT_GE(bulk.size(), 2u);
  for (const auto& r : bulk) {
    EXPECT_LE(r.body_text.size(), 1'048'576u);
    EXPECT_EQ(r.status, 200);
  }
}

TEST_F(PortSinkTest, PerEntityErrorsOfA207FailOnlyThoseEntities) {
  auto sink = MakeSink();
  fake.FailEntity("bucket", "bucket-1", 422, "invalid_entity", "property n is not a string");
  UpsertOutcome out = Upsert(*sink, Many("bucket", 3));
  EXPECT_EQ(out.failed, 1);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].find("bucket/bucket-1"), std::string::npos) << out.errors[0];
  EXPECT_NE(out.errors[0].find("422"), std::string::npos) << out.errors[0];
  EXPECT_NE(out.errors[0].find("property n is not a string"), std::string::npos) << out.errors[0];
  std::set<EntityKey> upserted(out.upserted.begin(), out.upserted.end());
  EXPECT_EQ(upserted, (std::set<EntityKey>{{"bucket", "bucket-0"}, {"bucket", "bucket-2"}}));
  EXPECT_EQ(fake.requests_to("POST", kBulkPath).at(0).status, 207);
}

TEST_F(PortSinkTest, A413SendsTheBatchThroughSingleUpserts) {
  auto sink = MakeSink();
  FakePortFault f;
  f.method = "POST";
  f.path_prefix = kBulkPath;
  f.status = 413;
  f.body = R"({"ok":false,"error":"request_too_large","message":"payload too large"})";
  fake.InjectFault(f);
  UpsertOutcome out = Upsert(*sink, Many("bucket", 4));
  EXPECT_EQ(out.failed, 0) << (out.errors.empty() ? "" : out.errors[0]);
  EXPECT_EQ(out.upserted.size(), 4u);
  auto all = fake.requests();
  EXPECT_EQ(Exactly(all, kBulkPath).size(), 1u);  // 413 is not retried
  auto singles = Exactly(all, kSinglePath);
  ASSERT_EQ(singles.size(), 4u);
  for (const auto& r : singles) {
    EXPECT_EQ(net::FindHeader(r.headers, "User-Agent"), kEntityUserAgent);
    EXPECT_EQ(r.query.at("upsert"), "true");
    EXPECT_EQ(r.query.at("validation_only"), "false");
    EXPECT_EQ(r.query.at("ocean_info_resync_id"), "resync-1");
  }
  EXPECT_EQ(fake.entities().size(), 4u);
}

TEST_F(PortSinkTest, AnotherBulkErrorFailsTheWholeBatchNamingTheRequest) {
  auto sink = MakeSink();
  FakePortFault f;
  f.method = "POST";
  f.path_prefix = kBulkPath;
  f.status = 422;
  f.body = R"({"ok":false,"error":"invalid_request","message":"blueprint bucket not found"})";
  fake.InjectFault(f);
  UpsertOutcome out = Upsert(*sink, Many("bucket", 3));
  EXPECT_EQ(out.failed, 3);
  EXPECT_TRUE(out.upserted.empty());
  ASSERT_EQ(out.errors.size(), 3u);
  EXPECT_NE(out.errors[0].find(kBulkPath), std::string::npos) << out.errors[0];
  EXPECT_NE(out.errors[0].find("blueprint bucket not found"), std::string::npos) << out.errors[0];
}

TEST_F(PortSinkTest, UpsertedKeysCarryTheIdentifierPortResolved) {
  auto sink = MakeSink();
  Upsert(*sink, Many("bucket", 1));
  json::object search;
  search["combinator"] = "and";
  search["rules"] = json::array{
      json::object{{"property", "$identifier"}, {"operator", "="}, {"value", "bucket-0"}}};
  json::object e = Entity("bucket", "ignored");
  e["identifier"] = search;
  UpsertOutcome out = Upsert(*sink, {e});
  ASSERT_EQ(out.upserted.size(), 1u) << (out.errors.empty() ? "" : out.errors[0]);
  EXPECT_EQ(out.upserted[0], (EntityKey{"bucket", "bucket-0"}));
}

// --- ListOwned -----------------------------------------------------------------------------------

TEST_F(PortSinkTest, ListOwnedFindsOnlyThisIntegrationsEntitiesWrittenBeforeTheStart) {
  core::Timestamp before{clock.Now().micros - 60'000'000};
  core::Timestamp after{clock.Now().micros + 1'000'000};
  auto put = [&](std::string id, std::string datasource, core::Timestamp at) {
    fake.PutEntity(Entity("bucket", id), std::move(datasource), at);
  };
  put("ours", kEntityUserAgent, before);
  put("ours-older-version", "port-ocean/aws-v3/1.0.0/my-aws/exporter", before);
  put("written-during-resync", kEntityUserAgent, after);
  put("other-integration", "port-ocean/aws-v3/1.2.3/other-aws/exporter", before);
  put("other-type", "port-ocean/gcp/1.2.3/my-aws/exporter", before);
  put("gitops", "port-ocean/aws-v3/1.2.3/my-aws/gitops", before);
  put("ui", "", before);
  auto sink = MakeSink();
  ASSERT_TRUE(Await(sink->BeginResync(start_)).ok());
  auto owned = Await(sink->ListOwned(start_));
  ASSERT_TRUE(owned.ok()) << owned.status().ToString();
  std::set<EntityKey> got(owned->begin(), owned->end());
  EXPECT_EQ(got, (std::set<EntityKey>{{"bucket", "ours"}, {"bucket", "ours-older-version"}}));
  auto listing = fake.requests_to("POST", "/v1/blueprints/entities/datasource-entities");
  ASSERT_EQ(listing.size(), 1u);
  const json::value& b = listing[0].body;
  EXPECT_EQ(b.at("datasource_prefix"), "port-ocean/aws-v3/");
  EXPECT_EQ(b.at("datasource_suffix"), "/my-aws/exporter");
  EXPECT_EQ(b.at("limit"), 5000);
  EXPECT_EQ(b.at("before"), IsoJson(clock.Now()));
  EXPECT_FALSE(b.as_object().contains("from"));
}

// Issue 9: the deletion rate's denominator is what existed before the resync. Port's `before`
// (the fake filters on updatedAt) leaves out the entities this resync refreshed; the sink adds
// those Port answered `created: false` for, never the ones it created.
TEST_F(PortSinkTest, ListOwnedAddsTheRefreshedEntitiesButNotTheCreatedOnes) {
  core::Timestamp before{clock.Now().micros - 60'000'000};
  fake.PutEntity(Entity("bucket", "refreshed"), kEntityUserAgent, before);
  fake.PutEntity(Entity("bucket", "untouched"), kEntityUserAgent, before);
  auto sink = MakeSink();
  UpsertOutcome out = Upsert(*sink, {Entity("bucket", "refreshed"), Entity("bucket", "new")});
  ASSERT_EQ(out.failed, 0);
  auto owned = Await(sink->ListOwned(start_));
  ASSERT_TRUE(owned.ok()) << owned.status().ToString();
  std::set<EntityKey> got(owned->begin(), owned->end());
  EXPECT_EQ(got, (std::set<EntityKey>{{"bucket", "refreshed"}, {"bucket", "untouched"}}));
}

TEST_F(PortSinkTest, ListOwnedFollowsTheNextCursor) {
  core::Timestamp before{clock.Now().micros - 1'000'000};
  for (int i = 0; i < 5003; ++i) {
    json::object e;
    e["identifier"] = "e" + std::to_string(i);
    e["blueprint"] = i % 2 ? "bucket" : "queue";
    fake.PutEntity(std::move(e), kEntityUserAgent, before);
  }
  auto sink = MakeSink();
  auto owned = Await(sink->ListOwned(start_));
  ASSERT_TRUE(owned.ok()) << owned.status().ToString();
  EXPECT_EQ(owned->size(), 5003u);
  EXPECT_EQ(std::set<EntityKey>(owned->begin(), owned->end()).size(), 5003u);
  auto listing = fake.requests_to("POST", "/v1/blueprints/entities/datasource-entities");
  ASSERT_EQ(listing.size(), 2u);
  EXPECT_FALSE(listing[0].body.as_object().contains("from"));
  EXPECT_EQ(listing[1].body.at("from"), "cursor-5000");
}

TEST_F(PortSinkTest, ListOwnedFailsWhenPortFails) {
  FakePortFault f;
  f.method = "POST";
  f.path_prefix = "/v1/blueprints/entities/datasource-entities";
  f.status = 500;
  fake.InjectFault(f);
  auto sink = MakeSink();
  auto owned = Await(sink->ListOwned(start_));
  ASSERT_FALSE(owned.ok());
  EXPECT_NE(owned.status().message().find("datasource-entities"), std::string::npos)
      << owned.status().message();
  EXPECT_NE(owned.status().message().find("owns"), std::string::npos) << owned.status().message();
}

TEST_F(PortSinkTest, ListOwnedStopsWhenTheCursorDoesNotAdvance) {
  FakePortFault f;
  f.method = "POST";
  f.path_prefix = "/v1/blueprints/entities/datasource-entities";
  f.status = 200;
  f.body = R"({"ok":true,"entities":[],"next":"cursor-stuck"})";
  f.times = 5;
  fake.InjectFault(f);
  auto sink = MakeSink();
  auto owned = Await(sink->ListOwned(start_));
  ASSERT_FALSE(owned.ok());
  EXPECT_NE(owned.status().message().find("did not advance"), std::string::npos)
      << owned.status().message();
  EXPECT_EQ(fake.requests_to("POST", "/v1/blueprints/entities/datasource-entities").size(), 2u);
}

// --- Delete -------------------------------------------------------------------------------------

TEST_F(PortSinkTest, DeleteWithDependentsBulkDeletesPerBlueprintInBatchesOfAHundred) {
  core::Timestamp before{clock.Now().micros - 1'000'000};
  std::vector<EntityKey> keys;
  for (int i = 0; i < 150; ++i) keys.push_back({"bucket", "b" + std::to_string(i)});
  for (int i = 0; i < 3; ++i) keys.push_back({"queue", "q" + std::to_string(i)});
  for (const auto& k : keys) {
    fake.PutEntity(Entity(k.blueprint, k.identifier), kEntityUserAgent, before);
  }
  fake.PutEntity(Entity("bucket", "kept"), kEntityUserAgent, before);
  auto sink = MakeSink();
  ASSERT_TRUE(Await(sink->BeginResync(start_)).ok());
  DeleteOutcome out = Await(sink->Delete(keys, config_, start_));
  EXPECT_EQ(out.deleted, 153);
  EXPECT_EQ(out.failed, 0);
  auto deletes = fake.requests_to("POST", "/v1/blueprints/");
  std::multiset<std::size_t> bucket_sizes, queue_sizes;
  for (const auto& r : deletes) {
    if (!r.path.ends_with("/bulk/entities/delete")) continue;
    EXPECT_EQ(r.query.at("delete_dependents"), "true");
    EXPECT_EQ(r.query.at("ocean_info_event_type"), "resync");
    EXPECT_EQ(r.query.at("ocean_info_resync_id"), "resync-1");
    EXPECT_EQ(net::FindHeader(r.headers, "User-Agent"), kEntityUserAgent);
    (r.path == "/v1/blueprints/bucket/bulk/entities/delete" ? bucket_sizes : queue_sizes)
        .insert(EntitiesIn(r));
  }
  EXPECT_EQ(bucket_sizes, (std::multiset<std::size_t>{50, 100}));
  EXPECT_EQ(queue_sizes, (std::multiset<std::size_t>{3}));
  auto left = fake.entities();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left.begin()->first.second, "kept");
}

TEST_F(PortSinkTest, DeleteWithoutDependentsSendsOneEntityPerRequestDependentsFirst) {
  json::object bp;
  bp["identifier"] = "service";
  bp["relations"] = json::object{{"queue", json::object{{"target", "queue"}}}};
  fake.PutBlueprint(bp);
  fake.PutBlueprint(json::object{{"identifier", "queue"}});
  core::Timestamp before{clock.Now().micros - 1'000'000};
  fake.PutEntity(Entity("queue", "q1"), kEntityUserAgent, before);
  json::object svc = Entity("service", "s1");
  svc["relations"] = json::object{{"queue", "q1"}};
  fake.PutEntity(svc, kEntityUserAgent, before);
  config_.delete_dependent_entities = false;
  auto sink = MakeSink();
  ASSERT_TRUE(Await(sink->BeginResync(start_)).ok());
  auto owned = Await(sink->ListOwned(start_));
  ASSERT_TRUE(owned.ok());
  // The queue comes first in key order; the service relating to it must go first.
  std::vector<EntityKey> keys = {{"queue", "q1"}, {"service", "s1"}};
  DeleteOutcome out = Await(sink->Delete(keys, config_, start_));
  EXPECT_EQ(out.deleted, 2);
  std::vector<std::string> order;
  for (const auto& r : fake.requests_to("POST", "/v1/blueprints/")) {
    if (!r.path.ends_with("/bulk/entities/delete")) continue;
    EXPECT_EQ(r.query.at("delete_dependents"), "false");
    ASSERT_EQ(EntitiesIn(r), 1u);
    order.emplace_back(r.body.at("entities").as_array()[0].as_string());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"s1", "q1"}));
  EXPECT_TRUE(fake.entities().empty());
}

TEST_F(PortSinkTest, SafeDeleteKeepsStaleEntitiesThatUpsertedOnesRelateTo) {
  json::object bp;
  bp["identifier"] = "bucket";
  bp["relations"] = json::object{{"account", json::object{{"target", "awsAccount"}}}};
  fake.PutBlueprint(bp);
  fake.PutBlueprint(json::object{{"identifier", "awsAccount"}});
  core::Timestamp before{clock.Now().micros - 1'000'000};
  fake.PutEntity(Entity("awsAccount", "111"), kEntityUserAgent, before);
  fake.PutEntity(Entity("awsAccount", "222"), kEntityUserAgent, before);
  auto sink = MakeSink();
  json::object e = Entity("bucket", "b1");
  e["relations"] = json::object{{"account", "111"}};
  UpsertOutcome up = Upsert(*sink, {e});
  ASSERT_EQ(up.failed, 0) << (up.errors.empty() ? "" : up.errors[0]);
  std::vector<EntityKey> stale = {{"awsAccount", "111"}, {"awsAccount", "222"}};
  DeleteOutcome out = Await(sink->Delete(stale, config_, start_));
  EXPECT_EQ(out.kept_as_relation_targets, 1);
  EXPECT_EQ(out.deleted, 1);
  auto left = fake.entities();
  EXPECT_TRUE(left.contains({"awsAccount", "111"}));
  EXPECT_FALSE(left.contains({"awsAccount", "222"}));

  // Without createMissingRelatedEntities, Ocean deletes relation targets too.
  fake.PutEntity(Entity("awsAccount", "222"), kEntityUserAgent, before);
  config_.create_missing_related_entities = false;
  out = Await(sink->Delete(stale, config_, start_));
  EXPECT_EQ(out.kept_as_relation_targets, 0);
  EXPECT_EQ(out.deleted, 2);
  EXPECT_TRUE(fake.entities().size() == 1u);  // only the bucket is left
}

TEST_F(PortSinkTest, DeleteFailuresAreCountedAndDescribedNotRaised) {
  FakePortFault f;
  f.method = "POST";
  f.path_prefix = "/v1/blueprints/bucket/bulk/entities/delete";
  f.status = 500;
  f.body = R"({"ok":false,"error":"internal_error","message":"database unavailable"})";
  fake.InjectFault(f);
  auto sink = MakeSink();
  DeleteOutcome out =
      Await(sink->Delete({{"bucket", "a"}, {"bucket", "b"}, {"queue", "c"}}, config_, start_));
  EXPECT_EQ(out.failed, 2);
  EXPECT_EQ(out.deleted, 1);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_NE(out.errors[0].find("HTTP 500"), std::string::npos) << out.errors[0];
  EXPECT_NE(out.errors[0].find("database unavailable"), std::string::npos) << out.errors[0];
  EXPECT_NE(out.errors[0].find("2 bucket entities"), std::string::npos) << out.errors[0];
}

// --- resync state --------------------------------------------------------------------------------

TEST_F(PortSinkTest, ReportsRunningThenTheFinalStatusOfEachResync) {
  auto sink = MakeSink();
  for (ResyncStatus status :
       {ResyncStatus::kCompleted, ResyncStatus::kFailed, ResyncStatus::kAborted}) {
    ASSERT_TRUE(Await(sink->BeginResync(start_)).ok());
    clock.Advance(std::chrono::seconds(5));
    ResyncReport report;
    report.status = status;
    ASSERT_TRUE(Await(sink->EndResync(start_, ToRunRecord(report))).ok());
  }
  auto states = fake.resync_states();
  ASSERT_EQ(states.size(), 6u);
  std::vector<std::string> statuses;
  for (const auto& s : states) statuses.emplace_back(s.at("status").as_string());
  EXPECT_EQ(statuses, (std::vector<std::string>{"running", "completed", "running", "failed",
                                                "running", "aborted"}));
  const json::object& running = states[0];
  EXPECT_TRUE(running.at("lastResyncEnd").is_null());
  EXPECT_EQ(running.at("lastResyncStart"), IsoJson(
                                               core::Timestamp{1'700'000'000'000'000}));
  EXPECT_TRUE(running.at("nextResync").is_null());
  EXPECT_TRUE(running.contains("intervalInMinuets"));  // sic, Port's field name
  EXPECT_TRUE(running.at("intervalInMinuets").is_null());
  const json::object& done = states[1];
  EXPECT_EQ(done.at("lastResyncEnd"),
            IsoJson(core::Timestamp{1'700'000'005'000'000}));
  EXPECT_FALSE(done.contains("lastResyncStart"));
  auto patches = fake.requests_to("PATCH", "/v1/integration/my-aws/resync-state");
  ASSERT_EQ(patches.size(), 6u);
  EXPECT_EQ(fake.integration()->at("resyncState").at("status"), "aborted");
}

TEST_F(PortSinkTest, NextResyncIsTheNextIntervalMultipleAfterTheProcessStart) {
  PortSinkOptions o;
  o.scheduled_resync_interval_minutes = 60;
  o.process_start = clock.Now();
  clock.Advance(std::chrono::minutes(90));
  auto sink = MakeSink(o);
  ASSERT_TRUE(Await(sink->BeginResync(start_)).ok());
  auto states = fake.resync_states();
  ASSERT_EQ(states.size(), 1u);
  EXPECT_EQ(states[0].at("intervalInMinuets"), 60);
  EXPECT_EQ(states[0].at("nextResync"),
            IsoJson(core::Timestamp{1'700'000'000'000'000 + 120LL * 60'000'000}));
}

TEST_F(PortSinkTest, AFailedStatePatchIsNotFatal) {
  FakePortFault f;
  f.method = "PATCH";
  f.path_prefix = "/v1/integration/my-aws/resync-state";
  f.status = 503;
  f.times = 2;
  fake.InjectFault(f);
  auto sink = MakeSink();
  EXPECT_TRUE(Await(sink->BeginResync(start_)).ok());
  ResyncReport report;
  EXPECT_TRUE(Await(sink->EndResync(start_, ToRunRecord(report))).ok());
  EXPECT_TRUE(fake.resync_states().empty());
  EXPECT_EQ(fake.requests_to("PATCH", "/v1/integration/my-aws/resync-state").size(), 2u);
}

}  // namespace
}  // namespace ocean
