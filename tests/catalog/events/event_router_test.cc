// Live-event routing (catalog/events/event_router.h): every outcome of Route() — not an
// envelope (what is missing), ignored (errorCode, unmapped, identifier absent), targets (fan-out
// over lists, id templates, prefixes, account/region fallbacks, event time), matching on
// eventSource:eventName — and the delete stub; plus the parse/validation errors of `events:`.
#include <gtest/gtest.h>

#include "catalog/definition/event_template.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/validator.h"
#include "catalog/events/event_router.h"

namespace catalog::events {
namespace {

using definition::KindDef;

constexpr char kQueueKind[] = R"(
kind: AWS::SQS::RouterQueue
service: sqs
list: {operation: ListQueues, items: QueueUrls}
get: {identityPrefixes: ["https://"], operation: GetQueueUrl, params: {QueueName: "{id}"}, identity: QueueUrl}
events:
  - source: sqs.amazonaws.com
    names: [CreateQueue]
    action: upsert
    identifiers: [responseElements.queueUrl]
  - source: sqs.amazonaws.com
    names: [TagQueue]
    action: upsert
    identifiers: [requestParameters.queueUrl]
  - source: sqs.amazonaws.com
    names: [DeleteQueue]
    action: delete
    identifiers: [requestParameters.queueUrl]
deleteStub:
  QueueUrl: "{id}"
  QueueArn: "arn:{partition}:sqs:{region}:{account}:{id.last}"
)";

// Two kinds answering the same eventName from different sources, and a fan-out with prefixes.
constexpr char kInstanceKind[] = R"(
kind: AWS::EC2::RouterInstance
service: ec2
list: {operation: DescribeInstances, items: Reservations}
get: {operation: DescribeInstances, params: {InstanceIds: ["{id}"]}, asListing: true}
events:
  - source: ec2.amazonaws.com
    names: [RunInstances]
    action: upsert
    identifiers: ["responseElements.instancesSet.items[].instanceId"]
  - source: ec2.amazonaws.com
    names: [CreateTags]
    action: upsert
    identifiers: [{path: "requestParameters.resourcesSet.items[].resourceId", prefixes: ["i-"]}]
  - source: ec2.amazonaws.com
    names: [CreateCluster]
    action: upsert
    identifiers: [requestParameters.name]
deleteStub: {InstanceId: "{id}"}
)";

constexpr char kClusterKind[] = R"(
kind: AWS::ECS::RouterCluster
service: ecs
list: {operation: ListClusters, items: clusterArns}
get: {operation: DescribeClusters, params: {clusters: ["{id}"]}, items: clusters, identity: clusterArn}
extraContext: account
events:
  - source: ecs.amazonaws.com
    names: [CreateCluster]
    action: upsert
    identifiers:
      - {path: requestParameters.clusterName, template: "arn:{partition}:ecs:{region}:{account}:cluster/{id}"}
  - source: ecs.amazonaws.com
    names: [TagResource]
    action: upsert
    identifiers: [{path: requestParameters.resourceArn, contains: [":cluster/"]}]
  - source: ecs.amazonaws.com
    names: [CreateService]
    action: upsert
    identifiers: [{path: requestParameters.cluster, when: requestParameters.serverless}]
  - source: ecs.amazonaws.com
    names: [DeleteCluster]
    action: delete
    identifiers: [responseElements.cluster.clusterArn, requestParameters.cluster]
deleteStub: {ClusterArn: "{id}", ClusterName: "{id.last}"}
)";

class EventRouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* text : {kQueueKind, kInstanceKind, kClusterKind}) {
      core::Result<KindDef> def = definition::ParseKindDefinition(text, "router.yaml", false);
      ASSERT_TRUE(def.ok()) << def.status().message();
      ASSERT_TRUE(definition::ValidateKind(*def).ok());
      defs_.push_back(std::move(*def));
    }
    std::vector<const KindDef*> ptrs;
    for (const KindDef& d : defs_) ptrs.push_back(&d);
    router_.emplace(std::move(ptrs));
  }
  core::Result<RouteResult> Route(std::string_view text) { return router_->Route(json::parse(text)); }

  std::vector<KindDef> defs_;
  std::optional<EventRouter> router_;
};

