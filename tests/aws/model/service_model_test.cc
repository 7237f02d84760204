#include "aws/model/service_model.h"

#include <gtest/gtest.h>

namespace aws::model {
namespace {

TEST(ServiceModel, EveryRequiredServiceIsEmbeddedAndParses) {
  for (const char* s : {"sts", "account", "organizations", "ec2", "s3", "sqs", "ecs", "eks", "ecr",
                        "iam", "rds", "lambda", "kafka", "elasticache", "memorydb", "codebuild",
                        "codedeploy", "codepipeline", "sesv2", "dynamodb", "sns"}) {
    auto m = GetService(s);
    ASSERT_TRUE(m.ok()) << s << ": " << m.status().ToString();
    EXPECT_FALSE((*m)->metadata().protocol.empty()) << s;
    EXPECT_FALSE((*m)->operations().empty()) << s;
  }
}

TEST(ServiceModel, UnknownServiceNamesTheKnownOnes) {
  auto m = GetService("nosuch");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("ec2"), std::string::npos);
}

TEST(ServiceModel, Ec2DescribeInstancesShapeAndPaginator) {
  const ServiceModel* ec2 = *GetService("ec2");
  EXPECT_EQ(ec2->metadata().protocol, "ec2");
  const Operation* op = ec2->FindOperation("DescribeInstances");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(ec2->FindOperation("describe-instances"), op);
  EXPECT_EQ(ec2->FindOperation("describe_instances"), op);
  ASSERT_TRUE(op->paginator.has_value());
  EXPECT_EQ(op->paginator->input_token, std::vector<std::string>{"NextToken"});
  EXPECT_EQ(op->paginator->limit_key, "MaxResults");
  EXPECT_EQ(op->paginator->result_key, std::vector<std::string>{"Reservations"});
  const Member* res = op->output->FindMember("Reservations");
  ASSERT_NE(res, nullptr);
  EXPECT_EQ(res->location_name, "reservationSet");
  EXPECT_EQ(res->shape->type, ShapeType::kList);
  EXPECT_EQ(res->shape->member().location_name, "item");
  const Member* ids = op->input->FindMember("InstanceIds");
  ASSERT_NE(ids, nullptr);
  EXPECT_EQ(ids->location_name, "InstanceId");
}

TEST(ServiceModel, MembersInheritShapeTraits) {
  const ServiceModel* s3 = *GetService("s3");
  const Operation* op = s3->FindOperation("ListBuckets");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->http_method, "GET");
  const Operation* tag = s3->FindOperation("GetBucketTagging");
  ASSERT_NE(tag, nullptr);
  const Member* bucket = tag->input->FindMember("Bucket");
  ASSERT_NE(bucket, nullptr);
  EXPECT_EQ(bucket->location, Location::kUri);
  EXPECT_EQ(bucket->location_name, "Bucket");
  EXPECT_TRUE(bucket->required);
}

TEST(ServiceModel, RecursiveShapesResolve) {
  // A model whose structure refers to itself must load without recursion.
  auto m = ServiceModel::Parse(R"({"metadata":{"protocol":"json","serviceName":"t"},
    "operations":{"Op":{"name":"Op","input":{"shape":"Node"}}},
    "shapes":{"Node":{"type":"structure","members":{"Next":{"shape":"Node"},
                                                    "L":{"shape":"Nodes"}}},
              "Nodes":{"type":"list","member":{"shape":"Node"}}}})");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Shape* node = (*m)->FindShape("Node");
  EXPECT_EQ(node->members[0].shape, node);
  EXPECT_EQ(node->members[1].shape->member().shape, node);
}

TEST(ServiceModel, OnlyListsAndMapsHaveElements) {
  auto m = ServiceModel::Parse(R"({"metadata":{"protocol":"rest-xml","serviceName":"t"},
    "operations":{},
    "shapes":{"S":{"type":"structure","members":{"L":{"shape":"L"}}},
              "L":{"type":"list","member":{"shape":"Str","locationName":"item"}},
              "M":{"type":"map","key":{"shape":"Str","locationName":"k"},
                   "value":{"shape":"S","locationName":"v"}},
              "Str":{"type":"string"}}})");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const Shape* list = (*m)->FindShape("L");
  const Shape* map = (*m)->FindShape("M");
  const Shape* str = (*m)->FindShape("Str");
  const Shape* st = (*m)->FindShape("S");
  EXPECT_EQ(list->member().shape, str);
  EXPECT_EQ(list->member().name, "member");
  EXPECT_EQ(list->member().location_name, "item");
  EXPECT_EQ(map->key().shape, str);
  EXPECT_EQ(map->key().location_name, "k");
  EXPECT_EQ(map->value().shape, st);
  EXPECT_EQ(map->value().name, "value");
  // Any other pairing answers an empty element, as the inline members used to.
  EXPECT_EQ(list->key().shape, nullptr);
  EXPECT_EQ(list->value().shape, nullptr);
  EXPECT_EQ(map->member().shape, nullptr);
  for (const Shape* s : {st, str}) {
    EXPECT_EQ(s->member().shape, nullptr) << s->name;
    EXPECT_EQ(s->key().shape, nullptr) << s->name;
    EXPECT_EQ(s->value().shape, nullptr) << s->name;
  }
}

TEST(ServiceModel, DanglingReferenceIsAClearError) {
  auto m = ServiceModel::Parse(R"({"metadata":{},"operations":{},
    "shapes":{"A":{"type":"structure","members":{"B":{"shape":"Missing"}}}}})");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("Missing"), std::string::npos);
  EXPECT_NE(m.status().message().find("shape A"), std::string::npos);
}

TEST(ServiceModel, SnakeCaseMatchesBotocore) {
  EXPECT_EQ(SnakeCase("DescribeDBInstances"), "describe_db_instances");
  EXPECT_EQ(SnakeCase("ListTagsForResource"), "list_tags_for_resource");
  EXPECT_EQ(SnakeCase("GetCallerIdentity"), "get_caller_identity");
  EXPECT_EQ(SnakeCase("ListClustersV2"), "list_clusters_v2");
}

}  // namespace
}  // namespace aws::model

namespace aws::model {
namespace {

// A model listing several protocols gets botocore's choice among those implemented here:
// CloudWatch's [smithy-rpc-v2-cbor, json, query] is spoken as json, as boto3 1.43 does.
TEST(ServiceModel, ProtocolsListPicksBotocoresPreferredImplementedProtocol) {
  const ServiceModel* cw = *GetService("cloudwatch");
  EXPECT_EQ(cw->metadata().protocol, "json");
  EXPECT_EQ(cw->metadata().target_prefix, "GraniteServiceVersion20100801");
  EXPECT_EQ((*GetService("sqs"))->metadata().protocol, "json");  // [json] alone
  EXPECT_EQ((*GetService("iam"))->metadata().protocol, "query");
}

}  // namespace
}  // namespace aws::model
