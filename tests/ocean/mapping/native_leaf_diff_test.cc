// Differential test of the native leaf evaluator (native_leaf.h) against libjq: every leaf and
// selector of the repository's mappings (the default port-app-config and examples/all-kinds) plus
// hand-written constructions, on generated inputs (missing keys, nulls, wrong types, arrays,
// numbers beyond 2^53, unicode, invalid UTF-8). Whenever the native evaluator answers, libjq must
// have answered the same value, byte for byte once serialized (key order and number types
// included); whenever libjq raises an error, the native evaluator must decline.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <regex>
#include <set>

#include "ocean/config/port_app_config.h"
#include "ocean/mapping/entity_mapper.h"
#include "ocean/mapping/jq_program.h"
#include "ocean/mapping/mapping_template.h"
#include "ocean/mapping/native_leaf.h"

namespace ocean::mapping {
namespace {

std::vector<ResourceConfig> RepoResources() {
  std::vector<ResourceConfig> out;
  for (const char* file : {"/.port/resources/port-app-config.yml", "/examples/all-kinds/port-app-config.yml"}) {
    core::Result<PortAppConfig> c = LoadPortAppConfigFile(std::string(OCEAN_AWS_SOURCE_DIR) + file);
    EXPECT_TRUE(c.ok()) << file << ": " << c.status().message();
    if (c.ok()) out.insert(out.end(), c->resources.begin(), c->resources.end());
  }
  // The style of scripts/bench_scenarios.py's generated mappings (issue 13.2): an identifier
  // matched in the printed Properties.
  core::Result<PortAppConfig> generated = ParsePortAppConfig(
      "resources:\n  - kind: AWS::EC2::Instance\n    selector:\n      query: 'true'\n    port:\n"
      "      entity:\n        mappings:\n"
      "          identifier: '.Properties | tostring | match(\"(?<![a-z0-9])[a-z0-9]+-[0-9]{7}\").string'\n"
      "          title: '.Properties | tostring | match(\"(?<![a-z0-9])[a-z0-9]+-[0-9]{7}\").string'\n"
      "          blueprint: '\"fakeThing\"'\n",
      "generated");
  EXPECT_TRUE(generated.ok()) << generated.status().message();
  if (generated.ok()) out.insert(out.end(), generated->resources.begin(), generated->resources.end());
  return out;
}

std::vector<std::string> Expressions() {
  std::set<std::string> seen;
  std::vector<std::string> out;
  auto add = [&](const std::string& e) {
    if (seen.insert(e).second) out.push_back(e);
  };
  for (const ResourceConfig& r : RepoResources()) {
    add(r.selector_query);
    for (const MappingLeaf& leaf : MappingTemplate(r.mappings).leaves()) add(leaf.expression);
  }
  for (const char* e : {".", ".a", ".a.b", ".a.b.c", "  .a  ", "null", "true", "false", "\"x\"",
                        "'single'", "\"esc \\\" \\\\ \\/ \\n \\t \\u00e9 \\u2713\"", "\"ünïcödé ✓\"",
                        "{a: .a, \"b c\": .b, d: \"lit\", e: null}", "{a}", "{a, b}", "{a: .a, a: .b}",
                        "{}", "[]", "[.a, .b]", "[.a + .b, .c]", "[[.a], {x: .b}]", "(.a)", "((.a.b))",
                        ".a + .b", ".a + \"-\" + .b", "\"p:\" + .a.b", ".a + .b + .c", "{x: [.a]}",
                        "{k: {n: .a.b}}", "{\"u\": .c}", ".Properties.Tags", ".__ExtraContext.Region",
                        // pipes, index steps, tostring and split (the benchmark's and the SQS
                        // mappings' forms, issue 13.2)
                        ".a | .b", ".a[0]", ".[\"a\"]", ".a[-1]", ".[0]", ".[-2]", ".a[1].b", ".a[\"b c\"].c",
                        ".Properties[\"Name\"] | tostring", ".a | tostring", "tostring", ". | tostring",
                        ".Properties.QueueUrl | split(\"/\") | .[-1]", ".a | split(\"/\")", "split(\"-\")",
                        ".a | split(\"/\") | .[0]", "(.a | tostring) + \"x\"", ".a | .b | .c",
                        "[.a, .b] | .[1]", ".a + .b | tostring", "{x: .a} | .x", ".a | split(\"é\")",
                        // tostring of every type, match/test with Oniguruma, steps after a call
                        // (the benchmark's generated identifiers, issue 13.2)
                        ".Properties | tostring | match(\"(?<![a-z0-9])[a-z0-9]+-[0-9]{7}\").string",
                        ".Properties | tostring", ".a | tostring | test(\"[0-9]\")", "test(\"^i-\")",
                        "match(\"(?<num>[0-9]+)-(?<word>[a-z]*)?\")", "match(\"(a)|(b)|(?<e>)x\")",
                        "match(\"\")", "match(\"$\").offset", "match(\"é+\"; \"i\")", "test(\"É\"; \"i\")",
                        "match(\"[ -~]+\").length", "match(\"(.)(.)\").captures[1]", "match(\"x\"; \"n\")",
                        "match(\"^.*$\"; \"s\")", "match(\"a b\"; \"x\")", "match(\"\\\\d+\"; \"l\")",
                        "test(\"\\\\\\\\\")", ".a | match(\"[😀✓]\") | .offset", "(.a | tostring).x",
                        "(.a | tostring)[0]", "split(\"-\")[0]", ".a | tostring | match(\"[a-z]+\").string",
                        "[.a | tostring]", "{k: (.a | tostring)}", "[match(\"z\")]", "{m: match(\"q\")}",
                        // not native (must be declined by Parse): shown here to exercise the parser.
                        "match(\"x\"; \"g\")", "match(.a)", "test(\"(\")", "match(\"x\"; \"q\")",
                        "match(\"x\") .string", "match(\"x\").string?", "tostring.x",
                        ".a // .b", ".a?", "..", "1", "\"\\(.a)\"", ".a[]", ".a[1:2]", ".a[01]", ".a[ 0 ]",
                        ".a, .b", "{(.a): 1}", "$__loc__", "not", ".a .b", "# c\n.a", ".a += 1", ".a |= 1",
                        "split(\"\")", "split(.a)", "tostring(.a)", "[.a | tostring, .b]", ".a.[0]"}) {
    add(e);
  }
  return out;
}

// Values that stress the conversion: numbers through a double, unicode, invalid UTF-8.
json::value Scalar(std::mt19937& rng) {
  switch (rng() % 36) {
    // numbers of every kind for tostring (integers, large, negative, fractions, exponents)
    case 19: return 1e17;
    case 20: return -1.5e300;
    case 21: return 0.00001;
    case 22: return 123.456;
    case 23: return std::int64_t{-9223372036854775807} - 1;
    case 24: return 1e21;
    case 25: return 5e-324;
    case 26: return static_cast<double>(rng()) / static_cast<double>(1u + rng() % 100000);
    case 27: return std::ldexp(static_cast<double>(rng()), static_cast<int>(rng() % 200) - 100);
    case 28: return -static_cast<double>(rng() % 1000) / 8.0;
    // escapes and identifiers for tostring and match
    case 29: return json::string("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f end");
    case 30: return "vpc-1234567";
    case 31: return "fake-0000042 and ab-7654321x";
    case 32: return "ÉCOLE école 😀 ✓";
    case 33: return "line1\nline2";
    case 34: return json::string("\0", 1);
    case 0: return nullptr;
    case 1: return true;
    case 2: return false;
    case 3: return 0;
    case 4: return std::int64_t{9007199254740993};  // 2^53 + 1: not a double
    case 5: return std::numeric_limits<std::uint64_t>::max();
    case 6: return 1.5;
    case 7: return 2.0;  // an integral double: libjq gives back an int64
    case 8: return -0.0;
    case 9: return "";
    case 10: return "i-0123456789abcdef0";
    case 11: return "héllo ✓ 😀 中文";
    case 12: return json::string("nul\0inside", 10);
    case 13: return json::string("bad \xff\xfe utf8");
    case 14: return "us-east-1";
    case 15: return "https://sqs.us-east-1.amazonaws.com/123456789012/queue-é";
    case 16: return "/a//b/";
    case 17: return "é/é";
    default: return static_cast<std::int64_t>(rng() % 100000) - 50000;
  }
}

json::value Generate(std::mt19937& rng, const std::vector<std::string>& names, int depth) {
  const unsigned pick = rng() % 10;
  if (depth >= 4 || pick < 4) return Scalar(rng);
  if (pick < 6) {
    json::array a;
    for (unsigned i = 0, n = rng() % 4; i < n; ++i) a.push_back(Generate(rng, names, depth + 1));
    return a;
  }
  json::object o;
  for (unsigned i = 0, n = 1 + rng() % 6; i < n; ++i) {
    o[names[rng() % names.size()]] = Generate(rng, names, depth + 1);
  }
  return o;
}

std::vector<json::value> Inputs(const std::vector<std::string>& expressions) {
  std::set<std::string> words = {"a", "b", "c", "Properties", "__ExtraContext", "Tags", "Key", "Value"};
  const std::regex ident("[A-Za-z_][A-Za-z0-9_]*");
  for (const std::string& e : expressions) {
    for (auto it = std::sregex_iterator(e.begin(), e.end(), ident); it != std::sregex_iterator(); ++it) {
      words.insert(it->str());
    }
  }
  std::vector<std::string> names(words.begin(), words.end());
  names.push_back("ключ ✓");
  std::mt19937 rng(20261204);
  std::vector<json::value> out = {nullptr, json::object(), json::array(), "text", 7};
  for (int i = 0; i < 400; ++i) {
    json::value v = Generate(rng, names, 0);
    if (i % 2 == 0) {  // the shape of real envelopes: Properties and __ExtraContext objects
      json::object env;
      env["Properties"] = Generate(rng, names, 1);
      if (i % 4 == 0) env["Properties"] = json::object{{"InstanceId", Scalar(rng)}, {"Tags", Generate(rng, names, 2)},
                                                      {"Name", Scalar(rng)}, {"Arn", Scalar(rng)}};
      env["__ExtraContext"] = json::object{{"Region", Scalar(rng)}, {"AccountId", Scalar(rng)}};
      v = std::move(env);
    }
    out.push_back(std::move(v));
  }
  return out;
}

TEST(NativeLeafDiff, IdenticalToLibjqOnRepositoryMappingsAndGeneratedInputs) {
  const std::vector<std::string> expressions = Expressions();
  const std::vector<json::value> inputs = Inputs(expressions);
  int native_expressions = 0, answered = 0, declined = 0, jq_errors = 0;
  int regex_values = 0, regex_empty = 0, dumped = 0;  // answers of the forms added for issue 13.2
  for (const std::string& e : expressions) {
    std::optional<NativeLeaf> native = NativeLeaf::Parse(NormalizeSingleQuotes(e));
    if (!native) continue;
    ++native_expressions;
    core::Result<JqProgram> jq = JqProgram::Compile(e);
    ASSERT_TRUE(jq.ok()) << e << ": natively parsed but libjq refuses it: " << jq.status().message();
    for (const json::value& in : inputs) {
      core::Result<std::optional<json::value>> want = jq->First(in);
      if (!want.ok()) ++jq_errors;
      json::value got;
      if (!native->Evaluate(in, got)) {
        ++declined;
        continue;
      }
      ++answered;
      ASSERT_TRUE(want.ok()) << e << " on " << core::WriteJson(in) << ": native answered "
                             << core::WriteJson(got) << ", libjq raised " << want.status().message();
      const json::value expected = want->has_value() ? **want : json::value(nullptr);
      ASSERT_EQ(core::WriteJson(got), core::WriteJson(expected)) << e << " on " << core::WriteJson(in);
      ASSERT_EQ(got.kind(), expected.kind()) << e << " on " << core::WriteJson(in);
      if (e.find("match(") != std::string::npos || e.find("test(") != std::string::npos) {
        ++(want->has_value() ? regex_values : regex_empty);
      } else if (e.find("tostring") != std::string::npos && got.is_string() &&
                 (got.get_string().starts_with("{") || got.get_string().starts_with("["))) {
        ++dumped;
      }
    }
  }
  EXPECT_GT(regex_values, 500);   // matches and test results compared with libjq
  EXPECT_GT(regex_empty, 100);    // match without a match: no output (null) on both sides
  EXPECT_GT(dumped, 200);         // objects and arrays printed by tostring
  // The test must exercise both branches: answers compared with libjq, and declines (random
  // inputs often index a non-object, where libjq raises an error). ~40 distinct expressions of
  // the repository's mappings and the list above are native.
  EXPECT_GT(native_expressions, 30);
  EXPECT_GT(jq_errors, 100);
  EXPECT_GT(answered, 5000);
  EXPECT_GT(declined, 100);
}

TEST(NativeLeafDiff, SimpleFormsAreNativeOthersAreNot) {
  for (const char* e : {".", ".Properties.InstanceId", ".__ExtraContext.Region", "\"ec2Instance\"",
                        "'awsAccount'", "true", "null", "{a: .x, b: [.y, \"z\"]}", "{a}",
                        "\"arn:\" + .__ExtraContext.Region + \":\" + .Properties.InstanceId",
                        ".a | .b", ".a[0]", ".[\"a\"]", ".a[-1]", ".a | tostring",
                        ".Properties[\"Name\"] | tostring", ".Properties.QueueUrl | split(\"/\") | .[-1]",
                        ".Properties | tostring | match(\"(?<![a-z0-9])[a-z0-9]+-[0-9]{7}\").string",
                        "test(\"^a\"; \"i\")", "split(\"/\")[0]", "(.a).b"}) {
    EXPECT_TRUE(NativeLeaf::Parse(NormalizeSingleQuotes(e)).has_value()) << e;
  }
  for (const char* e : {".a // .b", ".a?", "..", "1", "\"\\(.a)\"", ".a[]", ".a[1:2]", "split(\"\")",
                        ".a, .b", "{(.a): 1}", "$__loc__", "not", ".a .b", "# c\n.a", ".a += 1",
                        "{a: .b + .c}", "{a: .b | tostring}", "[.a | tostring, .b]", "(.a, .b)",
                        "\"\\ud83d\\ude00\"", ".a |= 1", "match(\"x\"; \"g\")", "test(\"[\")",
                        "match(\"x\"; \"z\")", "match(.re)", "match(\"x\") .string"}) {
    EXPECT_FALSE(NativeLeaf::Parse(NormalizeSingleQuotes(e)).has_value()) << e;
  }
  // Deep nesting is refused (left to libjq), not a stack overflow: objects recursed through
  // Term without a bound.
  for (const char* open_close : {"{a:}", "[]", "()"}) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += std::string_view(open_close, std::strlen(open_close) - 1);
    deep += ".x";
    deep += std::string(100000, open_close[std::strlen(open_close) - 1]);
    EXPECT_FALSE(NativeLeaf::Parse(deep).has_value()) << open_close;
  }
  std::string nested_ok = "{a: {a: {a: .x}}}";
  EXPECT_TRUE(NativeLeaf::Parse(nested_ok).has_value());
  EXPECT_EQ(NativeLeaf::Parse("true")->ConstantBool(), true);
  EXPECT_EQ(NativeLeaf::Parse(".a")->ConstantBool(), std::nullopt);
}

// tostring of numbers (every number is a double in libjq 1.6): random bit patterns, integers of
// every size, decimal fractions and exponents, against libjq's own printing.
TEST(NativeLeafDiff, ToStringPrintsEveryNumberAsLibjq) {
  core::Result<JqProgram> jq = JqProgram::Compile("tostring");
  std::optional<NativeLeaf> native = NativeLeaf::Parse("tostring");
  ASSERT_TRUE(jq.ok() && native);
  std::mt19937_64 rng(13);
  std::vector<json::value> numbers = {0, -0.0, 1e15, 1e16, 1e17, 123e15, 0.0001, 0.00001, 1e-5, 1e300,
                                      -1e-300, 5e-324, 1.7976931348623157e308, 9007199254740993.0,
                                      std::numeric_limits<std::uint64_t>::max(),
                                      std::numeric_limits<std::int64_t>::min(), 0.1, 1.0 / 3, 100, -42};
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    if (std::isfinite(d)) numbers.emplace_back(d);  // Boost.JSON holds no NaN or infinity
    numbers.emplace_back(static_cast<std::int64_t>(rng() >> (rng() % 64)) * (i % 2 ? 1 : -1));
    numbers.emplace_back(static_cast<double>(rng() % 1000000) / std::pow(10.0, static_cast<double>(rng() % 25)));
  }
  for (const json::value& n : numbers) {
    core::Result<std::optional<json::value>> want = jq->First(n);
    ASSERT_TRUE(want.ok() && want->has_value());
    json::value got;
    ASSERT_TRUE(native->Evaluate(n, got)) << core::WriteJson(n);
    ASSERT_EQ(core::WriteJson(got), core::WriteJson(**want)) << core::WriteJson(n);
  }
}

