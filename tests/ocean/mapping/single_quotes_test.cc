// Cases derived from Ocean's regex (^|\s)'(?!\s|")|(?<!\s|")'(\s|$) -> \1"\2, one per branch.
#include <gtest/gtest.h>

#include <utility>

#include "ocean/mapping/jq_program.h"

namespace ocean::mapping {
namespace {

TEST(SingleQuotes, WholeExpressionQuoted) {
  // Start: first alternative through ^; end: second alternative through $.
  EXPECT_EQ(NormalizeSingleQuotes("'abc'"), "\"abc\"");
}

TEST(SingleQuotes, AfterAnOperatorAndAtTheEnd) {
  EXPECT_EQ(NormalizeSingleQuotes(".a == 'x'"), ".a == \"x\"");
  EXPECT_EQ(NormalizeSingleQuotes("'a' + 'b'"), "\"a\" + \"b\"");
}

TEST(SingleQuotes, ApostropheInsideAWordIsKept) {
  EXPECT_EQ(NormalizeSingleQuotes("\"it's\""), "\"it's\"");
  EXPECT_EQ(NormalizeSingleQuotes(".a | test(\"don't\")"), ".a | test(\"don't\")");
}

TEST(SingleQuotes, QuoteNextToADoubleQuoteIsKept) {
  // Opening quote followed by ", closing quote preceded by ": neither alternative applies.
  EXPECT_EQ(NormalizeSingleQuotes("'\"x\"'"), "'\"x\"'");
  EXPECT_EQ(NormalizeSingleQuotes("\"'\""), "\"'\"");
}

TEST(SingleQuotes, LoneQuoteBetweenSpaces) {
  // ' ' : the first quote is followed and the second preceded by a space; only the second
  // matches, through the first alternative (space, quote, end of text).
  EXPECT_EQ(NormalizeSingleQuotes(".a + ' '"), ".a + ' \"");
}

TEST(SingleQuotes, WhitespaceConsumedByAMatchIsNotReused) {
  // a' 'b: the first quote matches the second alternative and consumes the space, so the
  // second quote cannot use it; its lookbehind sees the space and fails.
  EXPECT_EQ(NormalizeSingleQuotes("a' 'b"), "a\" 'b");
}

TEST(SingleQuotes, SecondAlternativeKeepsTheCapturedWhitespace) {
  EXPECT_EQ(NormalizeSingleQuotes("' a'"), "\" a\"");
  EXPECT_EQ(NormalizeSingleQuotes("\t'a'\n"), "\t\"a\"\n");
  EXPECT_EQ(NormalizeSingleQuotes("x' | y"), "x\" | y");
}

TEST(SingleQuotes, SingleCharacters) {
  EXPECT_EQ(NormalizeSingleQuotes("'"), "\"");
  EXPECT_EQ(NormalizeSingleQuotes(""), "");
  EXPECT_EQ(NormalizeSingleQuotes(".a"), ".a");
}

TEST(SingleQuotes, UnicodeWhitespaceCountsAsSpace) {
  // U+00A0 (no-break space) and U+3000 are whitespace for Python's \s.
  EXPECT_EQ(NormalizeSingleQuotes("x\u00a0'a'"), "x\u00a0\"a\"");
  EXPECT_EQ(NormalizeSingleQuotes("'a'\u3000"), "\"a\"\u3000");
  // U+00E9 is not whitespace: the quote after it is a closing one only at the end.
  EXPECT_EQ(NormalizeSingleQuotes("\u00e9'x"), "\u00e9'x");
}

TEST(SingleQuotes, TypicalMappingExpressions) {
  // The closing quote is followed by ')': the regex leaves it alone (and jq then rejects the
  // expression, in Ocean as here).
  EXPECT_EQ(NormalizeSingleQuotes(".Tags[] | select(.Key == 'Name') | .Value"),
            ".Tags[] | select(.Key == \"Name') | .Value");
  EXPECT_EQ(NormalizeSingleQuotes("'\"s3Bucket\"'"), "'\"s3Bucket\"'");
  EXPECT_EQ(NormalizeSingleQuotes("\"arn:\" + .a"), "\"arn:\" + .a");
}

// Expected values computed with Python's re.sub on Ocean's pattern.
TEST(SingleQuotes, VectorsFromPythonRe) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"'a'|'b'", "\"a'|'b\""},
      {"x ''", "x \"\""},
      {"'' y", "\"\" y"},
      {" ' ", " ' "},
      {"a'b'c", "a'b'c"},
      {"f('x')", "f('x')"},
      {".a[ 'k' ]", ".a[ \"k\" ]"},
      {"\u00a0'", "\u00a0\""},
      {"'\u00a0", "\"\u00a0"},
      {"a\x1c'b", "a\x1c\"b"},
      {"''", "\"\""},
      {"' '", "\" '"},
      {"a '\"b\"' c", "a '\"b\"' c"},
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(NormalizeSingleQuotes(in), want) << in;
}

}  // namespace
}  // namespace ocean::mapping
