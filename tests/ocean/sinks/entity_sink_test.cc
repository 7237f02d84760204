// NormalizeIdentifier / KeyOf / ResyncStatusName.
#include "ocean/sinks/entity_sink.h"

#include <gtest/gtest.h>

namespace ocean {
namespace {

json::value Parse(std::string_view s) { return core::ParseJson(s).value(); }

TEST(NormalizeIdentifierTest, StringIsKeptAsIs) {
  EXPECT_EQ(NormalizeIdentifier(json::value("arn:aws:s3:::b \"q\"")), "arn:aws:s3:::b \"q\"");
}

TEST(NormalizeIdentifierTest, OtherScalarsAreTheirJsonText) {
  EXPECT_EQ(NormalizeIdentifier(json::value(42)), "42");
  EXPECT_EQ(NormalizeIdentifier(json::value(1.5)), "1.5");
  EXPECT_EQ(NormalizeIdentifier(json::value(true)), "true");
  EXPECT_EQ(NormalizeIdentifier(json::value(nullptr)), "null");
}

TEST(NormalizeIdentifierTest, ObjectsSortKeysRecursivelyAndArraysKeepOrder) {
  json::value a = Parse(R"({"rules":[{"value":"x","property":"$id"}],"combinator":"and"})");
  json::value b = Parse(R"({"combinator":"and","rules":[{"property":"$id","value":"x"}]})");
  EXPECT_EQ(NormalizeIdentifier(a), NormalizeIdentifier(b));
  EXPECT_EQ(NormalizeIdentifier(a),
            R"({"combinator":"and","rules":[{"property":"$id","value":"x"}]})");
  EXPECT_EQ(NormalizeIdentifier(Parse(R"([2,1,{"b":1,"a":2}])")), R"([2,1,{"a":2,"b":1}])");
}

TEST(KeyOfTest, BlueprintAndNormalisedIdentifier) {
  json::object e =
      Parse(R"({"identifier":{"b":1,"a":"x"},"blueprint":"bp","title":"t"})").as_object();
  EntityKey k = KeyOf(e);
  EXPECT_EQ(k.blueprint, "bp");
  EXPECT_EQ(k.identifier, R"({"a":"x","b":1})");
}

TEST(ResyncStatusNameTest, Names) {
  EXPECT_EQ(ResyncStatusName(ResyncStatus::kCompleted), "completed");
  EXPECT_EQ(ResyncStatusName(ResyncStatus::kFailed), "failed");
  EXPECT_EQ(ResyncStatusName(ResyncStatus::kAborted), "aborted");
}

}  // namespace
}  // namespace ocean
