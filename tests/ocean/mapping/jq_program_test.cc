#include "ocean/mapping/jq_program.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "ocean/mapping/jv_value.h"

namespace ocean::mapping {
namespace {

json::value Parse(std::string_view text) {
  auto v = core::ParseJson(text);
  EXPECT_TRUE(v.ok()) << v.status().message();
  return v.ok() ? *v : json::value();
}

// The first output of `expr` on `input` as compact JSON, "<empty>" or "error: <message>".
std::string Eval(std::string_view expr, std::string_view input = "null", JqOptions options = {}) {
  auto program = JqProgram::Compile(expr, options);
  if (!program.ok()) return "compile error: " + program.status().message();
  auto out = program->First(Parse(input));
  if (!out.ok()) return "error: " + out.status().message();
  if (!out->has_value()) return "<empty>";
  return core::WriteJson(**out);
}

TEST(JqProgram, FirstOutputOnly) {
  EXPECT_EQ(Eval(".a", R"({"a":{"b":[1,2]}})"), R"({"b":[1,2]})");
  EXPECT_EQ(Eval(".[]", "[3,4,5]"), "3");
  // Python's .first() never evaluates past the first output: the error is not reached.
  EXPECT_EQ(Eval("1, error(\"late\")"), "1");
}

// libjq 1.6 aborted (`stack_restore: Assertion path_len == 0`) at the next run or teardown of a
// path generator stopped after its first output; every run now ends cleanly.
TEST(JqProgramPathGenerators, StoppedAfterTheFirstOutputTheyRunAgainAndTearDown) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"first(paths)", R"(["a"])"},
      {"path(.a[])", R"(["a",0])"},
      {"leaf_paths", R"(["a",0])"},
      {"paths(type == \"number\")", R"(["a",0])"},
      {"if .a then first(paths) else 0 end", R"(["a"])"}};
  for (const auto& [expr, expected] : cases) {
    auto program = JqProgram::Compile(expr);
    ASSERT_TRUE(program.ok()) << expr << ": " << program.status().message();
    for (int round = 0; round < 3; ++round) {
      auto out = program->First(Parse(R"({"a":[1,{"b":2}]})"));
      ASSERT_TRUE(out.ok()) << expr << ": " << out.status().message();
      ASSERT_TRUE(out->has_value()) << expr;
      EXPECT_EQ(core::WriteJson(**out), expected) << expr;
    }
  }
}

TEST(JqProgram, CompileErrorsDoNotShowTheFirstOutputWrapper) {
  std::string message = Eval(".a |");
  EXPECT_EQ(message.find("__ocean_first"), std::string::npos) << message;
  EXPECT_NE(message.find("compile error"), std::string::npos) << message;
}

TEST(JqProgram, EmptyAndNullAreDistinct) {
  EXPECT_EQ(Eval("empty"), "<empty>");
  EXPECT_EQ(Eval(".missing", "{}"), "null");
  EXPECT_EQ(Eval("select(false)", "1"), "<empty>");
}

TEST(JqProgram, RunsManyInputs) {
  auto program = JqProgram::Compile(".n * 2");
  ASSERT_TRUE(program.ok());
  for (int i = 0; i < 100; ++i) {
    auto out = program->First(json::object{{"n", i}});
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(out->has_value());
    EXPECT_EQ((*out)->as_int64(), 2 * i);
  }
}

TEST(JqProgram, RuntimeErrorCarriesJqMessage) {
  EXPECT_EQ(Eval(".a.b", R"({"a":5})").rfind("error: Cannot index number with", 0), 0u);
  EXPECT_EQ(Eval("error(\"custom\")"), "error: custom");
  EXPECT_EQ(Eval("error({\"code\":1})"), R"(error: {"code":1} (not a string))");
  EXPECT_EQ(Eval("input"), "error: No more inputs");
}

