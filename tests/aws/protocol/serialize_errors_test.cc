// Hand-written serializer cases the botocore goldens cannot express: invalid params (every error
// names the operation and the member path), idempotency tokens, host labels, unknown protocols.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "core/json.h"

namespace aws::protocol {
namespace {

using testing::AllOf;
using testing::HasSubstr;

json::object Params(std::string_view text) {
  auto v = core::ParseJson(text);
  EXPECT_TRUE(v.ok()) << text;
  return v.ok() && v->is_object() ? v->get_object() : json::object{};
}

core::Result<SerializedRequest> Serialize(std::string_view service, std::string_view op,
                                          std::string_view params) {
  auto svc = model::GetService(service);
  EXPECT_TRUE(svc.ok());
  const model::Operation* o = (*svc)->FindOperation(op);
  EXPECT_NE(o, nullptr) << op;
  return SerializeRequest(**svc, *o, Params(params));
}

std::string ErrorOf(std::string_view service, std::string_view op, std::string_view params) {
  auto r = Serialize(service, op, params);
  EXPECT_FALSE(r.ok()) << "expected an error for " << params;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), core::StatusCode::kInvalidArgument);
  return r.status().message();
}

TEST(SerializeErrors, WrongTypeInNestedListNamesPath) {
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"Filters": [{"Name": "a", "Values": "x"}]})"),
            "DescribeInstances: Filters[0].Values: expected a list, got string");
}

TEST(SerializeErrors, WrongScalarTypes) {
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"MaxResults": "5"})"),
            "DescribeInstances: MaxResults: expected an integer, got string");
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"MaxResults": 5.5})"),
            "DescribeInstances: MaxResults: expected an integer, got float");
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"DryRun": "true"})"),
            "DescribeInstances: DryRun: expected a boolean, got string");
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"NextToken": null})"),
            "DescribeInstances: NextToken: expected a string, got null");
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"InstanceIds": [1]})"),
            "DescribeInstances: InstanceIds[0]: expected a string, got integer");
  EXPECT_EQ(ErrorOf("ec2", "DescribeInstances", R"({"Filters": [7]})"),
            "DescribeInstances: Filters[0]: expected a structure (JSON object), got integer");
}

TEST(SerializeErrors, UnparseableTimestamp) {
  EXPECT_EQ(ErrorOf("dynamodb", "ListBackups", R"({"TimeRangeLowerBound": "yesterday"})"),
            "ListBackups: TimeRangeLowerBound: expected a timestamp (ISO-8601 string or epoch "
            "seconds), got unparseable string");
}

TEST(SerializeErrors, MapValuePathUsesKey) {
  EXPECT_EQ(ErrorOf("sns", "CreateTopic", R"({"Name": "t", "Attributes": {"Policy": 1}})"),
            "CreateTopic: Attributes.Policy: expected a string, got integer");
}

TEST(SerializeErrors, UnknownParameterListsValidNames) {
  std::string e = ErrorOf("s3", "GetBucketTagging", R"({"Bucket": "b", "Buckett": "x"})");
  EXPECT_THAT(e, AllOf(HasSubstr("GetBucketTagging: Buckett: unknown parameter"),
                       HasSubstr("must be one of: Bucket, ExpectedBucketOwner")));
  EXPECT_THAT(ErrorOf("ec2", "DescribeInstances", R"({"Filters": [{"Nme": "a"}]})"),
              HasSubstr("DescribeInstances: Filters[0].Nme: unknown parameter"));
}

TEST(SerializeErrors, MissingRequiredTopLevelAndNested) {
  EXPECT_EQ(ErrorOf("s3", "GetBucketTagging", "{}"),
            "GetBucketTagging: Bucket: missing required parameter");
  EXPECT_EQ(ErrorOf("s3", "PutBucketTagging", R"({"Bucket": "b", "Tagging": {}})"),
            "PutBucketTagging: Tagging.TagSet: missing required parameter");
  EXPECT_EQ(ErrorOf("s3", "PutBucketTagging",
                    R"({"Bucket": "b", "Tagging": {"TagSet": [{"Key": "k"}]}})"),
            "PutBucketTagging: Tagging.TagSet[0].Value: missing required parameter");
}

TEST(SerializeErrors, AllProblemsReportedTogether) {
  std::string e = ErrorOf("sts", "AssumeRole", R"({"RoleArn": 1, "Bogus": true})");
  EXPECT_THAT(e, AllOf(testing::StartsWith("AssumeRole: "),
                       HasSubstr("RoleSessionName: missing required parameter"),
                       HasSubstr("RoleArn: expected a string, got integer"),
                       HasSubstr("Bogus: unknown parameter")));
}

