// AWS::MemoryDB::User (data/kinds/memorydb_user.yaml) against a scripted loopback MemoryDB, since
// moto 5.2 implements neither CreateUser nor DescribeUsers: users pass through in upstream's
// declared order (every User member is declared; unknown members never survive the model-driven
// parse, as in botocore), and ListTagsForMemoryDbUserAction adds TagList by ARN.
#include <gtest/gtest.h>

#include "catalog/kinds/scripted_kind.h"

namespace catalog {
namespace {

constexpr const char* kMemoryDbUsers = R"({"Users":[
  {"ARN":"arn:aws:memorydb:us-east-1:1:user/app","Name":"app","Status":"active",
   "AccessString":"on ~* +@read","ACLNames":["readers"],"MinimumEngineVersion":"6.2",
   "Authentication":{"Type":"password","PasswordCount":1}},
  
  {"Name":"ops","ARN":"arn:aws:memorydb:us-east-1:1:user/ops","Status":"active"}]})";

testing_fakes::ScriptedResponse ServeMemoryDb(const testing_fakes::RecordedRequest& req) {
  std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
  if (target == "AmazonMemoryDB.DescribeUsers") return testing_fakes::ScriptedResponse::Ok(kMemoryDbUsers);
  if (target == "AmazonMemoryDB.ListTags" && req.body.find("user/app") != std::string::npos) {
    return testing_fakes::ScriptedResponse::Ok(R"({"TagList":[{"Key":"team","Value":"platform"}]})");
  }
  if (target == "AmazonMemoryDB.ListTags") return testing_fakes::ScriptedResponse::Ok(R"({"TagList":[]})");
  return testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidParameterValueException");
}

using testenv::KeysOf;

TEST(MemoryDbUserKind, UsersPassThroughInUpstreamOrderAndTagsOnlyWhenIncluded) {
  testenv::ScriptedKind memorydb("AWS::MemoryDB::User", ServeMemoryDb);
  ASSERT_NE(memorydb.kind(), nullptr);

  testenv::ScopeExport plain = memorydb.Export();
  EXPECT_EQ(plain.outcome.state, ScopeState::kComplete) << plain.outcome.error.ToString();
  ASSERT_EQ(plain.envelopes.size(), 2u);
  EXPECT_EQ(plain.envelopes[0].at("Type"), json::value("AWS::MemoryDB::User"));
  EXPECT_EQ(KeysOf(plain.envelopes[0].at("Properties")),
            (std::vector<std::string>{"Name", "Status", "AccessString", "ACLNames",
                                      "MinimumEngineVersion", "ARN", "Authentication"}));
  EXPECT_EQ(KeysOf(plain.envelopes[1].at("Properties")),
            (std::vector<std::string>{"Name", "Status", "ARN"}));
  EXPECT_EQ(plain.envelopes[0].at("__ExtraContext").at("Region"), json::value("us-east-1"));

  testenv::ScopeExport tagged = memorydb.Export({"ListTagsForMemoryDbUserAction"});
  EXPECT_EQ(tagged.outcome.state, ScopeState::kComplete) << tagged.outcome.error.ToString();
  EXPECT_EQ(tagged.outcome.enrichment_errors, 0);
  ASSERT_EQ(tagged.envelopes.size(), 2u);
  const json::value& app = tagged.envelopes[0].at("Properties");
  EXPECT_EQ(KeysOf(app),  // TagList is declared last
            (std::vector<std::string>{"Name", "Status", "AccessString", "ACLNames",
                                      "MinimumEngineVersion", "ARN", "Authentication", "TagList"}));
  EXPECT_EQ(app.at("TagList"), json::parse(R"([{"Key":"team","Value":"platform"}])"));
  EXPECT_EQ(tagged.envelopes[1].at("Properties").at("TagList"), json::array());
}

}  // namespace
}  // namespace catalog
