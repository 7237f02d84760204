// LiveApplier's delete path for kinds whose delete events do not carry the whole identity
// (`deleteIdentity`, catalog/identity_index.h; issue 12 gap d): DeleteRole names only the role,
// the entity is identified by its ARN, which holds the role's path.
//
//   a role a resync listed (remembered by the Source) -> the delete maps the remembered ARN;
//   a role never seen -> nothing is deleted, the result says "identity_unknown";
//   a stack by name (regional: found in its region only), by ARN (whole by itself);
//   a kind without the flag -> deleteStub as before.
#include "ocean/live_events/live_applier.h"

#include <gtest/gtest.h>

#include "catalog/kind_table.h"
#include "fakes/fake_transport.h"
#include "fakes/null_sink.h"
#include "fakes/run_coro.h"

namespace ocean::live_events {
namespace {

using testing_fakes::RunCoro;

// Deletes make no AWS call; a call would go to a closed loopback port and fail.
aws::AwsClient::Options NoAwsOptions() {
  aws::AwsClient::Options o;
  o.endpoint_url = "http://127.0.0.1:9";
  o.max_attempts = 1;
  return o;
}

// Records what the applier deletes; nothing else is expected of it here.
class RecordingSink final : public testing_fakes::NullSink {
 public:
  boost::asio::awaitable<DeleteOutcome> Delete(std::vector<EntityKey> keys, const PortAppConfig&,
                                               const ResyncStart&) override {
    co_return DeleteOutcome{static_cast<long>(keys.size())};
  }
  boost::asio::awaitable<DeleteOutcome> DeleteLive(std::vector<EntityKey> keys,
                                                   const PortAppConfig&) override {
    deleted.insert(deleted.end(), keys.begin(), keys.end());
    co_return DeleteOutcome{static_cast<long>(keys.size())};
  }
  std::vector<EntityKey> deleted;
};

constexpr char kMapping[] = R"(
resources:
  - kind: AWS::IAM::Role
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.RoleName
          blueprint: '"iamRole"'
  - kind: AWS::CloudFormation::Stack
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.StackId
          title: .Properties.StackName
          blueprint: '"cfnStack"'
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          title: .Properties.QueueName
          blueprint: '"sqsQueue"'
)";

class LiveApplierDelete : public ::testing::Test {
 protected:
  LiveApplierDelete()
      : transport_(std::make_shared<testing_fakes::FakeTransport>()),
        client_(io_, transport_, NoAwsOptions()),
        source_(client_, nullptr, transport_),
        accounts_(source_, catalog::IntegrationConfig{}),
        mappings_(
            []() -> boost::asio::awaitable<core::Result<std::optional<PortAppConfig>>> {
              core::Result<PortAppConfig> c = ParsePortAppConfig(kMapping, "test mapping");
              if (!c.ok()) co_return c.status();
              co_return std::optional<PortAppConfig>(std::move(*c));
            },
            mapping::JqOptions{}, /*pool=*/nullptr),
        applier_(source_, accounts_, mappings_, sink_) {}

  EventTarget DeleteRole(std::string name) {
    EventTarget t;
    t.kind = "AWS::IAM::Role";
    t.id = std::move(name);
    t.action = EventAction::kDelete;
    t.account = "123456789012";
    t.region = "us-east-1";
    // The router's stub (deleteStub): the Arn guesses the default path "/".
    t.delete_stub = json::parse(R"({"Type":"AWS::IAM::Role","Properties":{"RoleName":")" + t.id +
                                R"(","Arn":"arn:aws:iam::123456789012:role/)" + t.id +
                                R"("},"__ExtraContext":{"AccountId":"123456789012"}})");
    return t;
  }

  // What a resync's listing of IAM roles in the account hands the Source (as StreamKind does).
  void ResyncSaw(std::string_view name, std::string_view path) {
    json::value role = json::parse(
        R"({"Type":"AWS::IAM::Role","Properties":{"Path":")" + std::string(path) +
        R"(","RoleName":")" + std::string(name) +
        R"(","RoleId":"AROAEXAMPLE","Arn":"arn:aws:iam::123456789012:role)" +
        std::string(path) + std::string(name) +
        R"("},"__ExtraContext":{"AccountId":"123456789012"}})");
    catalog::IdentityIndex& index = source_.identities();
    index.Remember("AWS::IAM::Role", std::span<const json::value>(&role, 1),
                   index.BeginListing("AWS::IAM::Role"));
  }

  ApplyResult Apply(const EventTarget& t) { return RunCoro(io_, applier_.Apply(t)); }

  boost::asio::io_context io_;
  std::shared_ptr<testing_fakes::FakeTransport> transport_;
  aws::AwsClient client_;
  catalog::Source source_;
  AccountCache accounts_;
  MappingCache mappings_;
  RecordingSink sink_;
  LiveApplier applier_;
};

TEST_F(LiveApplierDelete, ACustomPathRoleARegularResyncSawIsDeletedByItsArn) {
  ResyncSaw("deployer", "/team/");
  ApplyResult r = Apply(DeleteRole("deployer"));
  EXPECT_EQ(r.type, ApplyResult::Type::kApplied) << r.message;
  EXPECT_EQ(r.ignored, "");
  ASSERT_EQ(sink_.deleted.size(), 1u);
  EXPECT_EQ(sink_.deleted[0].blueprint, "iamRole");
  EXPECT_EQ(sink_.deleted[0].identifier, "arn:aws:iam::123456789012:role/team/deployer");
  // Deleted: forgotten, so a second delete of the name is not known any more.
  EXPECT_FALSE(source_.identities().Find("AWS::IAM::Role", "123456789012", "", "deployer"));
  sink_.deleted.clear();
  r = Apply(DeleteRole("deployer"));
  EXPECT_EQ(r.ignored, "identity_unknown");
  EXPECT_TRUE(sink_.deleted.empty());
}