TEST(JqProgram, ErrorOnOneInputDoesNotAffectTheNext) {
  auto program = JqProgram::Compile(".a + 1");
  ASSERT_TRUE(program.ok());
  EXPECT_FALSE(program->First(Parse(R"({"a":"x"})")).ok());
  auto ok = program->First(Parse(R"({"a":1})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)->as_int64(), 2);
}

TEST(JqProgram, CompileErrorIsInvalidArgumentWithJqMessageAndNoPrelude) {
  auto program = JqProgram::Compile(".a | | .b");
  ASSERT_FALSE(program.ok());
  EXPECT_EQ(program.status().code(), core::StatusCode::kInvalidArgument);
  const std::string& m = program.status().message();
  EXPECT_NE(m.find("syntax error"), std::string::npos) << m;
  EXPECT_NE(m.find("line 1:\n.a | | .b"), std::string::npos) << m;
  EXPECT_EQ(m.find("_ocean"), std::string::npos) << m;
  EXPECT_EQ(m.find("def "), std::string::npos) << m;
}

TEST(JqProgram, CompileErrorOnALaterLineKeepsTheUsersLineNumber) {
  auto program = JqProgram::Compile(".a |\n nosuchfunction");
  ASSERT_FALSE(program.ok());
  EXPECT_NE(program.status().message().find("nosuchfunction/0 is not defined"), std::string::npos);
  EXPECT_NE(program.status().message().find("line 2"), std::string::npos)
      << program.status().message();
}

TEST(JqProgram, LocationIsTheUsersLine) {
  EXPECT_EQ(Eval("$__loc__"), R"({"file":"<top-level>","line":1})");
}

TEST(JqProgram, SingleQuotesAreNormalised) {
  EXPECT_EQ(Eval(".k == 'v'", R"({"k":"v"})"), "true");
  auto program = JqProgram::Compile("'x'");
  ASSERT_TRUE(program.ok());
  EXPECT_EQ(program->expression(), "'x'");
  EXPECT_EQ(program->body(), "\"x\"");
}

TEST(JqProgram, EnvironmentAccessCanBeTurnedOff) {
  setenv("OCEAN_JQ_TEST_SECRET", "s3cr3t", 1);
  setenv("OCEAN_JQ_TEST_STAGE", "prod", 1);
  EXPECT_EQ(Eval("$ENV.OCEAN_JQ_TEST_STAGE"), "\"prod\"");
  EXPECT_EQ(Eval("env.OCEAN_JQ_TEST_STAGE"), "\"prod\"");
  // Names that look secret are never visible, even with access allowed.
  EXPECT_EQ(Eval("$ENV.OCEAN_JQ_TEST_SECRET"), "null");
  EXPECT_EQ(Eval("env.OCEAN_JQ_TEST_SECRET"), "null");
  JqOptions locked{.allow_env = false};
  EXPECT_EQ(Eval("$ENV.OCEAN_JQ_TEST_STAGE", "null", locked), "null");
  EXPECT_EQ(Eval("env.OCEAN_JQ_TEST_STAGE", "null", locked), "null");
  EXPECT_EQ(Eval("[env, $ENV]", "null", locked), "[{},{}]");
  unsetenv("OCEAN_JQ_TEST_SECRET");
  unsetenv("OCEAN_JQ_TEST_STAGE");
}

TEST(JqProgram, HaltEndsWithoutOutputAndHaltErrorIsAnError) {
  EXPECT_EQ(Eval("halt"), "<empty>");
  EXPECT_EQ(Eval("\"stop\" | halt_error"), "error: stop");
  // The program stays usable after halting.
  auto program = JqProgram::Compile("if . then halt else 1 end");
  ASSERT_TRUE(program.ok());
  EXPECT_FALSE(program->First(json::value(true))->has_value());
  EXPECT_EQ((*program->First(json::value(false)))->as_int64(), 1);
}

TEST(JqProgram, InputLineNumberIsHarmless) { EXPECT_EQ(Eval("input_line_number | type"), "\"number\""); }

TEST(JqProgram, NulInExpressionIsRejected) {
  auto program = JqProgram::Compile(std::string_view(".a\0.b", 5));
  ASSERT_FALSE(program.ok());
  EXPECT_NE(program.status().message().find("NUL"), std::string::npos);
}

TEST(JqProgram, NewerSyntaxIsAccepted) {
  EXPECT_EQ(Eval("if . == 1 then \"one\" end", "1"), "\"one\"");
  EXPECT_EQ(Eval("if . == 1 then \"one\" end", "2"), "2");
  EXPECT_EQ(Eval("if . == 1 then \"one\" elif . == 2 then \"two\" end", "3"), "3");
  EXPECT_EQ(Eval(".a.[0]", R"({"a":[7]})"), "7");
  EXPECT_EQ(Eval("[.a.[]]", R"({"a":[7,8]})"), "[7,8]");
  EXPECT_EQ(Eval(".a.[\"b\"]", R"({"a":{"b":9}})"), "9");
  EXPECT_EQ(Eval("\"k\" as $key | {$key: 1}"), R"({"k":1})");
  EXPECT_EQ(Eval("{if: 1, end: 2}"), R"({"if":1,"end":2})");
}

TEST(JqProgram, FirstJvSharesOneConvertedInput) {
  auto a = JqProgram::Compile(".x");
  auto b = JqProgram::Compile(".y");
  ASSERT_TRUE(a.ok() && b.ok());
  JvValue in = ToJv(Parse(R"({"x":1,"y":"two"})"));
  auto ra = a->FirstJv(in);
  auto rb = b->FirstJv(in);
  ASSERT_TRUE(ra.ok() && rb.ok());
  EXPECT_EQ(core::WriteJson(FromJv((*ra)->get())), "1");
  EXPECT_EQ(core::WriteJson(FromJv((*rb)->get())), "\"two\"");
  EXPECT_EQ(in.kind(), JV_KIND_OBJECT);  // the caller's input is untouched
}

TEST(JqProgram, MovedProgramStillRuns) {
  auto program = JqProgram::Compile(".+1");
  ASSERT_TRUE(program.ok());
  JqProgram moved = std::move(*program);
  EXPECT_EQ((*moved.First(json::value(1)))->as_int64(), 2);
}

}  // namespace
}  // namespace ocean::mapping
