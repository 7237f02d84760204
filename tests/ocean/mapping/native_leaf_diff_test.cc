// Differential test of the native leaf evaluator (native_leaf.h) against libjq: every leaf and
// selector of the repository's mappings (the default port-app-config and examples/all-kinds) plus
// hand-written constructions, on generated inputs (missing keys, nulls, wrong types, arrays,
// numbers beyond 2^53, unicode, invalid UTF-8). Whenever the native evaluator answers, libjq must
// have answered the same value, byte for byte once serialized (key order and number types
// included); whenever libjq raises an error, the native evaluator must decline.
#include <gtest/gtest.h>

#include <cstdint>
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
                        // not native (must be declined by Parse): shown here to exercise the parser.
                        ".a // .b", ".a?", "..", "1", "\"\\(.a)\"", ".a[]", ".a[1:2]", ".a[01]", ".a[ 0 ]",
                        ".a, .b", "{(.a): 1}", "$__loc__", "not", ".a .b", "# c\n.a", ".a += 1", ".a |= 1",
                        "split(\"\")", "split(.a)", "tostring(.a)", "[.a | tostring, .b]", ".a.[0]"}) {
    add(e);
  }
  return out;
}

// Values that stress the conversion: numbers through a double, unicode, invalid UTF-8.
json::value Scalar(std::mt19937& rng) {
  switch (rng() % 19) {
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
    }
  }
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
                        ".Properties[\"Name\"] | tostring", ".Properties.QueueUrl | split(\"/\") | .[-1]"}) {
    EXPECT_TRUE(NativeLeaf::Parse(NormalizeSingleQuotes(e)).has_value()) << e;
  }
  for (const char* e : {".a // .b", ".a?", "..", "1", "\"\\(.a)\"", ".a[]", ".a[1:2]", "split(\"\")",
                        ".a, .b", "{(.a): 1}", "$__loc__", "not", ".a .b", "# c\n.a", ".a += 1",
                        "{a: .b + .c}", "{a: .b | tostring}", "[.a | tostring, .b]", "(.a, .b)",
                        "\"\\ud83d\\ude00\"", ".a |= 1"}) {
    EXPECT_FALSE(NativeLeaf::Parse(NormalizeSingleQuotes(e)).has_value()) << e;
  }
  EXPECT_EQ(NativeLeaf::Parse("true")->ConstantBool(), true);
  EXPECT_EQ(NativeLeaf::Parse(".a")->ConstantBool(), std::nullopt);
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
