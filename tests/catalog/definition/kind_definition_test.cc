// Kind definitions: parsing errors and load-time validation each name the file, the kind and
// the path inside the definition; templates, paths and coercions as documented; every built-in
// definition loads.
#include <gtest/gtest.h>

#include <regex>

#include "catalog/definition/actions.h"
#include "catalog/definition/kind_parser.h"
#include "catalog/definition/template.h"
#include "catalog/definition/validator.h"
#include "catalog/kind_table.h"

namespace catalog::definition {
namespace {

constexpr char kGood[] = R"(
kind: AWS::SQS::TestQueue
service: sqs
list:
  operation: ListQueues
  items: QueueUrls
actions:
  - name: AttributesAction
    default: true
    call:
      operation: GetQueueAttributes
      params: {QueueUrl: "{id}", AttributeNames: [All]}
    take: Attributes
)";

// The error of loading `yaml` as "user.yaml" (parse, then validate); "" when it loads.
std::string LoadError(const std::string& yaml) {
  core::Result<KindDef> def = ParseKindDefinition(yaml, "user.yaml", false);
  if (!def.ok()) return def.status().message();
  core::Status st = ValidateKind(*def);
  return st.ok() ? "" : st.message();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

TEST(KindDefinitionErrors, AGoodDefinitionLoads) { EXPECT_EQ(LoadError(kGood), ""); }

TEST(KindDefinitionErrors, BadYamlNamesFileLineAndColumn) {
  std::string err = LoadError("kind: [AWS::X\nservice: sqs\n");
  // "<file>:<line>:<column>: invalid YAML: ...", as every document ocean-aws reads.
  EXPECT_TRUE(std::regex_search(err, std::regex("^user\\.yaml:[0-9]+:[0-9]+: invalid YAML: ")))
      << err;
}

// Kind files get the same alias budget as the port-app-config: a few hundred bytes of nested
// aliases are refused, not expanded into gigabytes.
TEST(KindDefinitionErrors, AliasBombIsRefused) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  bomb += "kind: AWS::SQS::Bomb\nservice: sqs\n";
  std::string err = LoadError(bomb);
  EXPECT_EQ(err.rfind("user.yaml:", 0), 0u) << err;
  EXPECT_NE(err.find("expands to"), std::string::npos) << err;
}

TEST(KindDefinitionErrors, UnknownOperation) {
  EXPECT_EQ(LoadError(Replace(kGood, "GetQueueAttributes", "GetQueueAttributez")),
            "user.yaml: kind AWS::SQS::TestQueue: /actions/0/call/operation: operation "
            "sqs.GetQueueAttributez does not exist in the model");
}

TEST(KindDefinitionErrors, MutatingOperationIsRefused) {
  std::string err = LoadError(Replace(kGood, "GetQueueAttributes", "DeleteQueue"));
  EXPECT_EQ(err.rfind("user.yaml: kind AWS::SQS::TestQueue: /actions/0/call/operation: operation "
                      "sqs.DeleteQueue is not a read-only operation", 0), 0u) << err;
  EXPECT_FALSE(IsReadOnlyOperation("PutBucketTagging"));
  EXPECT_FALSE(IsReadOnlyOperation("Getaway"));  // a verb, not a prefix of a word
  EXPECT_TRUE(IsReadOnlyOperation("BatchGetProjects"));
}

TEST(KindDefinitionErrors, UnknownMembersInParamsAndPaths) {
  EXPECT_EQ(LoadError(Replace(kGood, "QueueUrl: \"{id}\"", "QueueURL: \"{id}\"")),
            "user.yaml: kind AWS::SQS::TestQueue: /actions/0/call/params/QueueURL: operation "
            "GetQueueAttributes has no input member 'QueueURL'");
  std::string err = LoadError(Replace(kGood, "take: Attributes", "take: Attributez"));
  EXPECT_EQ(err.rfind("user.yaml: kind AWS::SQS::TestQueue: /actions/0/take: take path "
                      "'Attributez': ", 0), 0u) << err;
  err = LoadError(Replace(kGood, "items: QueueUrls", "items: Queues"));
  EXPECT_EQ(err.rfind("user.yaml: kind AWS::SQS::TestQueue: /list/items: items path 'Queues'", 0),
            0u) << err;
}

TEST(KindDefinitionErrors, RenamedAndCoercedMembersAndGetPathsMustExist) {
  constexpr char kEcs[] = R"(
kind: AWS::ECS::TestCluster
service: ecs
list: {operation: ListClusters, items: clusterArns}
get: {operation: DescribeClusters, params: {clusters: ["{id}"]}, items: clusters, identity: clusterArnz}
actions:
  - name: DescribeAction
    batch: {operation: DescribeClusters, ids: clusters, items: clusters, key: clusterArn}
    rename: {clusterNme: Name}
    coerce: {status: string}
)";
  EXPECT_EQ(LoadError(kEcs),
            "user.yaml: kind AWS::ECS::TestCluster: /get/identity: identity path 'clusterArnz': "
            "Cluster has no member 'clusterArnz' (members: clusterArn, clusterName, "
            "configuration, status, registeredContainerInstancesCount, runningTasksCount, "
            "pendingTasksCount, activeServicesCount, statistics, tags, settings, "
            "capacityProviders, defaultCapacityProviderStrategy, attachments, "
            "attachmentsStatus, serviceConnectDefaults)\n"
            "user.yaml: kind AWS::ECS::TestCluster: /actions/0/rename/clusterNme: Cluster has no "
            "member 'clusterNme'");
}

