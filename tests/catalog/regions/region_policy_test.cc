// RegionPolicy: upstream's is_region_allowed truth table, row by row, and parsing of
// selector.regionPolicy with errors that name the field.
#include "catalog/regions/region_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace catalog::regions {
namespace {

json::object Selector(std::string_view text) {
  auto v = core::ParseJson(text);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  return v->as_object();
}

struct Row {
  const char* name;
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  const char* region;
  bool allowed;
};

// Every row of upstream's table (aws-v3 integration.py AWSResourceSelector.is_region_allowed),
// with the cases that tell neighbouring rows apart.
const Row kTruthTable[] = {
    {"row1_both_empty_allows_everything", {}, {}, "eu-west-1", true},
    {"row1_both_empty_allows_unknown_names", {}, {}, "xx-future-9", true},
    {"row2_in_deny_only", {}, {"eu-west-1"}, "eu-west-1", false},
    {"row2_deny_wins_over_allow", {"eu-west-1"}, {"eu-west-1"}, "eu-west-1", false},
    {"row2_deny_wins_with_other_allows", {"us-east-1", "eu-west-1"}, {"eu-west-1"}, "eu-west-1",
     false},
    {"row3_in_allow_only", {"us-east-1"}, {}, "us-east-1", true},
    {"row3_in_allow_with_unrelated_deny", {"us-east-1"}, {"eu-west-1"}, "us-east-1", true},
    {"row4_pure_deny_list_allows_the_rest", {}, {"eu-west-1"}, "us-east-1", true},
    {"row4_pure_deny_list_allows_unknown_names", {}, {"eu-west-1"}, "xx-future-9", true},
    {"row5_pure_allow_list_denies_the_rest", {"us-east-1"}, {}, "eu-west-1", false},
    {"row6_both_lists_region_in_neither", {"us-east-1"}, {"eu-west-1"}, "ap-south-1", false},
    {"exact_match_is_case_sensitive", {"US-EAST-1"}, {}, "us-east-1", false},
    {"no_globs", {"us-*"}, {}, "us-east-1", false},
};

class TruthTable : public ::testing::TestWithParam<Row> {};

TEST_P(TruthTable, Allows) {
  const Row& row = GetParam();
  RegionPolicy policy{row.allow, row.deny};
  EXPECT_EQ(policy.Allows(row.region), row.allowed) << row.name;
}

INSTANTIATE_TEST_SUITE_P(Upstream, TruthTable, ::testing::ValuesIn(kTruthTable),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(RegionPolicy, ApplyPolicyKeepsOrderAndFilters) {
  std::vector<std::string> enabled = {"ap-south-1", "eu-west-1", "us-east-1", "us-west-2"};
  RegionPolicy deny_one{{}, {"eu-west-1"}};
  EXPECT_EQ(ApplyPolicy(enabled, deny_one),
            (std::vector<std::string>{"ap-south-1", "us-east-1", "us-west-2"}));
  RegionPolicy allow_two{{"us-west-2", "ap-south-1", "not-enabled-1"}, {}};
  EXPECT_EQ(ApplyPolicy(enabled, allow_two),
            (std::vector<std::string>{"ap-south-1", "us-west-2"}));
  EXPECT_EQ(ApplyPolicy(enabled, RegionPolicy{}), enabled);
}

TEST(RegionPolicy, ParsesSelector) {
  auto p = RegionPolicy::FromSelector(Selector(R"({"query":"true","regionPolicy":)"
                                               R"({"allow":["us-east-1","eu-west-1"],)"
                                               R"("deny":["eu-west-1"]}})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->allow, (std::vector<std::string>{"us-east-1", "eu-west-1"}));
  EXPECT_EQ(p->deny, (std::vector<std::string>{"eu-west-1"}));
  EXPECT_TRUE(p->Allows("us-east-1"));
  EXPECT_FALSE(p->Allows("eu-west-1"));
}

TEST(RegionPolicy, DefaultsWhenAbsentOrNull) {
  for (const char* text : {R"({"query":"true"})", R"({"regionPolicy":null})",
                           R"({"regionPolicy":{}})",
                           R"({"regionPolicy":{"allow":null,"deny":null}})"}) {
    auto p = RegionPolicy::FromSelector(Selector(text));
    ASSERT_TRUE(p.ok()) << text << ": " << p.status().ToString();
    EXPECT_TRUE(p->allow.empty()) << text;
    EXPECT_TRUE(p->deny.empty()) << text;
  }
}

TEST(RegionPolicy, AcceptsSnakeCaseKeyAndIgnoresUnknownKeys) {
  auto p = RegionPolicy::FromSelector(
      Selector(R"({"region_policy":{"deny":["us-west-1"],"comment":"x"}})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->deny, (std::vector<std::string>{"us-west-1"}));
}

TEST(RegionPolicy, NumbersAreCoercedLikePydantic) {
  // A non-empty deny list of junk still switches the table to row 4 (everything else allowed).
  auto p = RegionPolicy::FromSelector(Selector(R"({"regionPolicy":{"deny":[1]}})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->deny, (std::vector<std::string>{"1"}));
  EXPECT_TRUE(p->Allows("us-east-1"));
}

TEST(RegionPolicy, ErrorsNameTheField) {
  struct Case {
    const char* text;
    const char* field;
  };
  const Case cases[] = {
      {R"({"regionPolicy":"us-east-1"})", "selector.regionPolicy: expected an object"},
      {R"({"regionPolicy":{"allow":"us-east-1"}})", "selector.regionPolicy.allow: expected a list"},
      {R"({"regionPolicy":{"deny":{"a":1}}})", "selector.regionPolicy.deny: expected a list"},
      {R"({"regionPolicy":{"allow":["us-east-1",true]}})",
       "selector.regionPolicy.allow[1]: expected a region name (string), got boolean"},
      {R"({"region_policy":{"deny":[null]}})",
       "selector.region_policy.deny[0]: expected a region name (string), got null"},
  };
  for (const Case& c : cases) {
    auto p = RegionPolicy::FromSelector(Selector(c.text));
    ASSERT_FALSE(p.ok()) << c.text;
    EXPECT_EQ(p.status().code(), core::StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(p.status().message().find(c.field), std::string::npos)
        << c.text << " -> " << p.status().message();
  }
}

}  // namespace
}  // namespace catalog::regions