constexpr char kCreateQueue[] = R"({
  "version": "0", "id": "6a7e8feb", "detail-type": "AWS API Call via CloudTrail",
  "source": "aws.sqs", "account": "123456789012", "time": "2026-12-04T10:00:00Z",
  "region": "eu-west-1", "resources": [],
  "detail": {"eventVersion": "1.09", "eventTime": "2026-12-04T09:59:58Z",
    "eventSource": "sqs.amazonaws.com", "eventName": "CreateQueue", "awsRegion": "eu-west-1",
    "requestParameters": {"queueName": "orders"},
    "responseElements": {"queueUrl": "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"},
    "eventID": "e-1", "recipientAccountId": "123456789012"}})";

TEST_F(EventRouterTest, CreateQueueIsOneUpsertWithAccountRegionAndTime) {
  core::Result<RouteResult> r = Route(kCreateQueue);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_FALSE(r->ignored.has_value()) << r->reason;
  ASSERT_EQ(r->targets.size(), 1u);
  const EventTarget& t = r->targets[0];
  EXPECT_EQ(t.kind, "AWS::SQS::RouterQueue");
  EXPECT_EQ(t.id, "https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
  EXPECT_EQ(t.action, EventAction::kUpsert);
  EXPECT_EQ(t.account, "123456789012");
  EXPECT_EQ(t.region, "eu-west-1");
  ASSERT_TRUE(t.event_time.has_value());
  EXPECT_EQ(core::FormatUpstream(*t.event_time), "2026-12-04T10:00:00Z");  // envelope time first
  EXPECT_EQ(t.event_source, "sqs.amazonaws.com");
  EXPECT_EQ(t.event_name, "CreateQueue");
  EXPECT_EQ(t.event_id, "e-1");
  EXPECT_EQ(t.ResourceKey(),
            "AWS::SQS::RouterQueue|123456789012|eu-west-1|"
            "https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
}

TEST_F(EventRouterTest, AccountRegionAndTimeFallBackToDetail) {
  core::Result<RouteResult> r = Route(R"({"detail": {"eventSource": "sqs.amazonaws.com",
      "eventName": "TagQueue", "awsRegion": "cn-north-1", "recipientAccountId": "222233334444",
      "eventTime": "2026-12-04T09:59:58Z", "requestParameters": {"queueUrl": "https://q/1/a"}}})");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].account, "222233334444");
  EXPECT_EQ(r->targets[0].region, "cn-north-1");
  EXPECT_EQ(core::FormatUpstream(*r->targets[0].event_time), "2026-12-04T09:59:58Z");
}

TEST_F(EventRouterTest, DeleteAndItsStubWithExtraContextAndPartition) {
  core::Result<RouteResult> r = Route(R"({"account": "123456789012", "region": "us-gov-west-1",
      "detail-type": "AWS API Call via CloudTrail", "detail": {"eventSource": "sqs.amazonaws.com",
      "eventName": "DeleteQueue", "requestParameters":
      {"queueUrl": "https://sqs.us-gov-west-1.amazonaws.com/123456789012/orders"}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].action, EventAction::kDelete);
  EXPECT_FALSE(r->targets[0].event_time.has_value());
  core::Result<json::value> stub = router_->DeleteStub(r->targets[0]);
  ASSERT_TRUE(stub.ok());
  EXPECT_EQ(json::serialize(*stub),
            R"({"Type":"AWS::SQS::RouterQueue","Properties":{"QueueUrl":)"
            R"("https://sqs.us-gov-west-1.amazonaws.com/123456789012/orders","QueueArn":)"
            R"("arn:aws-us-gov:sqs:us-gov-west-1:123456789012:orders"},"__ExtraContext":)"
            R"({"AccountId":"123456789012","Region":"us-gov-west-1"}})");
}

TEST_F(EventRouterTest, StubExtraContextFollowsTheKindsMode) {
  EventTarget t{.kind = "AWS::ECS::RouterCluster",
                .id = "arn:aws:ecs:eu-west-1:123456789012:cluster/web",
                .action = EventAction::kDelete, .account = "123456789012", .region = "eu-west-1"};
  core::Result<json::value> stub = router_->DeleteStub(t);
  ASSERT_TRUE(stub.ok());
  EXPECT_EQ(json::serialize(stub->at("__ExtraContext")), R"({"AccountId":"123456789012"})");
  EXPECT_EQ(stub->at("Properties").at("ClusterName"), "web");
  t.kind = "AWS::Nope::Thing";
  EXPECT_FALSE(router_->DeleteStub(t).ok());
}