TEST(KindDefinitionErrors, DuplicateActionAndUnknownKeys) {
  std::string twice = std::string(kGood) + R"(
  - name: AttributesAction
    set: {X: "{id}"}
)";
  EXPECT_EQ(LoadError(twice), "user.yaml: kind AWS::SQS::TestQueue: /actions/1/name: duplicate "
                              "action name 'AttributesAction'");
  std::string err = LoadError(Replace(kGood, "take:", "tkae:"));
  EXPECT_NE(err.find("/actions/0/tkae: unknown key"), std::string::npos) << err;
}

TEST(KindDefinitionErrors, PropertiesWrittenByTwoActionsCollide) {
  std::string both = std::string(kGood) + R"(
  - name: OtherAction
    set: {Tags: "{id}"}
  - name: TagsAction
    call:
      operation: ListQueueTags
      params: {QueueUrl: "{id}"}
    take: Tags
    into: Tags
)";
  EXPECT_EQ(LoadError(both), "user.yaml: kind AWS::SQS::TestQueue: /actions/2/into: property "
                             "'Tags' is also written by action OtherAction (the later action "
                             "would silently overwrite it)");
}

TEST(KindDefinitionErrors, TemplatesOnlyUseKnownPlaceholders) {
  std::string err = LoadError(Replace(kGood, "\"{id}\"", "\"{identity}\""));
  EXPECT_NE(err.find("/actions/0/call/params: QueueUrl: unknown placeholder {identity}"),
            std::string::npos) << err;
  err = LoadError(Replace(kGood, "items: QueueUrls", "items: QueueUrls\n  params: {QueueNamePrefix: \"{id}\"}"));
  EXPECT_NE(err.find("/list/params: QueueNamePrefix: {id} is not available here"),
            std::string::npos) << err;
}

TEST(KindDefinitionTemplates, ExactPlaceholderKeepsItsTypeSplicedOnesAreText) {
  json::object props{{"Ports", json::array{1, 2}}, {"Name", "n"}};
  TemplateVars v;
  v.id = "i-1";
  v.props = &props;
  v.region = "eu-west-1";
  EXPECT_EQ(Render(json::value("{props.Ports}"), v), json::parse("[1,2]"));
  EXPECT_EQ(Render(json::value("{id}:{props.Name}@{region}"), v), json::value("i-1:n@eu-west-1"));
  EXPECT_EQ(Render(json::value("{{x}}"), v), json::value("{x}"));
  EXPECT_EQ(Render(json::value("{props.Missing}"), v), json::value(nullptr));
  EXPECT_EQ(Render(json::parse(R"({"a":["{id}",3,true]})"), v), json::parse(R"({"a":["i-1",3,true]})"));
  EXPECT_EQ(CheckTemplate(json::value("{id"), TemplateScope{.resource = true}).rfind("unbalanced", 0), 0u);
}

TEST(KindDefinitionTemplates, PathsAndCoercions) {
  json::value v = json::parse(R"({"A":{"B":"x"},"C":[1]})");
  EXPECT_EQ(*Lookup(v, "A.B"), json::value("x"));
  EXPECT_EQ(Lookup(v, "A.Z"), nullptr);
  EXPECT_EQ(Lookup(v, "@"), &v);
  EXPECT_EQ(Coerce(json::value("42"), "integer"), json::value(42));
  EXPECT_EQ(Coerce(json::value("4.5"), "number"), json::value(4.5));
  EXPECT_EQ(Coerce(json::value("False"), "boolean"), json::value(false));
  EXPECT_EQ(Coerce(json::value("yes"), "boolean"), json::value("yes"));
  EXPECT_EQ(Coerce(json::value(7), "string"), json::value("7"));
}

TEST(KindDefinitionBuiltIns, EveryBuiltInKindLoadsWithItsDefinition) {
  for (const KindSpec* k : AllKinds()) {
    const KindDef* def = FindKindDefinition(k->name);
    ASSERT_NE(def, nullptr) << k->name;
    EXPECT_TRUE(def->built_in);
    EXPECT_EQ(def->file.rfind("data/kinds/", 0), 0u) << def->file;
    EXPECT_TRUE(ValidateKind(*def).ok());
  }
  EXPECT_NE(FindKind("AWS::SQS::Queue"), nullptr);
}

// A listing must page unless it declares it answers at once: Elastic Beanstalk's
// DescribeApplications has no paging at all (singlePage), while singlePage on a pageable
// operation would silently drop every page after the first.
TEST(KindDefinitionErrors, SinglePageListingsOnlyForOperationsThatDoNotPage) {
  const std::string eb = R"(
kind: AWS::ElasticBeanstalk::TestApplication
service: elasticbeanstalk
list:
  operation: DescribeApplications
  items: Applications
  identity: ApplicationName
)";
  EXPECT_NE(LoadError(eb).find("/list/operation: operation DescribeApplications is not pageable"),
            std::string::npos)
      << LoadError(eb);
  EXPECT_EQ(LoadError(eb + "  singlePage: true\n"), "");
  std::string paged =
      Replace(kGood, "  items: QueueUrls\n", "  items: QueueUrls\n  singlePage: true\n");
  EXPECT_NE(LoadError(paged).find("/list/singlePage: operation ListQueues is pageable"),
            std::string::npos)
      << LoadError(paged);
}

}  // namespace
}  // namespace catalog::definition
