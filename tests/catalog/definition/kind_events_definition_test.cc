// The `events:` and `deleteStub` parts of kind definitions (catalog/definition/event_parser.h):
// each error names the file, the kind and the path inside the definition; event paths fan out
// over lists; event templates render {id}, {id.last}, {partition}, {region}, {account}.
#include <gtest/gtest.h>

#include "catalog/definition/event_template.h"
#include "catalog/definition/kind_parser.h"

namespace catalog::definition {
namespace {

constexpr char kEventsBase[] = R"(
kind: AWS::SQS::EvQueue
service: sqs
list: {operation: ListQueues, items: QueueUrls}
get: {operation: GetQueueUrl, params: {QueueName: "{id}"}, identity: QueueUrl}
deleteStub: {QueueUrl: "{id}"}
events:
  - source: sqs.amazonaws.com
    names: [DeleteQueue]
    action: delete
    identifiers: [requestParameters.queueUrl]
)";

std::string EventsError(const std::string& yaml) {
  core::Result<KindDef> def = ParseKindDefinition(yaml, "ev.yaml", false);
  return def.ok() ? "" : def.status().message();
}

std::string EvReplace(std::string s, const std::string& from, const std::string& to) {
  s.replace(s.find(from), from.size(), to);
  return s;
}

TEST(KindEventsDefinition, AGoodMappingParses) {
  core::Result<KindDef> def = ParseKindDefinition(kEventsBase, "ev.yaml", false);
  ASSERT_TRUE(def.ok()) << def.status().message();
  ASSERT_EQ(def->events.size(), 1u);
  EXPECT_EQ(def->events[0].source, "sqs.amazonaws.com");
  EXPECT_EQ(def->events[0].names, std::vector<std::string>{"DeleteQueue"});
  EXPECT_EQ(def->events[0].action, EventAction::kDelete);
  ASSERT_EQ(def->events[0].identifiers.size(), 1u);
  EXPECT_EQ(def->events[0].identifiers[0].path, "requestParameters.queueUrl");
  EXPECT_EQ(def->events[0].where, "ev.yaml: kind AWS::SQS::EvQueue: /events/0");
  EXPECT_EQ(json::serialize(def->delete_stub), R"({"QueueUrl":"{id}"})");
}

TEST(KindEventsDefinition, ErrorsNameFileKindAndPath) {
  const std::string p = "ev.yaml: kind AWS::SQS::EvQueue: ";
  struct Case {
    std::string from, to, error;
  } cases[] = {
      {"action: delete", "action: remove", p + "/events/0/action: must be upsert or delete"},
      {"action: delete", "action: delete\n    nmaes: [X]",
       p + "/events/0/nmaes: unknown key (expected one of: source, names, action, identifiers)"},
      {"source: sqs.amazonaws.com", "source: sqs",
       p + "/events/0/source: must be a CloudTrail eventSource such as sqs.amazonaws.com "
           "(<service>.amazonaws.com)"},
      {"[requestParameters.queueUrl]", "[]", p + "/events/0/identifiers: must be a non-empty list"},
      {"[requestParameters.queueUrl]", "[requestParameters..queueUrl]",
       p + "/events/0/identifiers/0: 'requestParameters..queueUrl' has an empty member"},
      {"[requestParameters.queueUrl]", "[{path: a.b, template: \"{props.X}\"}]",
       p + "/events/0/identifiers/0/template: unknown placeholder {props.X} (known: id, id.last, "
           "id.arnResource, id.noLeadingSlash, partition, region, account, detail.P)"},
      // {detail.P} (a text of the event) in an identifier's template, never in a delete stub.
      {"[requestParameters.queueUrl]",
       "[{path: a.b, template: \"{detail.requestParameters.queue}/{id}\"}]", ""},
      {"[requestParameters.queueUrl]", "[{path: a.b, template: \"{detail.a[].b}\"}]",
       p + "/events/0/identifiers/0/template: unknown placeholder {detail.a[].b} (known: id, "
           "id.last, id.arnResource, id.noLeadingSlash, partition, region, account, detail.P)"},
      {"{QueueUrl: \"{id}\"}", "{QueueUrl: \"{detail.requestParameters.queueUrl}\"}",
       p + "/deleteStub/QueueUrl: unknown placeholder {detail.requestParameters.queueUrl} "
           "(known: id, id.last, id.arnResource, id.noLeadingSlash, partition, region, account)"},
      {"[requestParameters.queueUrl]", "[{path: a.b, prefix: [x]}]",
       p + "/events/0/identifiers/0/prefix: unknown key (expected one of: path, template, "
           "prefixes, contains, when, byName)"},
      // byName (the value is a name for get.byName): upserts only, of a kind whose get has one.
      {"[requestParameters.queueUrl]", "[{path: a.b, byName: true}]",
       p + "/events/0/identifiers/0/byName: a delete needs the resource's id: a name cannot "
           "build its delete stub"},
      {"[requestParameters.queueUrl]", "[{path: a.b, byName: 1}]",
       p + "/events/0/identifiers/0/byName: must be true or false"},
      {"[requestParameters.queueUrl]", "[{path: a.b, when: \"a[0]\"}]",
       p + "/events/0/identifiers/0/when: 'a[0]' is not a path (members separated by '.', a list "
           "member suffixed '[]')"},
      {"names: [DeleteQueue]", "names: [DeleteQueue, DeleteQueue]",
       p + "/events/0/names/1: event sqs.amazonaws.com:DeleteQueue is mapped twice in this kind"},
      {"names: [DeleteQueue]", "names: []", p + "/events/0/names: must name at least one eventName"},
      {"deleteStub: {QueueUrl: \"{id}\"}\n", "",
       p + "/deleteStub: is required by delete events: the identity properties the kind's "
           "mappings read (e.g. {QueueUrl: \"{id}\"})"},
      {"{QueueUrl: \"{id}\"}", "{QueueUrl: \"{nope}\"}",
       p + "/deleteStub/QueueUrl: unknown placeholder {nope} (known: id, id.last, "
           "id.arnResource, id.noLeadingSlash, partition, region, account)"},
      {"action: delete", "action: upsert", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EventsError(EvReplace(kEventsBase, c.from, c.to)), c.error) << c.to;
  }
}

TEST(KindEventsDefinition, UpsertsNeedAGet) {
  std::string yaml = EvReplace(EvReplace(kEventsBase, "action: delete", "action: upsert"),
                               "get: {operation: GetQueueUrl, params: {QueueName: \"{id}\"}, "
                               "identity: QueueUrl}\n", "");
  EXPECT_EQ(EventsError(yaml), "ev.yaml: kind AWS::SQS::EvQueue: /events: upsert events fetch "
                               "the resource: the kind needs a `get`");
}

// An upsert identifier `byName: true` needs the kind's get.byName; with it, the mapping parses.
TEST(KindEventsDefinition, NameIdentifiersNeedAGetByName) {
  std::string upsert = EvReplace(EvReplace(kEventsBase, "action: delete", "action: upsert"),
                                 "[requestParameters.queueUrl]",
                                 "[{path: requestParameters.queueName, byName: true}]");
  EXPECT_EQ(EventsError(upsert), "ev.yaml: kind AWS::SQS::EvQueue: /events/0/identifiers/0/byName: "
                                 "the kind's get has no byName to look a name up with");
  std::string with_get = EvReplace(upsert, "identity: QueueUrl}",
                                   "identity: QueueUrl, properties: item, "
                                   "byName: {params: {QueueName: \"{id}\"}, match: QueueName}}");
  core::Result<KindDef> def = ParseKindDefinition(with_get, "ev.yaml", false);
  ASSERT_TRUE(def.ok()) << def.status().message();
  EXPECT_TRUE(def->events[0].identifiers[0].by_name);
  ASSERT_TRUE(def->get->by_name.has_value());
  EXPECT_EQ(def->get->by_name->match, "QueueName");
  EXPECT_EQ(json::serialize(def->get->by_name->params), R"({"QueueName":"{id}"})");
}

TEST(KindEventsDefinition, EventsMustBeAListOfMappings) {
  EXPECT_EQ(EventsError(EvReplace(kEventsBase, "events:\n", "events: 3\nx:\n")).substr(0, 56),
            "ev.yaml: kind AWS::SQS::EvQueue: /x: unknown key (expect");
  std::string two = EventsError(EvReplace(kEventsBase, "events:\n", "events: {}\nold:\n"));
  EXPECT_NE(two.find("/events: must be a list"), std::string::npos) << two;
}

TEST(KindEventsDefinition, PathsFanOutOverLists) {
  json::value detail = json::parse(R"({"a": {"items": [{"id": "x"}, {"id": 7}, {"id": {}},
      {"other": 1}]}, "ids": ["p", "q"], "s": "one"})");
  std::vector<std::string> found;
  CollectEventPath(detail, "a.items[].id", found);
  EXPECT_EQ(found, (std::vector<std::string>{"x", "7"}));
  found.clear();
  CollectEventPath(detail, "ids[]", found);
  EXPECT_EQ(found, (std::vector<std::string>{"p", "q"}));
  found.clear();
  CollectEventPath(detail, "s", found);
  CollectEventPath(detail, "s[]", found);  // not a list: nothing
  CollectEventPath(detail, "missing.x", found);
  EXPECT_EQ(found, (std::vector<std::string>{"one"}));
  EXPECT_EQ(CheckEventPath("a.b[].c"), "");
  EXPECT_NE(CheckEventPath("a.b[0].c"), "");
  EXPECT_NE(CheckEventPath(""), "");
}

