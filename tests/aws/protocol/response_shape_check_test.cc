// Issue 9: a 2xx body that is well-formed but not the operation's output (a captive portal's
// XHTML page, a proxy's JSON) must be a ParseError — which the client retries and then fails
// the scope with — never an empty, "complete" listing.
#include <gtest/gtest.h>

#include <string>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"

namespace {

using net::HttpResponse;
using aws::protocol::ParseResponse;

struct ShapeCheckOp {
  const aws::model::ServiceModel* service;
  const aws::model::Operation* op;
};

ShapeCheckOp FindOp(std::string_view service, std::string_view operation) {
  auto s = aws::model::GetService(service);
  if (!s.ok()) return {nullptr, nullptr};
  return {*s, (*s)->FindOperation(operation)};
}

HttpResponse Ok200(std::string body) {
  HttpResponse r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

core::Result<json::value> Parse(std::string_view svc, std::string_view op, std::string body) {
  ShapeCheckOp o = FindOp(svc, op);
  EXPECT_NE(o.op, nullptr) << svc << "." << op;
  if (o.op == nullptr) return core::Status::Internal("no op");
  return ParseResponse(*o.service, *o.op, Ok200(std::move(body)));
}

constexpr const char* kPortalPage =
    R"(<?xml version="1.0" encoding="UTF-8"?>)"
    R"(<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Wi-Fi login</title></head>)"
    R"(<body><p>Please sign in</p></body></html>)";

TEST(ResponseShapeCheck, XhtmlPortalPageIsNotAnEmptyBucketList) {
  auto r = Parse("s3", "ListBuckets", kPortalPage);
  ASSERT_FALSE(r.ok()) << core::WriteJson(*r);
  EXPECT_EQ(r.status().code(), core::StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("s3.ListBuckets"), std::string::npos);
  EXPECT_NE(r.status().message().find("HTML"), std::string::npos) << r.status().message();
}

TEST(ResponseShapeCheck, ForeignXmlRootIsRefusedForEveryXmlProtocol) {
  const std::string foreign = "<Portal><Message>sign in</Message></Portal>";
  EXPECT_FALSE(Parse("s3", "ListBuckets", foreign).ok());                  // rest-xml
  EXPECT_FALSE(Parse("ec2", "DescribeInstances", foreign).ok());           // ec2
  EXPECT_FALSE(Parse("s3", "GetBucketEncryption", foreign).ok());          // rest-xml payload
  auto q = Parse("sts", "GetCallerIdentity",
                 "<GetCallerIdentityResponse><GetCallerIdentityResult><Message>x</Message>"
                 "</GetCallerIdentityResult></GetCallerIdentityResponse>");  // query
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.status().message().find("Message"), std::string::npos) << q.status().message();
}

TEST(ResponseShapeCheck, RealEmptyOutputsStillParse) {
  auto s3 = Parse("s3", "ListBuckets",
                  R"(<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)"
                  R"(<Owner><ID>o</ID></Owner><Buckets></Buckets></ListAllMyBucketsResult>)");
  ASSERT_TRUE(s3.ok()) << s3.status().message();
  EXPECT_TRUE(s3->at("Buckets").as_array().empty());
  // ec2: only the request id, no reservations at all.
  auto ec2 = Parse("ec2", "DescribeInstances",
                   "<DescribeInstancesResponse><requestId>r-1</requestId>"
                   "</DescribeInstancesResponse>");
  ASSERT_TRUE(ec2.ok()) << ec2.status().message();
  EXPECT_FALSE(ec2->as_object().contains("Reservations"));
  auto empty_root = Parse("s3", "ListBuckets", "<ListAllMyBucketsResult/>");
  EXPECT_TRUE(empty_root.ok());
  auto json_empty = Parse("sqs", "ListQueues", "{}");
  ASSERT_TRUE(json_empty.ok()) << json_empty.status().message();
  auto rest_json_empty = Parse("lambda", "ListFunctions", R"({"Functions":[]})");
  EXPECT_TRUE(rest_json_empty.ok()) << rest_json_empty.status().message();
}

TEST(ResponseShapeCheck, JsonThatIsNotTheOutputIsRefused) {
  for (auto [svc, op] : {std::pair{"sqs", "ListQueues"}, {"lambda", "ListFunctions"}}) {
    for (const char* body : {R"({"status":"login required","portal":"http://x"})", "[1,2]",
                             "\"text\"", "null"}) {
      auto r = Parse(svc, op, body);
      ASSERT_FALSE(r.ok()) << svc << "." << op << " accepted " << body;
      EXPECT_EQ(r.status().code(), core::StatusCode::kParseError);
      EXPECT_NE(r.status().message().find("not the operation's output"), std::string::npos)
          << r.status().message();
    }
  }
  // One known member among unknown keys is a real (newer) response.
  auto mixed = Parse("sqs", "ListQueues", R"({"QueueUrls":["u"],"SomethingNew":1})");
  ASSERT_TRUE(mixed.ok()) << mixed.status().message();
  EXPECT_EQ(mixed->at("QueueUrls").as_array().size(), 1u);
}

}  // namespace