TEST_F(EventRouterTest, RunInstancesFansOutOverTheResponseList) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "us-east-1", "detail": {
      "eventSource": "ec2.amazonaws.com", "eventName": "RunInstances",
      "responseElements": {"instancesSet": {"items": [{"instanceId": "i-01"},
      {"instanceId": "i-02"}, {"instanceId": "i-01"}, {"noId": true}]}}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 2u);  // duplicates collapse
  EXPECT_EQ(r->targets[0].id, "i-01");
  EXPECT_EQ(r->targets[1].id, "i-02");
}

TEST_F(EventRouterTest, PrefixesKeepOnlyTheKindsIds) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "us-east-1", "detail": {
      "eventSource": "ec2.amazonaws.com", "eventName": "CreateTags", "requestParameters":
      {"resourcesSet": {"items": [{"resourceId": "vol-1"}, {"resourceId": "i-9"}]}}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].id, "i-9");
  r = Route(R"({"account": "1", "region": "us-east-1", "detail": {
      "eventSource": "ec2.amazonaws.com", "eventName": "CreateTags", "requestParameters":
      {"resourcesSet": {"items": [{"resourceId": "vol-1"}]}}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kNoIdentifier);
}

TEST_F(EventRouterTest, MatchesOnSourceAndNameNotNameAlone) {
  // ECS's CreateCluster goes to the ECS kind (through its id template), never to EC2's mapping
  // of the same eventName.
  core::Result<RouteResult> r = Route(R"({"account": "123456789012", "region": "eu-west-1",
      "detail": {"eventSource": "ecs.amazonaws.com", "eventName": "CreateCluster",
      "requestParameters": {"clusterName": "web", "name": "wrong"}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].kind, "AWS::ECS::RouterCluster");
  EXPECT_EQ(r->targets[0].id, "arn:aws:ecs:eu-west-1:123456789012:cluster/web");
  // Without eventSource an ambiguous name is ignored, an unambiguous one routes.
  r = Route(R"({"account": "1", "region": "r", "detail": {"eventName": "CreateCluster",
      "requestParameters": {"clusterName": "web"}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kUnmapped);
  EXPECT_NE(r->reason.find("several sources"), std::string::npos) << r->reason;
  r = Route(R"({"account": "1", "region": "r", "detail": {"eventName": "DeleteQueue",
      "requestParameters": {"queueUrl": "https://q/1/a"}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].event_source, "sqs.amazonaws.com");
}

TEST_F(EventRouterTest, SeveralIdentifierPathsAreTriedInOrder) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "DeleteCluster",
      "requestParameters": {"cluster": "arn:aws:ecs:r:1:cluster/web"}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].id, "arn:aws:ecs:r:1:cluster/web");
  // The first path that finds a value wins; the later ones are fallbacks, not more resources.
  r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "DeleteCluster",
      "requestParameters": {"cluster": "web"},
      "responseElements": {"cluster": {"clusterArn": "arn:aws:ecs:r:1:cluster/web"}}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].id, "arn:aws:ecs:r:1:cluster/web");
}

TEST_F(EventRouterTest, ContainsAndWhenSelectValues) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "TagResource",
      "requestParameters": {"resourceArn": "arn:aws:ecs:r:1:service/web/api"}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kNoIdentifier);
  r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "TagResource",
      "requestParameters": {"resourceArn": "arn:aws:ecs:r:1:cluster/web"}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "CreateService",
      "requestParameters": {"cluster": "web"}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kNoIdentifier);
  r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "CreateService",
      "requestParameters": {"cluster": "web", "serverless": {}}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].id, "web");
}

// An id template that renders nothing names no resource: a DynamoDB TagResource whose ARN
// ends in ':' (the event_route fuzz harness's finding) is ignored, not routed with an empty id.
TEST(EventRouterBuiltIn, AnIdThatRendersEmptyIsNotATarget) {
  const EventRouter router = EventRouter::FromKindTable();
  const auto route = [&](std::string_view arn) {
    return router.Route(json::parse(R"({"account": "123456789012", "region": "eu-west-1",
        "detail": {"eventSource": "dynamodb.amazonaws.com", "eventName": "TagResource",
        "requestParameters": {"resourceArn": ")" + std::string(arn) + R"("}}})"));
  };
  core::Result<RouteResult> r = route("arn:aws:dynamodb:eu-west-awsRegion89012:table/Or:db:");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ignored, IgnoreReason::kNoIdentifier);
  EXPECT_TRUE(r->targets.empty());
  r = route("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->targets.size(), 1u) << r->reason;
  EXPECT_EQ(r->targets[0].id, "Orders");
}

