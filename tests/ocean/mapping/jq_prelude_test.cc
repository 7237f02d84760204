// Every definition of the jq prelude (jq_prelude.cc), with the results jq 1.7/1.8 documents.
#include <gtest/gtest.h>

#include "ocean/mapping/jq_program.h"

namespace ocean::mapping {
namespace {

std::string Eval(std::string_view expr, std::string_view input = "null") {
  auto program = JqProgram::Compile(expr);
  if (!program.ok()) return "compile error: " + program.status().message();
  auto in = core::ParseJson(input);
  if (!in.ok()) return "bad input";
  auto out = program->First(*in);
  if (!out.ok()) return "error: " + out.status().message();
  if (!out->has_value()) return "<empty>";
  return core::WriteJson(**out);
}

TEST(JqPrelude, FeatureProbes) {
  EXPECT_EQ(Eval("[have_decnum, have_literal_numbers]"), "[false,false]");
}

TEST(JqPrelude, Toarray) { EXPECT_EQ(Eval("[1, [2], null] | map(toarray)"), "[[1],[2],[null]]"); }

TEST(JqPrelude, Abs) {
  EXPECT_EQ(Eval("[-5, 3, -0.5, 0] | map(abs)"), "[5,3,0.5,0]");
  EXPECT_EQ(Eval("\"abc\" | abs"), "error: string (\"abc\") has no absolute value");
  EXPECT_EQ(Eval("\"a very long string\" | abs"), "error: string (\"a very lon...) has no absolute value");
}

TEST(JqPrelude, Toboolean) {
  EXPECT_EQ(Eval("[true, false, \"true\", \"false\"] | map(toboolean)"), "[true,false,true,false]");
  EXPECT_EQ(Eval("\"yes\" | toboolean"), "error: string (\"yes\") cannot be parsed as a boolean");
}

TEST(JqPrelude, Pick) {
  EXPECT_EQ(Eval("pick(.a, .b.c, .x)", R"({"a":1,"b":{"c":2,"d":3},"e":4})"),
            R"({"a":1,"b":{"c":2},"x":null})");
  EXPECT_EQ(Eval("pick(.[1])", "[1,2,3]"), "[null,2]");
}

TEST(JqPrelude, DebugWithMessagePassesInputThrough) {
  EXPECT_EQ(Eval("debug(\"msg\", .a) | .a", R"({"a":7})"), "7");
}

TEST(JqPrelude, ScanWithFlags) {
  EXPECT_EQ(Eval("[scan(\"ab\"; \"i\")]", "\"abAB\""), R"(["ab","AB"])");
  EXPECT_EQ(Eval("[scan(\"([a-z])([0-9])\"; null)]", "\"a1b2\""), R"([["a","1"],["b","2"]])");
}

TEST(JqPrelude, AddWithGenerator) {
  EXPECT_EQ(Eval("add(.[] | .n)", R"([{"n":1},{"n":2}])"), "3");
  EXPECT_EQ(Eval("add(empty)"), "null");
}

TEST(JqPrelude, Limit) {
  EXPECT_EQ(Eval("[limit(0; 1, 2)]"), "[]");  // jq 1.6 yields [1]
  EXPECT_EQ(Eval("[limit(1; 1, 2)]"), "[1]");
  EXPECT_EQ(Eval("[limit(5; 1, 2)]"), "[1,2]");
  EXPECT_EQ(Eval("[limit(-1; 1, 2)]"), "error: limit doesn't support negative count");
}

TEST(JqPrelude, Skip) {
  EXPECT_EQ(Eval("[skip(1; 1, 2, 3)]"), "[2,3]");
  EXPECT_EQ(Eval("[skip(0; 1, 2)]"), "[1,2]");
  EXPECT_EQ(Eval("[skip(5; 1, 2)]"), "[]");
  EXPECT_EQ(Eval("[skip(-1; 1)]"), "error: skip doesn't support negative count");
}

TEST(JqPrelude, NthAndLast) {
  EXPECT_EQ(Eval("[nth(1; 1, 2, 3)]"), "[2]");
  EXPECT_EQ(Eval("[nth(5; 1, 2)]"), "[]");  // jq 1.6 yields [2]
  EXPECT_EQ(Eval("[nth(-1; 1)]"), "error: Out of bounds negative array index");
  EXPECT_EQ(Eval("[last(1, 2)]"), "[2]");
  EXPECT_EQ(Eval("[last(empty)]"), "[]");  // jq 1.6 yields [null]
}

TEST(JqPrelude, Trim) {
  EXPECT_EQ(Eval("[trim, ltrim, rtrim]", R"("  \t a b \n\u00a0")"), "[\"a b\",\"a b \\n\u00a0\",\"  \\t a b\"]");
  EXPECT_EQ(Eval("[trim, ltrim, rtrim]", R"("   ")"), R"(["","",""])");
  EXPECT_EQ(Eval("trim", "\"\\u3000x\\u2028\""), "\"x\"");
  EXPECT_EQ(Eval("1 | trim"), "error: number (1) trim input must be a string");
}

TEST(JqPrelude, Trimstr) {
  EXPECT_EQ(Eval("trimstr(\"x\")", "\"xabcx\""), "\"abc\"");
  EXPECT_EQ(Eval("trimstr(\"x\")", "1"), "1");
}

TEST(JqPrelude, LtrimstrRtrimstrLeaveNonStringsAlone) {
  EXPECT_EQ(Eval("ltrimstr(\"a\")", "1"), "1");
  EXPECT_EQ(Eval("ltrimstr(1)", "\"abc\""), "\"abc\"");
  EXPECT_EQ(Eval("rtrimstr(\"c\")", "\"abc\""), "\"ab\"");
}

TEST(JqPrelude, IndicesOnStrings) {
  EXPECT_EQ(Eval("indices(\"aa\")", "\"aaa\""), "[0,1]");  // overlapping (1.6: [0])
  EXPECT_EQ(Eval("[indices(\"a\"), index(\"a\"), rindex(\"a\")]", "\"\\u00e9a\""), "[[1],1,1]");
  EXPECT_EQ(Eval("[indices(\"\"), index(\"\"), rindex(\"\")]", "\"abc\""), "[[],null,null]");
  EXPECT_EQ(Eval("index(\", \")", "\"a,b, cd, efg\""), "3");
  EXPECT_EQ(Eval("indices(1)", "[1,2,1]"), "[0,2]");
  EXPECT_EQ(Eval("indices([1,1])", "[1,1,1]"), "[0,1]");
}

TEST(JqPrelude, UpdateWithEmptyDeletes) {
  EXPECT_EQ(Eval("(.[] | select(. >= 2)) |= empty", "[1,5,3,0,7]"), "[1,0]");
  EXPECT_EQ(Eval(".a |= . + 1", R"({"a":1,"b":2})"), R"({"a":2,"b":2})");
  EXPECT_EQ(Eval(".a[] |= (., 10)", R"({"a":[1,2]})"), R"({"a":[1,2]})");
  EXPECT_EQ(Eval(".b |= 3", R"({"a":1})"), R"({"a":1,"b":3})");
  EXPECT_EQ(Eval(".a |= empty", R"({"a":1,"b":2})"), R"({"b":2})");
}

TEST(JqPrelude, SubAndGsub) {
  EXPECT_EQ(Eval("gsub(\"b\"; \"c\")", "\"abab\""), "\"acac\"");
  EXPECT_EQ(Eval("gsub(\"\"; \"-\")", "\"ab\""), "\"-a-b\"");  // terminates (1.6 loops forever)
  EXPECT_EQ(Eval("sub(\"(?<x>b)\"; \"\\(.x)X\")", "\"abc\""), "\"abXc\"");
  EXPECT_EQ(Eval("[sub(\"(?<x>b)\"; \"1\", \"2\")]", "\"abc\""), R"(["a1c","a2c"])");
  EXPECT_EQ(Eval("gsub(\"b\"; \"x\"; \"i\")", "\"aBc\""), "\"axc\"");
  EXPECT_EQ(Eval("sub(\"z\"; \"y\")", "\"abc\""), "\"abc\"");
  EXPECT_EQ(Eval("gsub(\"(?<l>[a-z])(?<r>c)\"; \"\\(.r)\\(.l)\")", "\"Abc abc\""), "\"Acb acb\"");
}

TEST(JqPrelude, Base32) {
  EXPECT_EQ(Eval("[.[] | @base32]", R"(["","f","fo","foo","foob","fooba","foobar"])"),
            R"(["","MY======","MZXQ====","MZXW6===","MZXW6YQ=","MZXW6YTB","MZXW6YTBOI======"])");
  EXPECT_EQ(Eval("@base32 | @base32d", "\"h\\u00e9llo w\\u00f6rld\""), "\"h\u00e9llo w\u00f6rld\"");
  EXPECT_EQ(Eval("@base32d", "\"MZXW6YTBOI\""), "\"foobar\"");
  EXPECT_EQ(Eval("@base32d", "\"!!\""), "error: string (\"!!\") is not valid base32 data");
  EXPECT_EQ(Eval("@base32 \"x\\(.)\"", "\"a\""), "\"xME======\"");
}

TEST(JqPrelude, UriAndUrid) {
  EXPECT_EQ(Eval("@uri", "\"!*()~' a/\\u00e9\""), "\"%21%2A%28%29~%27%20a%2F%C3%A9\"");
  EXPECT_EQ(Eval("@urid", "\"a%20b%C3%A9%21+\""), "\"a b\u00e9!+\"");
  EXPECT_EQ(Eval("@urid", "\"%zz\""), "error: string (\"%zz\") is not a valid uri encoding");
}

TEST(JqPrelude, OtherFormatsUnchanged) {
  EXPECT_EQ(Eval("@base64", "\"x\""), "\"eA==\"");
  EXPECT_EQ(Eval("@csv", "[1,\"a\"]"), "\"1,\\\"a\\\"\"");
  EXPECT_EQ(Eval("\"a\\(1)\""), "\"a1\"");
  EXPECT_EQ(Eval("format(\"text\")", "1"), "\"1\"");
}

TEST(JqPrelude, DateHelpers) {
  EXPECT_EQ(Eval("dateadd(\"seconds\"; 5)", "0"), "5");
  EXPECT_EQ(Eval("datesub(\"seconds\"; 5)", "10"), "5");
  EXPECT_EQ(Eval("date", "0"), "\"1970-01-01T00:00:00Z\"");
}

TEST(JqPrelude, BuiltinsThatAlreadyMatch) {
  EXPECT_EQ(Eval("significand", "8"), "1");
  EXPECT_EQ(Eval("[splits(\"x\"; null)]", "\"xaxbx\""), R"(["","a","b",""])");
  EXPECT_EQ(Eval("[.[] | tostring]", "[1.1, 100000000000000000000]"), R"(["1.1","1e+20"])");
  EXPECT_EQ(Eval("implode", "[65,-1]"), "\"A\ufffd\"");
  EXPECT_EQ(Eval("[min_by(.a), max_by(.a)]", R"([{"a":2},{"a":1}])"), R"([{"a":1},{"a":2}])");
  EXPECT_EQ(Eval("from_entries", R"([{"Key":"a","Value":"b"},{"key":"c","value":false}])"),
            R"({"a":"b","c":false})");
  EXPECT_EQ(Eval("todate", "1425599507"), "\"2015-03-05T23:51:47Z\"");
  EXPECT_EQ(Eval("getpath([\"a\",\"b\"])", "null"), "null");
}

TEST(JqPrelude, UserDefinitionsShadowThePrelude) {
  EXPECT_EQ(Eval("def abs: \"mine\"; abs", "-1"), "\"mine\"");
}

}  // namespace
}  // namespace ocean::mapping