TEST(KindEventsDefinition, TemplatesRenderTheEventsFacts) {
  EventTemplateVars v{.id = "https://sqs.x/1/orders", .partition = "aws-cn",
                      .region = "cn-north-1", .account = "1"};
  EXPECT_EQ(RenderEventString("arn:{partition}:sqs:{region}:{account}:{id.last}", v),
            "arn:aws-cn:sqs:cn-north-1:1:orders");
  EXPECT_EQ(RenderEventString("{{literal}} {id}", v), "{literal} https://sqs.x/1/orders");
  EXPECT_EQ(LastIdSegment("arn:aws:lambda:r:1:function:fn"), "fn");
  EXPECT_EQ(LastIdSegment("plain"), "plain");
  EXPECT_EQ(ArnResourceName("arn:aws:ecr:eu-west-1:1:repository/team/app"), "team/app");
  EXPECT_EQ(ArnResourceName("arn:aws:lambda:eu-west-1:1:function:fn"), "fn");
  EXPECT_EQ(ArnResourceName("arn:aws:sns:eu-west-1:1:topic"), "topic");
  EXPECT_EQ(ArnResourceName("team/app"), "team/app");
  EXPECT_EQ(RenderEventString("{id.arnResource}", {.id = "arn:aws:ecr:r:1:repository/a/b"}), "a/b");
  EXPECT_EQ(json::serialize(RenderEventTemplate(json::parse(R"({"a": ["{id.last}", 3]})"), v)),
            R"({"a":["orders",3]})");
  EXPECT_NE(CheckEventTemplate(json::parse(R"("{id")")), "");
}

TEST(KindEventsDefinition, DeleteIdentityParses) {
  const std::string yaml = std::string(kEventsBase) +
                           "deleteIdentity: {by: [QueueName], keep: [QueueUrl, QueueName], "
                           "completePrefixes: [\"https:\"]}\n";
  core::Result<KindDef> def = ParseKindDefinition(yaml, "ev.yaml", false);
  ASSERT_TRUE(def.ok()) << def.status().message();
  ASSERT_TRUE(def->delete_identity);
  EXPECT_EQ(def->delete_identity->by, std::vector<std::string>{"QueueName"});
  EXPECT_EQ(def->delete_identity->keep, (std::vector<std::string>{"QueueUrl", "QueueName"}));
  EXPECT_EQ(def->delete_identity->complete_prefixes, std::vector<std::string>{"https:"});
  EXPECT_TRUE(def->delete_identity->by_region);  // accountRegion extra context (the default)
  EXPECT_FALSE(ParseKindDefinition(kEventsBase, "ev.yaml", false)->delete_identity);
}

TEST(KindEventsDefinition, DeleteIdentityErrorsNameFileKindAndPath) {
  const std::string p = "ev.yaml: kind AWS::SQS::EvQueue: /deleteIdentity";
  struct Case {
    std::string identity, error;
  } cases[] = {
      {"deleteIdentity: [QueueName]", p + ": must be a mapping {by, keep, completePrefixes}"},
      {"deleteIdentity: {keep: [QueueUrl]}", p + "/by: is required"},
      {"deleteIdentity: {by: [], keep: [QueueUrl]}",
       p + "/by: must be a non-empty list of strings"},
      {"deleteIdentity: {by: [QueueName], keep: [QueueUrl]}",
       p + "/by/0: 'QueueName' must also be in `keep`"},
      {"deleteIdentity: {by: [QueueUrl], keep: [QueueUrl, QueueUrl]}",
       p + "/keep/1: 'QueueUrl' is listed twice"},
      {"deleteIdentity: {by: [QueueUrl], keep: [QueueUrl], prefixes: [x]}",
       p + "/prefixes: unknown key (expected one of: by, keep, completePrefixes)"},
      {"extraContext: none\ndeleteIdentity: {by: [QueueUrl], keep: [QueueUrl]}",
       p + ": needs an extra context (extraContext: account or accountRegion): the remembered "
           "identities are kept per account"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(EventsError(std::string(kEventsBase) + c.identity + "\n"), c.error) << c.identity;
  }
  // The flag corrects delete events: a kind without them has nothing to flag.
  std::string upserts_only = EvReplace(kEventsBase, "action: delete", "action: upsert");
  EXPECT_EQ(EventsError(upserts_only + "deleteIdentity: {by: [QueueUrl], keep: [QueueUrl]}\n"),
            p + ": only a kind with delete events and a deleteStub needs deleteIdentity");
}

}  // namespace
}  // namespace catalog::definition