TEST(SerializeErrors, ParamsForOperationWithoutInput) {
  // Every operation of the embedded models has an input shape; use a tiny model instead.
  auto m = model::ServiceModel::Parse(R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "T",
                 "endpointPrefix": "t", "apiVersion": "2020-01-01"},
    "operations": {"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}},
    "shapes": {}})");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const model::Operation* op = (*m)->FindOperation("Ping");
  auto ok = SerializeRequest(**m, *op, {});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->body, "{}");
  auto bad = SerializeRequest(**m, *op, Params(R"({"X": 1})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Ping: X: unknown parameter, the operation takes none");
}

TEST(SerializeIdempotency, AbsentTokenGetsRandomUuid) {
  auto r = Serialize("ec2", "RunInstances",
                     R"({"ImageId": "ami-1", "MinCount": 1, "MaxCount": 1})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // std::regex, not gtest's MatchesRegex: glibc's regexec deadlocks under ASan's interceptor.
  static const std::regex kUuidV4Token(
      "&ClientToken=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(&|$)");
  EXPECT_TRUE(std::regex_search(r->body, kUuidV4Token)) << r->body;
  auto again = Serialize("ec2", "RunInstances",
                         R"({"ImageId": "ami-1", "MinCount": 1, "MaxCount": 1})");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(r->body, again->body);  // a fresh token per request
}

TEST(SerializeIdempotency, GivenTokenIsKept) {
  auto r = Serialize("eks", "CreateCluster",
                     R"({"name": "c", "roleArn": "arn", "resourcesVpcConfig": {},
                         "clientRequestToken": "mine"})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto body = core::ParseJson(r->body);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(core::FindString(body->get_object(), "clientRequestToken"), "mine");
}

TEST(SerializeHostPrefix, InvalidHostLabelIsRejected) {
  std::string e = ErrorOf("s3", "WriteGetObjectResponse",
                          R"({"RequestRoute": "bad/route", "RequestToken": "t"})");
  EXPECT_THAT(e, HasSubstr("WriteGetObjectResponse: RequestRoute: invalid host label"));
  auto ok = Serialize("s3", "WriteGetObjectResponse",
                      R"({"RequestRoute": "a.b-1", "RequestToken": "t"})");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->host_prefix, "a.b-1.");
}

TEST(SerializeUnion, ExactlyOneMemberMustBeSet) {
  auto m = model::ServiceModel::Parse(R"({
    "metadata": {"protocol": "rest-json", "endpointPrefix": "t", "apiVersion": "2020-01-01"},
    "operations": {"Put": {"name": "Put", "http": {"method": "PUT", "requestUri": "/x"},
                           "input": {"shape": "PutRequest"}}},
    "shapes": {
      "PutRequest": {"type": "structure", "members": {"Choice": {"shape": "Choice"}}},
      "Choice": {"type": "structure", "union": true,
                 "members": {"A": {"shape": "S"}, "B": {"shape": "S"}}},
      "S": {"type": "string"}}})");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const model::Operation* op = (*m)->FindOperation("Put");
  auto bad = SerializeRequest(**m, *op, Params(R"({"Choice": {"A": "1", "B": "2"}})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "Put: Choice: must set exactly one member of the union, got 2");
  auto ok = SerializeRequest(**m, *op, Params(R"({"Choice": {"B": "2"}})"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->body, R"({"Choice":{"B":"2"}})");
}

TEST(SerializeProtocol, UnknownProtocolIsAnError) {
  auto m = model::ServiceModel::Parse(R"({
    "metadata": {"protocol": "smithy-rpc-v2-cbor", "serviceName": "cbor",
                 "endpointPrefix": "c", "apiVersion": "1"},
    "operations": {"Get": {"name": "Get"}}, "shapes": {}})");
  ASSERT_TRUE(m.ok());
  auto r = SerializeRequest(**m, *(*m)->FindOperation("Get"), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "cbor.Get: unsupported protocol 'smithy-rpc-v2-cbor'");
}

TEST(SerializeTimestamps, OffsetsAreConvertedToUtc) {
  // botocore keeps the wall-clock fields of an offset timestamp (a bug); we send the instant.
  auto r = Serialize("rds", "DescribeEvents", R"({"StartTime": "2024-01-02T05:04:05+02:00"})");
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(r->body, HasSubstr("&StartTime=2024-01-02T03%3A04%3A05Z"));
}

}  // namespace
}  // namespace aws::protocol
