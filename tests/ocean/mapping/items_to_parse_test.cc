#include "ocean/mapping/items_to_parse.h"

#include <gtest/gtest.h>

#include "ocean/mapping/item_identity.h"
#include "ocean/mapping/jq_syntax_compat.h"
#include "ocean/mapping/mapping_template.h"

namespace ocean::mapping {
namespace {

TEST(DeletionPath, SimplePaths) {
  EXPECT_EQ(DeletionPath(".Properties.Items"), ".Properties.Items");
  EXPECT_EQ(DeletionPath("  .a.b  "), ".a.b");
  EXPECT_EQ(DeletionPath(".a[0].b"), ".a[0].b");
  EXPECT_EQ(DeletionPath(".[\"k\"].x"), ".[\"k\"].x");
  EXPECT_EQ(DeletionPath(".a.b[]"), ".a.b");  // `[]` is not part of a path
}

TEST(DeletionPath, PipeSegments) {
  EXPECT_EQ(DeletionPath(". as $root | .items | map(. + {x: $root.y})"), ".items");
  EXPECT_EQ(DeletionPath(". | .a.b"), ".a.b");
  EXPECT_EQ(DeletionPath("$x | .a"), ".a");
  EXPECT_EQ(DeletionPath(".a // []"), ".a");
  EXPECT_EQ(DeletionPath("map(.x) | .y"), ".y");  // first segment has no leading path
}

TEST(DeletionPath, ParenthesisedGroup) {
  EXPECT_EQ(DeletionPath("(.a.b) | map(.)"), ".a.b");
  EXPECT_EQ(DeletionPath("(.a"), std::nullopt);
}

TEST(DeletionPath, NothingToDelete) {
  EXPECT_EQ(DeletionPath("[.a, .b]"), std::nullopt);
  EXPECT_EQ(DeletionPath("."), std::nullopt);
  EXPECT_EQ(DeletionPath(""), std::nullopt);
}

TEST(ItemsToParse, ExpandsAndDeletesTheParsedPath) {
  ResourceConfig r;
  r.items_to_parse = ".a.list";
  auto items = ItemsToParse::Compile(r, {});
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->deletion_path(), ".a.list");
  auto out = items->Expand(core::ParseJson(R"({"a":{"list":[1,2],"keep":true},"b":0})").value());
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ(core::WriteJson((*out)[0]), R"({"a":{"keep":true},"b":0,"item":1})");
  EXPECT_EQ(core::WriteJson((*out)[1]), R"({"a":{"keep":true},"b":0,"item":2})");
}

TEST(ItemsToParse, NameOverwritesAnExistingKeyInPlace) {
  ResourceConfig r;
  r.items_to_parse = "[.x]";
  r.items_to_parse_name = "x";
  auto items = ItemsToParse::Compile(r, {});
  ASSERT_TRUE(items.ok());
  auto out = items->Expand(core::ParseJson(R"({"x":5,"y":6})").value());
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(core::WriteJson(out->at(0)), R"({"x":5,"y":6})");
}

TEST(ItemsToParse, EmptyArrayYieldsNothingAndErrorsAreReported) {
  ResourceConfig r;
  r.items_to_parse = ".xs";
  auto items = ItemsToParse::Compile(r, {});
  ASSERT_TRUE(items.ok());
  auto none = items->Expand(core::ParseJson(R"({"xs":[]})").value());
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto missing = items->Expand(core::ParseJson(R"({})").value());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "itemsToParse must yield an array, got null");
  auto error = items->Expand(core::ParseJson(R"("str")").value());
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.status().message().find("Cannot index string"), std::string::npos);
}

