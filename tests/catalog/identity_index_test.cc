// IdentityIndex (catalog/identity_index.h): what a listing or fetch of a kind with
// `deleteIdentity` remembers for live deletes, keyed by (kind, account, region, name), and what
// a complete scope of a later listing forgets.
#include "catalog/identity_index.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include "catalog/kind_table.h"

namespace catalog {
namespace {

definition::DeleteIdentityDef RoleRule() {
  definition::DeleteIdentityDef d;
  d.by = {"RoleName"};
  d.keep = {"RoleName", "Arn", "Path"};
  d.by_region = false;  // IAM: {AccountId} only
  return d;
}

definition::DeleteIdentityDef StackRule() {
  definition::DeleteIdentityDef d;
  d.by = {"StackName", "StackId"};
  d.keep = {"StackId", "StackName"};
  return d;
}

IdentityIndex TestIndex() {
  static const definition::DeleteIdentityDef role = RoleRule(), stack = StackRule();
  return IdentityIndex([](std::string_view kind) -> const definition::DeleteIdentityDef* {
    if (kind == "Test::Role") return &role;
    if (kind == "Test::Stack") return &stack;
    return nullptr;
  });
}

json::value Role(std::string_view account, std::string_view name, std::string_view path) {
  return json::parse(R"({"Type":"Test::Role","Properties":{"RoleName":")" + std::string(name) +
                     R"(","Path":")" + std::string(path) + R"(","Arn":"arn:aws:iam::)" +
                     std::string(account) + ":role" + std::string(path) + std::string(name) +
                     R"(","Description":"not kept"},"__ExtraContext":{"AccountId":")" +
                     std::string(account) + R"("}})");
}

json::value Stack(std::string_view region, std::string_view name) {
  return json::parse(R"({"Type":"Test::Stack","Properties":{"StackName":")" + std::string(name) +
                     R"(","StackId":"arn:aws:cloudformation:)" + std::string(region) +
                     ":1:stack/" + std::string(name) +
                     R"(/abc"},"__ExtraContext":{"AccountId":"1","Region":")" +
                     std::string(region) + R"("}})");
}

TEST(IdentityIndexTest, RemembersKeptPropertiesByNameAndAccount) {
  IdentityIndex index = TestIndex();
  std::vector<json::value> listed{Role("111", "app", "/team/"), Role("222", "app", "/")};
  index.Remember("Test::Role", listed, index.BeginListing("Test::Role"));
  EXPECT_EQ(index.size(), 2u);
  // A global kind's key has no region: DeleteRole comes from us-east-1, the listing from any.
  std::optional<json::object> found = index.Find("Test::Role", "111", "us-east-1", "app");
  ASSERT_TRUE(found);
  EXPECT_EQ(json::serialize(*found),
            R"({"RoleName":"app","Arn":"arn:aws:iam::111:role/team/app","Path":"/team/"})");
  found = index.Find("Test::Role", "222", "", "app");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->at("Arn"), "arn:aws:iam::222:role/app");
  EXPECT_FALSE(index.Find("Test::Role", "333", "", "app"));
  EXPECT_FALSE(index.Find("Test::Role", "111", "", "other"));
}

TEST(IdentityIndexTest, KindsWithoutTheFlagAreNotRemembered) {
  IdentityIndex index = TestIndex();
  json::value q = json::parse(
      R"({"Type":"Test::Queue","Properties":{"RoleName":"x"},"__ExtraContext":{"AccountId":"1"}})");
  index.Remember("Test::Queue", std::span<const json::value>(&q, 1));
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.Rule("Test::Queue"), nullptr);
  EXPECT_FALSE(index.Find("Test::Queue", "1", "", "x"));
}

TEST(IdentityIndexTest, RegionalKindsAreKeptPerRegionAndUnderEveryName) {
  IdentityIndex index = TestIndex();
  std::vector<json::value> listed{Stack("eu-west-1", "web"), Stack("us-east-1", "web")};
  index.Remember("Test::Stack", listed, index.BeginListing("Test::Stack"));
  EXPECT_EQ(index.size(), 2u);
  std::optional<json::object> by_name = index.Find("Test::Stack", "1", "eu-west-1", "web");
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->at("StackId"), "arn:aws:cloudformation:eu-west-1:1:stack/web/abc");
  EXPECT_TRUE(index.Find("Test::Stack", "1", "eu-west-1",
                         "arn:aws:cloudformation:eu-west-1:1:stack/web/abc"));
  // Forgetting by one name forgets the resource under the other too, in that region only.
  index.Forget("Test::Stack", "1", "eu-west-1", "arn:aws:cloudformation:eu-west-1:1:stack/web/abc");
  EXPECT_FALSE(index.Find("Test::Stack", "1", "eu-west-1", "web"));
  EXPECT_TRUE(index.Find("Test::Stack", "1", "us-east-1", "web"));
  EXPECT_EQ(index.size(), 1u);
}