TEST_F(LiveApplierDelete, ARoleNeverSeenDeletesNothingAndSaysWhy) {
  ResyncSaw("deployer", "/team/");
  ApplyResult r = Apply(DeleteRole("stranger"));
  EXPECT_EQ(r.type, ApplyResult::Type::kApplied);  // done: not retried
  EXPECT_EQ(r.ignored, "identity_unknown");
  EXPECT_NE(r.message.find("stranger"), std::string::npos) << r.message;
  EXPECT_TRUE(sink_.deleted.empty());  // not deleteStub's guess role/stranger
  EXPECT_EQ(r.deleted, 0);
  EXPECT_TRUE(source_.identities().Find("AWS::IAM::Role", "123456789012", "", "deployer"));
}

TEST_F(LiveApplierDelete, AnotherAccountsRoleOfTheSameNameIsNotTheOneDeleted) {
  ResyncSaw("deployer", "/team/");
  EventTarget t = DeleteRole("deployer");
  t.account = "210987654321";
  ApplyResult r = Apply(t);
  EXPECT_EQ(r.ignored, "identity_unknown");
  EXPECT_TRUE(sink_.deleted.empty());
}

// DeleteStack names the stack by name or by its StackId (an ARN, whole by itself).
EventTarget DeleteStack(std::string id) {
  EventTarget t;
  t.kind = "AWS::CloudFormation::Stack";
  t.id = std::move(id);
  t.action = EventAction::kDelete;
  t.account = "123456789012";
  t.region = "eu-west-1";
  t.delete_stub = json::parse(R"({"Type":"AWS::CloudFormation::Stack","Properties":{"StackId":")" +
                              t.id + R"("},"__ExtraContext":{"AccountId":"123456789012",)"
                              R"("Region":"eu-west-1"}})");
  return t;
}

TEST_F(LiveApplierDelete, AStackDeletedByNameIsFoundInItsRegionOnly) {
  const std::string id = "arn:aws:cloudformation:eu-west-1:123456789012:stack/web/8f5b1c20";
  json::value stack = json::parse(
      R"({"Type":"AWS::CloudFormation::Stack","Properties":{"StackName":"web","StackId":")" + id +
      R"("},"__ExtraContext":{"AccountId":"123456789012","Region":"eu-west-1"}})");
  source_.identities().Remember("AWS::CloudFormation::Stack",
                                std::span<const json::value>(&stack, 1));
  EventTarget elsewhere = DeleteStack("web");
  elsewhere.region = "us-east-1";
  elsewhere.delete_stub.as_object()["__ExtraContext"].as_object()["Region"] = "us-east-1";
  EXPECT_EQ(Apply(elsewhere).ignored, "identity_unknown");
  EXPECT_TRUE(sink_.deleted.empty());
  ApplyResult r = Apply(DeleteStack("web"));
  EXPECT_EQ(r.ignored, "");
  ASSERT_EQ(sink_.deleted.size(), 1u);
  EXPECT_EQ(sink_.deleted[0].identifier, id);
}

TEST_F(LiveApplierDelete, AStackArnNeverSeenIsWholeByItself) {
  // completePrefixes ["arn:"]: the deleteStub of an ARN id is no guess.
  const std::string id = "arn:aws:cloudformation:eu-west-1:123456789012:stack/old/0a1b";
  ApplyResult r = Apply(DeleteStack(id));
  EXPECT_EQ(r.ignored, "");
  ASSERT_EQ(sink_.deleted.size(), 1u);
  EXPECT_EQ(sink_.deleted[0].identifier, id);
  sink_.deleted.clear();
  EXPECT_EQ(Apply(DeleteStack("old")).ignored, "identity_unknown");  // a name is not
  EXPECT_TRUE(sink_.deleted.empty());
}

TEST_F(LiveApplierDelete, KindsWithoutTheFlagUseTheirDeleteStub) {
  EventTarget t;
  t.kind = "AWS::SQS::Queue";
  t.id = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";
  t.action = EventAction::kDelete;
  t.account = "123456789012";
  t.region = "us-east-1";
  t.delete_stub = json::parse(
      R"({"Type":"AWS::SQS::Queue","Properties":{"QueueName":"jobs",)"
      R"("QueueArn":"arn:aws:sqs:us-east-1:123456789012:jobs"},)"
      R"("__ExtraContext":{"AccountId":"123456789012","Region":"us-east-1"}})");
  ApplyResult r = Apply(t);
  EXPECT_EQ(r.ignored, "");
  ASSERT_EQ(sink_.deleted.size(), 1u);
  EXPECT_EQ(sink_.deleted[0].identifier, "arn:aws:sqs:us-east-1:123456789012:jobs");
}

// A kind no resources[] entry maps is ignored with its reason (counted once, as ignored, by
// the queue), not applied, and touches neither AWS nor the sink.
TEST_F(LiveApplierDelete, AKindNoEntryMapsIsIgnoredWithItsReasonAndTouchesNothing) {
  EventTarget t = DeleteRole("anything");
  t.kind = "AWS::Lambda::Function";
  ApplyResult r = Apply(t);
  EXPECT_EQ(r.type, ApplyResult::Type::kApplied);
  EXPECT_EQ(r.ignored, "kind_not_in_mapping");
  EXPECT_EQ(r.deleted, 0);
  EXPECT_TRUE(sink_.deleted.empty());
}

}  // namespace
}  // namespace ocean::live_events
