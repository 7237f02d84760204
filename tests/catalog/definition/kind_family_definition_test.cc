// The vocabulary the Cloud Control kind family (data/kinds/cloudcontrol_any.yaml) added to kind
// definitions, checked on its own: a family cannot call a mutating Cloud Control operation (the
// read-only rule holds), `envelope` and `globalServices` are checked where they stand,
// `parseJson` replaces JSON text by its value and leaves anything else alone, and `defaultWhen`
// (GetResource where the list gave only the identifier) decides as documented and names the
// file and key of a bad rule.
#include <gtest/gtest.h>

#include "catalog/definition/default_when.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/template.h"
#include "catalog/definition/validator.h"

namespace catalog {
namespace {

// A family definition can no more call a mutating Cloud Control operation than any kind.
TEST(CloudControlFamilyDefinition, MutatingCloudControlOperationsAreRefused) {
  for (std::string_view op : {"CreateResource", "UpdateResource", "DeleteResource",
                              "CancelResourceRequest"}) {
    std::string text = R"(
kind: AWS::*::*
service: cloudcontrol
list: {operation: ListResources, params: {TypeName: "AWS::*::*"}, items: ResourceDescriptions, identity: Identifier}
actions:
  - name: Bad
    call: {operation: )" + std::string(op) + R"(, params: {TypeName: "AWS::*::*", Identifier: "{id}"}}
)";
    core::Result<definition::KindDef> def =
        definition::ParseKindDefinition(text, "family.yaml", false);
    ASSERT_TRUE(def.ok()) << def.status().message();
    EXPECT_TRUE(def->family);
    core::Status st = definition::ValidateKind(*def);
    ASSERT_FALSE(st.ok()) << op;
    EXPECT_NE(st.message().find("is not a read-only operation"), std::string::npos)
        << st.message();
  }
}

// The family's vocabulary is checked where it stands: `envelope` cannot overwrite the engine's
// members, `globalServices` belongs to a family only.
TEST(CloudControlFamilyDefinition, EnvelopeAndGlobalServicesAreChecked) {
  constexpr std::string_view kBase = R"(
kind: AWS::SQS::Queue
service: sqs
list: {operation: ListQueues, items: QueueUrls}
)";
  core::Result<definition::KindDef> env = definition::ParseKindDefinition(
      std::string(kBase) + "envelope: {Identifier: \"{id}\", Properties: x}\n", "k.yaml", false);
  ASSERT_FALSE(env.ok());
  EXPECT_NE(env.status().message().find("k.yaml: kind AWS::SQS::Queue: /envelope/Properties: the "
                                        "engine writes this member itself"),
            std::string::npos)
      << env.status().message();
  core::Result<definition::KindDef> bad_placeholder = definition::ParseKindDefinition(
      std::string(kBase) + "envelope: {Identifier: \"{item.X}\"}\n", "k.yaml", false);
  EXPECT_FALSE(bad_placeholder.ok());
  core::Result<definition::KindDef> global = definition::ParseKindDefinition(
      std::string(kBase) + "globalServices: [iam]\n", "k.yaml", false);
  ASSERT_FALSE(global.ok());
  EXPECT_NE(global.status().message().find("/globalServices: only a kind family"), std::string::npos)
      << global.status().message();
  core::Result<definition::KindDef> ok = definition::ParseKindDefinition(
      std::string(kBase) + "envelope: {Identifier: \"{id}\", Region: \"{extra.Region}\"}\n", "k.yaml",
      false);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_FALSE(ok->family);
  EXPECT_EQ(ok->envelope.size(), 2u);
}

TEST(CloudControlFamilyDefinition, ParseJsonReplacesJsonTextAndKeepsTheRest) {
  json::value v = json::parse(R"({"A":{"P":"{\"x\":[1,2]}"},"B":"not json {","C":5})");
  EXPECT_EQ(definition::ParseJsonMembers(v, {"A.P", "Missing", "C"}), "");
  EXPECT_EQ(v.at("A").at("P"), json::parse(R"({"x":[1,2]})"));
  EXPECT_EQ(v.at("C"), json::value(5));
  EXPECT_EQ(definition::ParseJsonMembers(v, {"B"}), "B");
  EXPECT_EQ(v.at("B"), json::value("not json {"));
}

// ParsedMembers (the listing's items and the actions' answers): nothing to parse gives the value
// itself; a copy leaves the caller's value as it was; in place parses the caller's value.
TEST(CloudControlFamilyDefinition, ParsedMembersCopiesOrParsesInPlace) {
  const json::value v = json::parse(R"({"P":"{\"x\":1}","B":"not json {"})");
  json::value storage;
  std::string bad = "stale";
  EXPECT_EQ(&definition::ParsedMembers(v, {}, false, storage, bad), &v);
  EXPECT_EQ(bad, "");
  const json::value& copy = definition::ParsedMembers(v, {"P", "B"}, false, storage, bad);
  EXPECT_EQ(&copy, &storage);
  EXPECT_EQ(copy.at("P"), json::parse(R"({"x":1})"));
  EXPECT_EQ(bad, "B");
  EXPECT_EQ(v.at("P"), json::value("{\"x\":1}"));  // untouched
  json::value other;
  const json::value& in_place = definition::ParsedMembers(v, {"P"}, true, other, bad);
  EXPECT_EQ(&in_place, &v);
  EXPECT_EQ(v.at("P"), json::parse(R"({"x":1})"));
  EXPECT_EQ(bad, "");
  EXPECT_TRUE(other.is_null());
}