TEST(IdentityIndexTest, ACompleteScopeForgetsWhatItNoLongerLists) {
  IdentityIndex index = TestIndex();
  std::vector<json::value> first{Role("111", "a", "/"), Role("111", "b", "/x/"),
                                 Role("222", "c", "/")};
  index.Remember("Test::Role", first, index.BeginListing("Test::Role"));
  const std::uint64_t second = index.BeginListing("Test::Role");
  std::vector<json::value> again{Role("111", "a", "/")};
  index.Remember("Test::Role", again, second);
  // A live fetch during the second listing belongs to it (newest generation).
  json::value fetched = Role("111", "d", "/live/");
  index.Remember("Test::Role", std::span<const json::value>(&fetched, 1));
  index.EndScope("Test::Role", "111", "us-east-1", second);
  EXPECT_TRUE(index.Find("Test::Role", "111", "", "a"));
  EXPECT_FALSE(index.Find("Test::Role", "111", "", "b"));  // deleted without an event
  EXPECT_TRUE(index.Find("Test::Role", "111", "", "d"));
  EXPECT_TRUE(index.Find("Test::Role", "222", "", "c"));   // its scope did not end
  EXPECT_EQ(index.size(), 3u);
}

TEST(IdentityIndexTest, EnvelopesWithoutAccountOrNameAreSkipped) {
  IdentityIndex index = TestIndex();
  std::vector<json::value> bad{
      json::parse(R"({"Type":"Test::Role","Properties":{"RoleName":"a"}})"),
      json::parse(R"({"Type":"Test::Role","Properties":{"Arn":"x"},)"
                  R"("__ExtraContext":{"AccountId":"1"}})"),
      json::parse(R"({"Type":"Test::Role","Properties":{"RoleName":7},)"
                  R"("__ExtraContext":{"AccountId":"1"}})"),
      json::parse(R"("not an envelope")")};
  index.Remember("Test::Role", bad);
  EXPECT_EQ(index.size(), 0u);
}

TEST(IdentityIndexTest, TheBuiltInKindsThatNeedItAreFlagged) {
  // Delete events that carry only a name while the identity needs more (issue 12 gap d).
  IdentityIndex index;  // the kind table's rules
  for (const char* kind : {"AWS::IAM::Role", "AWS::IAM::User", "AWS::CloudFormation::Stack",
                           "AWS::CodeDeploy::Application", "AWS::SecretsManager::Secret"}) {
    EXPECT_NE(index.Rule(kind), nullptr) << kind;
  }
  EXPECT_EQ(index.Rule("AWS::SQS::Queue"), nullptr);  // DeleteQueue carries the whole URL
  ASSERT_NE(index.Rule("AWS::IAM::Role"), nullptr);
  EXPECT_FALSE(index.Rule("AWS::IAM::Role")->by_region);
  EXPECT_TRUE(index.Rule("AWS::CloudFormation::Stack")->by_region);
}

TEST(IdentityIndexTest, AnEntryCostsLessThanAKilobyte) {
  // The cost per remembered IAM role (RoleName, Arn with a path, Path, RoleId-sized strings),
  // measured with the allocator's own count; skipped where it counts nothing (sanitizers).
  std::vector<json::value> roles;
  for (int i = 0; i < 10000; ++i) {
    roles.push_back(Role("123456789012", "service-role-" + std::to_string(100000 + i),
                         "/team/platform/"));
  }
  IdentityIndex index = TestIndex();
  const std::size_t before = mallinfo2().uordblks;
  index.Remember("Test::Role", roles, index.BeginListing("Test::Role"));
  const std::size_t after = mallinfo2().uordblks;
  ASSERT_EQ(index.size(), 10000u);
  if (after <= before) GTEST_SKIP() << "the allocator reports no usage";
  const double per_entry = static_cast<double>(after - before) / 10000.0;
  std::printf("identity index: %.0f bytes per entry\n", per_entry);
  EXPECT_LT(per_entry, 1024.0);
}

}  // namespace
}  // namespace catalog