// A REST API's URI path parameter is recorded as sent: AWS's MSK CloudTrail example has
// DeleteCluster's requestParameters.clusterArn as "arn%3Aaws%3Akafka%3A...". Such an ARN is
// decoded before `contains` sees it and becomes the id; a name with a literal '%' is kept.
TEST_F(EventRouterTest, PercentEncodedArnIsDecoded) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "TagResource",
      "requestParameters": {"resourceArn": "arn%3Aaws%3Aecs%3Ar%3A1%3Acluster%2Fweb%2fx"}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u) << r->reason;
  EXPECT_EQ(r->targets[0].id, "arn:aws:ecs:r:1:cluster/web/x");
  r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "ecs.amazonaws.com", "eventName": "CreateService",
      "requestParameters": {"cluster": "web%3Ax", "serverless": {}}}})");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].id, "web%3Ax");
  EXPECT_EQ(definition::DecodeEncodedArn("arn%3Aaws%3As3%3A%3A%3Ab%zz%4"), "arn:aws:s3:::b%zz%4");
}

TEST_F(EventRouterTest, ErrorCodeIsIgnored) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "sqs.amazonaws.com", "eventName": "CreateQueue",
      "errorCode": "AccessDenied", "errorMessage": "no"}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kErrorCode);
  EXPECT_TRUE(r->targets.empty());
  EXPECT_NE(r->reason.find("AccessDenied"), std::string::npos) << r->reason;
  EXPECT_EQ(IgnoreReasonName(*r->ignored), "error_code");
}

TEST_F(EventRouterTest, UnmappedEventIsIgnored) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "sqs.amazonaws.com", "eventName": "SendMessage"}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kUnmapped);
  EXPECT_EQ(r->reason, "no kind maps event sqs.amazonaws.com:SendMessage");
  EXPECT_EQ(IgnoreReasonName(IgnoreReason::kUnmapped), "unmapped");
}

TEST_F(EventRouterTest, AbsentIdentifierIsIgnoredNamingThePath) {
  core::Result<RouteResult> r = Route(R"({"account": "1", "region": "r", "detail": {
      "eventSource": "sqs.amazonaws.com", "eventName": "TagQueue", "requestParameters": {}}})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ignored, IgnoreReason::kNoIdentifier);
  EXPECT_NE(r->reason.find("requestParameters.queueUrl"), std::string::npos) << r->reason;
  EXPECT_EQ(IgnoreReasonName(IgnoreReason::kNoIdentifier), "no_identifier");
}

TEST_F(EventRouterTest, NotAnEnvelopeSaysWhatIsMissing) {
  struct Case {
    const char* body;
    const char* says;
  } cases[] = {
      {R"([1, 2])", "not a JSON object"},
      {R"({"account": "1", "region": "r"})", "no `detail`"},
      {R"({"detail": "x"})", "`detail` is not an object"},
      {R"({"account": "1", "region": "r", "detail": {"eventSource": "sqs.amazonaws.com"}})",
       "`detail.eventName` is missing"},
      {R"({"detail-type": "EC2 Instance State-change Notification", "detail": {}})",
       "detail-type is \"EC2 Instance State-change Notification\""},
      {R"({"region": "r", "detail": {"eventName": "CreateQueue"}})", "without an account"},
      {R"({"account": "1", "detail": {"eventName": "CreateQueue"}})", "without a region"},
      {R"({"account": "1", "region": "r", "detail": {"eventName": "X", "eventSource": 3}})",
       "`detail.eventSource` is not a string"},
  };
  for (const Case& c : cases) {
    core::Result<RouteResult> r = Route(c.body);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
    EXPECT_NE(r.status().message().find(c.says), std::string::npos)
        << c.body << " -> " << r.status().message();
  }
}

TEST_F(EventRouterTest, KindsWithEventsAndLookup) {
  EXPECT_EQ(router_->KindsWithEvents().size(), 3u);
  EXPECT_NE(router_->Kind("AWS::SQS::RouterQueue"), nullptr);
  EXPECT_EQ(router_->Kind("AWS::SQS::Queue"), nullptr);
  EXPECT_EQ(EventActionName(EventAction::kDelete), "delete");
  EXPECT_EQ(EventActionName(EventAction::kUpsert), "upsert");
}

}  // namespace
}  // namespace catalog::events
