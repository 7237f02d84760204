// ParseDotenv: the KEY=VALUE format of `.env` (comments, export, quotes, escapes, multi-line
// values) and errors naming the file and line without echoing values.
#include "ocean/config/dotenv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ocean::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs Parse(std::string_view text) {
  auto r = ParseDotenv(text, ".env");
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : Pairs{};
}

std::string ErrorOf(std::string_view text) {
  auto r = ParseDotenv(text, "/app/.env");
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.status().message();
}

TEST(DotenvTest, PlainAssignmentsCommentsAndBlankLines) {
  EXPECT_EQ(Parse("# header\n\nA=1\n  B = two words  \n\t# indented comment\nC=3"),
            (Pairs{{"A", "1"}, {"B", "two words"}, {"C", "3"}}));
}

TEST(DotenvTest, EmptyTextHasNoEntries) {
  EXPECT_TRUE(Parse("").empty());
  EXPECT_TRUE(Parse("\n\n# only comments\n").empty());
}

TEST(DotenvTest, ExportPrefixIsIgnored) {
  EXPECT_EQ(Parse("export OCEAN__PORT__CLIENT_ID=abc\nexport\tB=c\n"),
            (Pairs{{"OCEAN__PORT__CLIENT_ID", "abc"}, {"B", "c"}}));
}

TEST(DotenvTest, UnquotedValueLosesTrailingCommentOnlyAfterBlank) {
  EXPECT_EQ(Parse("A=value # comment\nB=val#ue\nC=#starts-with-hash\n"),
            (Pairs{{"A", "value"}, {"B", "val#ue"}, {"C", ""}}));
}

TEST(DotenvTest, EmptyValues) {
  EXPECT_EQ(Parse("A=\nB=''\nC=\"\"\n"), (Pairs{{"A", ""}, {"B", ""}, {"C", ""}}));
}

TEST(DotenvTest, SingleQuotesAreLiteral) {
  EXPECT_EQ(Parse(R"(A='raw # kept \n no escape' # comment)"),
            (Pairs{{"A", R"(raw # kept \n no escape)"}}));
}

TEST(DotenvTest, DoubleQuotesHaveEscapes) {
  EXPECT_EQ(Parse(R"(A="tab\tnl\ncr\rq\"bs\\x")"),
            (Pairs{{"A", "tab\tnl\ncr\rq\"bs\\x"}}));
}

TEST(DotenvTest, JsonValueInSingleQuotes) {
  EXPECT_EQ(Parse(R"(OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS='["arn:aws:iam::1:role/a"]')"),
            (Pairs{{"OCEAN__INTEGRATION__CONFIG__ACCOUNT_ROLE_ARNS", R"(["arn:aws:iam::1:role/a"])"}}));
}

TEST(DotenvTest, QuotedValueMaySpanLines) {
  Pairs p = Parse("KEY=\"-----BEGIN-----\nline2\n-----END-----\"\nNEXT=1\n");
  EXPECT_EQ(p, (Pairs{{"KEY", "-----BEGIN-----\nline2\n-----END-----"}, {"NEXT", "1"}}));
}

TEST(DotenvTest, LineNumbersCountLinesOfMultiLineValues) {
  std::string err = ErrorOf("A=\"x\ny\"\nB=1\nbroken line\n");
  EXPECT_THAT(err, HasSubstr("/app/.env:4: expected KEY=VALUE"));
}

TEST(DotenvTest, DuplicatesAreKeptInOrder) {
  EXPECT_EQ(Parse("A=1\nA=2\n"), (Pairs{{"A", "1"}, {"A", "2"}}));
}

TEST(DotenvTest, CrLfLineEndings) {
  EXPECT_EQ(Parse("A=1\r\nB=2\r\n"), (Pairs{{"A", "1"}, {"B", "2"}}));
}

TEST(DotenvTest, ErrorsNameFileAndLine) {
  EXPECT_THAT(ErrorOf("A=1\nnot an assignment\n"), HasSubstr("/app/.env:2: expected KEY=VALUE"));
  EXPECT_THAT(ErrorOf("=value\n"), HasSubstr("/app/.env:1: a variable name is missing"));
  EXPECT_THAT(ErrorOf("BAD NAME=1\n"), HasSubstr("/app/.env:1: invalid variable name"));
  EXPECT_THAT(ErrorOf("A=1\nB=\"open\n"), HasSubstr("/app/.env:2: unterminated quoted value"));
  EXPECT_THAT(ErrorOf("A=\"x\ny\"\nB=\"never\nclosed\nat all\n"),
              HasSubstr("/app/.env:3: unterminated quoted value"));
  EXPECT_THAT(ErrorOf("A='x' y\n"), HasSubstr("/app/.env:1: unexpected text after the closing"));
}

TEST(DotenvTest, ErrorsNeverEchoTheValue) {
  std::string err = ErrorOf("OCEAN__PORT__CLIENT_SECRET=\"very-secret-value-123\n");
  EXPECT_THAT(err, HasSubstr("unterminated"));
  EXPECT_THAT(err, Not(HasSubstr("very-secret-value-123")));
  err = ErrorOf("SECRET='very-secret-value-456' trailing\n");
  EXPECT_THAT(err, Not(HasSubstr("very-secret-value-456")));
}

}  // namespace
}  // namespace ocean::config