// A bad `defaultWhen` in a user's kind stops the load with the file, the kind and the key.
TEST(CloudControlFamilyDefinition, BadDefaultWhenNamesTheFileAndTheKey) {
  constexpr std::string_view kBase = R"(
kind: AWS::SQS::Queue
service: sqs
list: {operation: ListQueues, items: QueueUrls}
actions:
  - name: GetQueueAttributesAction
    call: {operation: GetQueueAttributes, params: {QueueUrl: "{id}", AttributeNames: [All]}}
)";
  struct Case {
    std::string rule;
    std::string error;
  };
  for (const Case& c : {
           Case{"    defaultWhen: {propertiesOnly: everything}\n",
                "my_kinds/queue.yaml: kind AWS::SQS::Queue: /actions/0/defaultWhen/propertiesOnly: "
                "'everything' is not a condition (expected: identity)"},
           Case{"    defaultWhen: {propertiesOnly: identity, separator: \"|\"}\n",
                "my_kinds/queue.yaml: kind AWS::SQS::Queue: /actions/0/defaultWhen/separator: "
                "unknown key (expected one of: propertiesOnly, identitySeparator)"},
           Case{"    defaultWhen: {identitySeparator: \"|\"}\n",
                "my_kinds/queue.yaml: kind AWS::SQS::Queue: /actions/0/defaultWhen/propertiesOnly: "
                "is required"},
           Case{"    defaultWhen: identity\n",
                "my_kinds/queue.yaml: kind AWS::SQS::Queue: /actions/0/defaultWhen: must be a "
                "mapping"},
           Case{"    defaultWhen: {propertiesOnly: identity, identitySeparator: \"\"}\n",
                "/actions/0/defaultWhen/identitySeparator: must be a non-empty string"},
           Case{"    default: true\n    defaultWhen: {propertiesOnly: identity}\n",
                "/actions/0/defaultWhen: an action is either `default: true`"},
       }) {
    core::Result<definition::KindDef> def = definition::ParseKindDefinition(
        std::string(kBase) + c.rule, "my_kinds/queue.yaml", false);
    ASSERT_FALSE(def.ok()) << c.rule;
    EXPECT_NE(def.status().message().find(c.error), std::string::npos)
        << c.rule << " -> " << def.status().message();
  }
  core::Result<definition::KindDef> ok = definition::ParseKindDefinition(
      std::string(kBase) + "    defaultWhen: {propertiesOnly: identity}\n", "my_kinds/queue.yaml",
      false);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  ASSERT_TRUE(ok->actions[0].default_when.has_value());
  EXPECT_FALSE(ok->actions[0].is_default);
}

TEST(CloudControlFamilyDefinition, DefaultWhenPropertiesOnlyIdentity) {
  definition::DefaultWhenDef when{"identity", "|"};
  auto meets = [&](std::string id, std::string props) {
    Resource r;
    r.id = std::move(id);
    r.properties = json::parse(props).as_object();
    return definition::MeetsDefaultWhen(when, r);
  };
  EXPECT_TRUE(meets("a", "{}"));
  EXPECT_TRUE(meets("a", R"({"Name":"a"})"));
  EXPECT_TRUE(meets("a", R"({"Name":"a","Id":"a"})"));
  EXPECT_TRUE(meets("api|prod", R"({"ApiId":"api","StageName":"prod"})"));
  EXPECT_TRUE(meets("api|prod", R"({"ApiId":"api"})"));
  EXPECT_TRUE(meets("42", R"({"Id":42})"));
  EXPECT_FALSE(meets("a", R"({"Name":"a","Size":1})"));
  EXPECT_FALSE(meets("a", R"({"Name":"a","Tags":[]})"));
  EXPECT_FALSE(meets("a", R"({"Name":"b"})"));
  EXPECT_FALSE(meets("a", R"({"On":true})"));
  EXPECT_FALSE(meets("a", R"({"Name":null})"));
  EXPECT_FALSE(meets("api|prod", R"({"ApiId":"api","Stage":"prod|x"})"));
  EXPECT_FALSE(meets("api|prod", R"({"Whole":""})"));
  // Without a separator the identity is one value.
  when.identity_separator.clear();
  EXPECT_TRUE(meets("api|prod", R"({"Id":"api|prod"})"));
  EXPECT_FALSE(meets("api|prod", R"({"ApiId":"api"})"));
}

}  // namespace
}  // namespace catalog