TEST(ItemIdentity, PrefersArnThenKindNounIdThenNames) {
  auto id = [](std::string_view doc, std::string_view kind = "AWS::EC2::Instance") {
    return ItemIdentity(core::ParseJson(doc).value(), kind, 7);
  };
  EXPECT_EQ(id(R"({"Properties":{"ImageId":"ami-1","InstanceId":"i-1"}})"), "i-1");
  EXPECT_EQ(id(R"({"Properties":{"Arn":"arn:x","InstanceId":"i-1"}})"), "arn:x");
  EXPECT_EQ(id(R"({"Properties":{"QueueUrl":"https://q","QueueArn":"arn:q"}})", "AWS::SQS::Queue"), "arn:q");
  EXPECT_EQ(id(R"({"Properties":{"BucketName":"b"}})", "AWS::S3::Bucket"), "b");
  EXPECT_EQ(id(R"({"Properties":{"QueueUrl":"https://q"}})", "AWS::SQS::Queue"), "https://q");
  EXPECT_EQ(id(R"({"Properties":{"FunctionArn":"arn:f"}})", "AWS::Lambda::Function"), "arn:f");
  EXPECT_EQ(id(R"({"Properties":{"Other":"x"}})"), "item #7");
  EXPECT_EQ(id(R"({"Id":"top"})"), "top");
  EXPECT_EQ(id(R"([1,2])"), "item #7");
}

TEST(MappingTemplate, LeavesAndOrder) {
  MappingTemplate t(core::ParseJson(R"({"properties":{"a":".a","n":5},"identifier":".id","other":".x",
      "relations":{"r":{"combinator":"\"and\"","rules":[{"value":".v"}]}}})").value().as_object());
  ASSERT_EQ(t.leaves().size(), 4u);
  EXPECT_EQ(t.leaves()[0].field, "identifier");
  EXPECT_EQ(t.leaves()[1].field, "properties.a");
  EXPECT_EQ(t.leaves()[2].field, "relations.r.combinator");
  EXPECT_EQ(t.leaves()[3].field, "relations.r.rules[0].value");
  EXPECT_EQ(t.leaves()[3].expression, ".v");
  std::vector<json::value> values = {"I", "A", "and", 1};
  EXPECT_EQ(core::WriteJson(t.Build(values)),
            R"({"identifier":"I","properties":{"a":"A","n":5},"relations":{"r":{"combinator":"and","rules":[{"value":1}]}}})");
}

TEST(SyntaxCompat, SelfContained) {
  EXPECT_TRUE(IsSelfContained(".a | (.b) | [.c] | {d: 1}"));
  EXPECT_TRUE(IsSelfContained("\"a ) ] } \\(.x | (1))\" # ) comment"));
  EXPECT_FALSE(IsSelfContained(".a) , (.b"));
  EXPECT_FALSE(IsSelfContained("(.a"));
  EXPECT_FALSE(IsSelfContained("\"unterminated"));
  EXPECT_FALSE(IsSelfContained("[.a)"));
}

TEST(SyntaxCompat, RewritesOnlyCode) {
  EXPECT_EQ(RewriteNewerSyntax("if . then 1 end"), "if . then 1 else . end");
  EXPECT_EQ(RewriteNewerSyntax("if . then 1 else 2 end"), "if . then 1 else 2 end");
  EXPECT_EQ(RewriteNewerSyntax("if a then (if b then 1 end) else 2 end"),
            "if a then (if b then 1 else . end) else 2 end");
  EXPECT_EQ(RewriteNewerSyntax("\"if x then end\" | .end"), "\"if x then end\" | .end");
  EXPECT_EQ(RewriteNewerSyntax(".a.[0] | .[1] | $x.[2] | (.b).[] | .c?.[\"k\"]"),
            ".a[0] | .[1] | $x[2] | (.b)[] | .c?[\"k\"]");
  EXPECT_EQ(RewriteNewerSyntax("then .[0]"), "then .[0]");
  EXPECT_EQ(RewriteNewerSyntax("{$k: 1, a: $k, $v}"), "{($k): 1, a: $k, $v}");
  EXPECT_EQ(RewriteNewerSyntax("{if: 1, \"x\": (if . then 2 end)}"), "{\"if\": 1, \"x\": (if . then 2 else . end)}");
  EXPECT_EQ(RewriteNewerSyntax("\"\\(if . then 1 end)\""), "\"\\(if . then 1 else . end)\"");
}

}  // namespace
}  // namespace ocean::mapping