// The whole mapper, native leaves on and off, on every repository mapping: same entities (same
// bytes), same counts, same errors.
TEST(NativeLeafDiff, EntityMapperSameWithAndWithoutNativeLeaves) {
  const std::vector<json::value> inputs = Inputs(Expressions());
  JqOptions off;
  off.native_leaves = false;
  for (const ResourceConfig& r : RepoResources()) {
    core::Result<EntityMapper> with = EntityMapper::Compile(r);
    core::Result<EntityMapper> without = EntityMapper::Compile(r, off);
    ASSERT_TRUE(with.ok() && without.ok()) << r.kind;
    MapResult a = with->Map(inputs);
    MapResult b = without->Map(inputs);
    ASSERT_EQ(a.entities.size(), b.entities.size()) << r.kind;
    for (std::size_t i = 0; i < a.entities.size(); ++i) {
      ASSERT_EQ(core::WriteJson(a.entities[i].entity), core::WriteJson(b.entities[i].entity)) << r.kind;
      ASSERT_EQ(a.entities[i].raw_index, b.entities[i].raw_index);
    }
    EXPECT_EQ(a.filtered_out, b.filtered_out);
    EXPECT_EQ(a.dropped, b.dropped);
    EXPECT_EQ(a.failed, b.failed);
    EXPECT_EQ(a.items_to_parse_skipped, b.items_to_parse_skipped);
    ASSERT_EQ(a.errors.size(), b.errors.size()) << r.kind;
    for (std::size_t i = 0; i < a.errors.size(); ++i) {
      EXPECT_EQ(a.errors[i].field, b.errors[i].field);
      EXPECT_EQ(a.errors[i].message, b.errors[i].message);
      EXPECT_EQ(a.errors[i].item, b.errors[i].item);
    }
  }
}

}  // namespace
}  // namespace ocean::mapping
