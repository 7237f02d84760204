// Loading Ocean's default resources (.port/resources): which files are read, and errors that
// name the file and the problem for documents that are not what Port expects.
#include "ocean/port/default_resources.h"

#include <gtest/gtest.h>

#include "fakes/temp_dir.h"

namespace ocean::port {
namespace {

using testing_fakes::TempDir;

constexpr char kMapping[] = R"(resources:
  - kind: AWS::S3::Bucket
    selector:
      query: 'true'
    port:
      entity:
        mappings:
          identifier: .Arn
          blueprint: '"s3Bucket"'
)";

TEST(DefaultResourcesTest, ReadsEveryResourceFileInJsonOrYaml) {
  TempDir dir;
  dir.WriteFile("port-app-config.yml", kMapping);
  dir.WriteFile("blueprints.json", R"([{"identifier":"s3Bucket","title":"S3"}])");
  dir.WriteFile("actions.yaml", "- identifier: restart\n");
  dir.WriteFile("scorecards.json", R"([{"blueprint":"s3Bucket","data":[{"identifier":"sc"}]}])");
  dir.WriteFile("pages.json", R"([{"identifier":"p1"},{"identifier":"p2"}])");
  auto r = LoadDefaultResources(dir.path());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->mapping.has_value());
  EXPECT_EQ(r->mapping->at("resources").as_array().size(), 1u);
  ASSERT_EQ(r->blueprints.size(), 1u);
  EXPECT_EQ(r->blueprints[0].at("identifier"), "s3Bucket");
  EXPECT_EQ(r->actions.size(), 1u);
  EXPECT_EQ(r->scorecards.size(), 1u);
  EXPECT_EQ(r->pages.size(), 2u);
}

TEST(DefaultResourcesTest, MissingFilesMeanNoResources) {
  TempDir dir;
  auto r = LoadDefaultResources(dir.path());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->mapping.has_value());
  EXPECT_TRUE(r->blueprints.empty());
  EXPECT_TRUE(r->actions.empty());
}

TEST(DefaultResourcesTest, MalformedJsonNamesTheFile) {
  TempDir dir;
  std::string path = dir.WriteFile("blueprints.json", R"([{"identifier": "a",]})");
  auto r = LoadDefaultResources(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
}

TEST(DefaultResourcesTest, BlueprintsMustBeAListOfObjectsWithIdentifiers) {
  TempDir dir;
  dir.WriteFile("blueprints.json", R"({"identifier":"a"})");
  auto r = LoadDefaultResources(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("blueprints: expected a list"), std::string::npos)
      << r.status().message();

  dir.WriteFile("blueprints.json", R"([{"identifier":"a"}, 7])");
  r = LoadDefaultResources(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("blueprints[1]: expected an object"), std::string::npos)
      << r.status().message();

  dir.WriteFile("blueprints.json", R"([{"identifier":"a"}, {"title":"no id"}])");
  r = LoadDefaultResources(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("blueprints[1]: 'identifier' is required"),
            std::string::npos)
      << r.status().message();
}

TEST(DefaultResourcesTest, AnInvalidMappingNamesTheFileAndTheField) {
  TempDir dir;
  dir.WriteFile("port-app-config.yml", "resources: 12\n");
  auto r = LoadDefaultResources(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("port-app-config"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("resources"), std::string::npos) << r.status().message();
}

TEST(DefaultResourcesTest, BadYamlNamesTheFileAndLine) {
  TempDir dir;
  std::string path = dir.WriteFile("actions.yml", "- identifier: a\n  bad: [unclosed\n");
  auto r = LoadDefaultResources(dir.path());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().message();
}

TEST(DefaultResourcesTest, FromTextValidatesLikeFiles) {
  auto ok = DefaultResourcesFromText(kMapping, R"([{"identifier":"s3Bucket"}])");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->mapping.has_value());
  EXPECT_EQ(ok->blueprints.size(), 1u);
  auto none = DefaultResourcesFromText("", "");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->mapping.has_value());
  auto bad = DefaultResourcesFromText("", R"([{"title":"x"}])");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("default blueprints[0]: 'identifier' is required"),
            std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace ocean::port
