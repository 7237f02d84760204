// Walks the kind table and checks every kind against the rules of docs/ADDING_KINDS.md.
#include "catalog/kind_table.h"
#include "catalog/kind_table_prepare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "aws/model/service_model.h"
#include "test_env.h"

namespace catalog {
namespace {

TEST(KindTable, EveryKindFollowsTheRules) {
  ASSERT_FALSE(AllKinds().empty());
  const std::string docs = testenv::ReadFile(testenv::SourcePath("docs/ADDING_KINDS.md"));
  const std::regex name_rule("^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$");
  std::set<std::string_view> names;
  for (const KindSpec* k : AllKinds()) {
    SCOPED_TRACE(std::string(k->name));
    EXPECT_TRUE(std::regex_match(std::string(k->name), name_rule));
    EXPECT_TRUE(names.insert(k->name).second) << "duplicate kind";
    auto svc = aws::model::GetService(k->service);
    ASSERT_TRUE(svc.ok()) << svc.status().ToString();
    if (!k->list_operation.empty()) {  // data-defined listing (hook kinds have none)
      const aws::model::Operation* op = (*svc)->FindOperation(k->list_operation);
      ASSERT_NE(op, nullptr) << k->list_operation;
      // Under a parent listing, the child operation may be one call per parent (a Get).
      const definition::KindDef* def = FindKindDefinition(k->name);
      bool per_parent = def && def->parent.has_value();
      EXPECT_TRUE(op->paginator.has_value() || k->list_paginator_declared || per_parent)
          << k->list_operation << " is not pageable and the kind declares no paginator";
      ASSERT_NE(op->output, nullptr);
      // A dotted items path (CloudFront's DistributionList.Items) starts at an output member;
      // the definition validator checks the rest of the path at load.
      std::string_view first = k->list_result_key;
      first = first.substr(0, first.find('.'));
      EXPECT_NE(op->output->FindMember(first), nullptr) << k->list_result_key;
      EXPECT_NE(k->to_resources, nullptr);
    }
    std::set<std::string_view> actions;
    bool has_default = false;
    for (const ActionSpec& a : k->actions) {
      EXPECT_TRUE(actions.insert(a.name).second) << "duplicate action " << a.name;
      // Upstream's class names, two of which lack the suffix.
      EXPECT_TRUE(a.name.ends_with("Action") || a.name == "GetDeploymentGroupTags" ||
                  a.name == "GetPipelineActionsDetails")
          << a.name;
      EXPECT_NE(a.run, nullptr) << a.name;
      if (!a.operation.empty()) {
        EXPECT_NE((*svc)->FindOperation(a.operation), nullptr) << a.name << ": " << a.operation;
      }
      has_default = has_default || a.is_default;
    }
    EXPECT_TRUE(has_default || k->list_operation.empty()) << "a kind needs a default action";
    EXPECT_NE(docs.find("`" + std::string(k->name) + "`"), std::string::npos)
        << "no row for this kind in docs/ADDING_KINDS.md";
  }
}

// Built-in kinds are validated against their models on first use (definition/lazy_kind.h); this
// is what keeps that from ever failing at run time: every one of them validates and interprets.
TEST(KindTable, EveryBuiltInKindValidatesAgainstItsModel) {
  ASSERT_FALSE(AllKinds().empty());
  for (const KindSpec* k : AllKinds()) EXPECT_TRUE(IsLazyKind(k->name)) << k->name;
  core::Status st = PrepareAllKinds();
  EXPECT_TRUE(st.ok()) << st.ToString();
}

// OrderProperties: the declared keys in the declared order, then the others in their own
// order; an object already in that order comes back as is (the fast path), every other is
// rebuilt. Every arrangement of a few keys, against the rule written out here.
TEST(KindTable, OrderPropertiesPutsDeclaredKeysFirstWhateverTheInputOrder) {
  KindSpec kind;
  kind.property_order = {"B", "A", "C"};
  std::vector<std::string> keys = {"A", "B", "C", "X", "Y"};
  for (unsigned mask = 1; mask < (1u << keys.size()); ++mask) {
    std::vector<std::string> present;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (mask & (1u << i)) present.push_back(keys[i]);
    }
    std::sort(present.begin(), present.end());
    do {
      json::object props;
      for (const std::string& k : present) props[k] = "v" + k;
      std::vector<std::string> want;
      for (const std::string& k : kind.property_order) {
        if (props.contains(k)) want.push_back(k);
      }
      for (const std::string& k : present) {
        if (std::find(want.begin(), want.end(), k) == want.end()) want.push_back(k);
      }
      json::object got = OrderProperties(kind, props);
      std::vector<std::string> got_keys;
      for (const auto& kv : got) {
        got_keys.emplace_back(kv.key());
        EXPECT_EQ(kv.value(), json::value("v" + std::string(kv.key())));
      }
      EXPECT_EQ(got_keys, want) << core::WriteJson(props);
    } while (std::next_permutation(present.begin(), present.end()));
  }
}

TEST(KindTable, SelectActionsKeepsUpstreamOrderAndReportsUnknownNames) {
  const KindSpec* sqs = FindKind("AWS::SQS::Queue");
  ASSERT_NE(sqs, nullptr);
  std::vector<std::string> include = {"NoSuchAction", "ListQueueTagsAction",
                                      "GetQueueAttributesAction"};
  std::vector<std::string> unknown;
  auto selected = SelectActions(*sqs, include, &unknown);
  ASSERT_EQ(selected.size(), 3u);
  EXPECT_EQ(selected[0]->name, "ListQueuesAction");
  EXPECT_EQ(selected[1]->name, "GetQueueAttributesAction");
  EXPECT_EQ(selected[2]->name, "ListQueueTagsAction");
  EXPECT_EQ(unknown, std::vector<std::string>{"NoSuchAction"});
  EXPECT_EQ(FindKind("Nope::Nope"), nullptr);  // AWS::X::Y names are Cloud Control kinds
}

}  // namespace
}  // namespace catalog
