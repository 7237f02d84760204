// `ocean-aws map`: lines in, entities out, per-line errors named, exit statuses.
#include "app/map_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/json.h"
#include "fakes/temp_dir.h"

namespace app {
namespace {

using testing::HasSubstr;

constexpr const char* kConfig = R"(
resources:
  - kind: AWS::S3::Bucket
    selector:
      query: '.Properties.BucketName | startswith("keep")'
    port:
      entity:
        mappings:
          identifier: .Properties.Arn
          title: .Properties.BucketName
          blueprint: '"s3Bucket"'
          properties:
            region: .__ExtraContext.Region
            size: .Properties.Size + 1
          relations:
            account: .__ExtraContext.AccountId
  - kind: AWS::SQS::Queue
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          blueprint: '"sqsQueue"'
)";

struct MapRun {
  int status;
  std::vector<json::value> entities;
  std::string err;
};

class MapCommandTest : public testing::Test {
 protected:
  MapRun Run(const std::string& input, const std::string& kind = "",
             const std::string& config = kConfig) {
    std::string path = dir_.path() + "/mapping.yml";
    std::ofstream(path) << config;
    MapCommandOptions options;
    options.config_file = path;
    options.kind = kind;
    std::istringstream in(input);
    std::ostringstream out, err;
    MapRun r{RunMap(options, in, out, err), {}, err.str()};
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
      auto v = core::ParseJson(line);
      EXPECT_TRUE(v.ok()) << line;
      if (v.ok()) r.entities.push_back(*v);
    }
    return r;
  }
  testing_fakes::TempDir dir_;
};

std::string Bucket(const std::string& name, const std::string& size = "1") {
  return R"({"Type":"AWS::S3::Bucket","Properties":{"BucketName":")" + name +
         R"(","Arn":"arn:aws:s3:::)" + name + R"(","Size":)" + size +
         R"(},"__ExtraContext":{"AccountId":"111","Region":"eu-west-1"}})";
}

TEST_F(MapCommandTest, EachLineIsMappedByItsTypesConfigsInInputOrder) {
  MapRun r = Run(Bucket("keep-a") + "\n" +
                 R"({"Type":"AWS::SQS::Queue","Properties":{"QueueArn":"arn:q"}})" + "\n" +
                 Bucket("drop-b") + "\n" + Bucket("keep-c", "41") + "\n");
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(r.entities.size(), 3u) << r.err;
  EXPECT_EQ(r.entities[0].at("identifier"), json::value("arn:aws:s3:::keep-a"));
  EXPECT_EQ(r.entities[0].at("relations").at("account"), json::value("111"));
  EXPECT_EQ(r.entities[0].at("properties").at("region"), json::value("eu-west-1"));
  EXPECT_EQ(r.entities[1].at("blueprint"), json::value("sqsQueue"));
  EXPECT_EQ(r.entities[2].at("properties").at("size"), json::value(42));
  EXPECT_THAT(r.err, HasSubstr("1 filtered out"));
}

TEST_F(MapCommandTest, BadLinesAreNamedAndTheRestIsStillMapped) {
  MapRun r = Run("{broken\n" + std::string(R"({"Properties":{}})") + "\n" +
                 Bucket("keep-x", "\"text\"") + "\n" + Bucket("keep-y") + "\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("line 1: invalid JSON"));
  EXPECT_THAT(r.err, HasSubstr("line 2: no \"Type\""));
  // A runtime error in one leaf: reported with line, kind, field and expression; that leaf is
  // null and the entity is still produced (Ocean's semantics).
  EXPECT_THAT(r.err, HasSubstr("line 3: AWS::S3::Bucket properties.size (.Properties.Size + 1)"));
  ASSERT_EQ(r.entities.size(), 2u);
  EXPECT_TRUE(r.entities[0].at("properties").at("size").is_null());
  EXPECT_EQ(r.entities[1].at("properties").at("size"), json::value(2));
}

TEST_F(MapCommandTest, KindFlagAppliesThatKindToLinesWithoutType) {
  MapRun r = Run(R"({"Properties":{"QueueArn":"arn:q2"}})" "\n", "AWS::SQS::Queue");
  EXPECT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(r.entities.size(), 1u);
  EXPECT_EQ(r.entities[0].at("identifier"), json::value("arn:q2"));
}

TEST_F(MapCommandTest, ConfigErrorsExitTwoNamingTheProblem) {
  MapRun unknown = Run("", "AWS::Nope::Thing");
  EXPECT_EQ(unknown.status, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no resource config of kind AWS::Nope::Thing"));
  MapRun bad_jq = Run("", "", R"(
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .a |||
          blueprint: '"q"'
)");
  EXPECT_EQ(bad_jq.status, 2);
  EXPECT_THAT(bad_jq.err, HasSubstr("identifier"));
}

// Issue 9 item 4: `map` honours OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS like resync does.
TEST_F(MapCommandTest, EnvironmentAccessSettingIsHonoured) {
  const std::string config = R"(
resources:
  - kind: AWS::SQS::Queue
    selector: {query: 'true'}
    port:
      entity:
        mappings:
          identifier: .Properties.QueueArn
          blueprint: '"sqsQueue"'
          properties:
            stage: env.MAP_TEST_STAGE
)";
  const std::string queue = R"({"Type":"AWS::SQS::Queue","Properties":{"QueueArn":"arn:q"}})";
  setenv("MAP_TEST_STAGE", "prod", 1);
  MapRun allowed = Run(queue, "", config);
  ASSERT_EQ(allowed.status, 0) << allowed.err;
  ASSERT_EQ(allowed.entities.size(), 1u);
  EXPECT_EQ(allowed.entities[0].at("properties").at("stage"), "prod");
  setenv("OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS", "false", 1);
  MapRun denied = Run(queue, "", config);
  unsetenv("OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS");
  unsetenv("MAP_TEST_STAGE");
  ASSERT_EQ(denied.entities.size(), 1u) << denied.err;
  EXPECT_TRUE(denied.entities[0].at("properties").at("stage").is_null());
}

}  // namespace
}  // namespace app
