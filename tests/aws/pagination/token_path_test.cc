#include "aws/pagination/token_path.h"

#include <gtest/gtest.h>

namespace aws::pagination {
namespace {

json::value Doc() {
  return *core::ParseJson(R"({"NextMarker":"","Contents":[{"Key":"a"},{"Key":"b"}],
                              "Nested":{"Token":"t1"},"IsTruncated":true,"Null":null})");
}

TEST(TokenPath, MembersIndexesAndAlternatives) {
  json::value d = Doc();
  EXPECT_EQ(**Evaluate(d, "Nested.Token"), json::value("t1"));
  EXPECT_EQ(**Evaluate(d, "Contents[-1].Key"), json::value("b"));
  EXPECT_EQ(**Evaluate(d, "Contents[0].Key"), json::value("a"));
  // Empty NextMarker falls through to the alternative, as botocore does for S3 ListObjects.
  EXPECT_EQ(**Evaluate(d, "NextMarker || Contents[-1].Key"), json::value("b"));
  EXPECT_EQ(**Evaluate(d, "IsTruncated"), json::value(true));
}

TEST(TokenPath, AbsentIsNullptrNotError) {
  json::value d = Doc();
  EXPECT_EQ(*Evaluate(d, "Missing"), nullptr);
  EXPECT_EQ(*Evaluate(d, "Null"), nullptr);
  EXPECT_EQ(*Evaluate(d, "Contents[5].Key"), nullptr);
  EXPECT_EQ(*Evaluate(d, "Nested.Token.Deeper"), nullptr);
}

TEST(TokenPath, UnsupportedSyntaxIsAnError) {
  json::value d = Doc();
  for (const char* bad : {"Contents[*].Key", "length(Contents)", "", "A..B", "Contents[x]"}) {
    auto r = Evaluate(d, bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(TokenPath, AssignCreatesNestedObjects) {
  json::object o;
  ASSERT_TRUE(Assign(o, "A.B", json::value(3)).ok());
  ASSERT_TRUE(Assign(o, "C", json::value("x")).ok());
  EXPECT_EQ(core::WriteJson(o), R"({"A":{"B":3},"C":"x"})");
  EXPECT_FALSE(Assign(o, "L[0]", json::value(1)).ok());
}

}  // namespace
}  // namespace aws::pagination
