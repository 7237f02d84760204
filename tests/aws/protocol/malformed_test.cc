// Robustness of the response and error parsers: truncated, corrupted, deeply nested, wrongly
// typed and non-UTF-8 bodies must give a value or a ParseError naming service and operation,
// never a crash or an escaping exception. Runs under ASan+UBSan in CI (Malformed* suites).
//
// Decisions (documented in xml_shape_parser.h / json_shape_parser.h):
//  - XML "abc" for an integer, or a number that does not fit 64 bits: ParseError (botocore
//    raises ValueError on the former; it would keep a Python big int for the latter).
//  - json protocol: scalars pass through as sent ("abc" for an integer stays "abc"), as in
//    botocore; rest-json coerces like int() and fails on "abc".
//  - a JSON string where a structure/list/map is expected: ParseError (botocore crashes with
//    AttributeError).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "parse_test_util.h"

namespace {

using net::HttpResponse;
using aws::protocol::ParseError;
using aws::protocol::ParseResponse;

struct Op {
  const aws::model::ServiceModel* service;
  const aws::model::Operation* op;
};

Op Find(std::string_view service, std::string_view operation) {
  auto s = aws::model::GetService(service);
  if (!s.ok()) return {nullptr, nullptr};
  return {*s, (*s)->FindOperation(operation)};
}

// Calls every entry point; returns whether ParseResponse succeeded. A failure must name the
// service and the operation.
bool Exercise(const Op& o, const HttpResponse& r) {
  auto parsed = ParseResponse(*o.service, *o.op, r);
  if (!parsed.ok()) {
    EXPECT_EQ(parsed.status().code(), core::StatusCode::kParseError);
    EXPECT_NE(parsed.status().message().find(o.op->name), std::string::npos)
        << parsed.status().message();
  } else {
    std::string out = core::WriteJson(*parsed);
    EXPECT_FALSE(out.empty());
  }
  (void)aws::protocol::IsErrorIn2xx(*o.service, *o.op, r);
  HttpResponse err = r;
  err.status = 400;
  aws::protocol::AwsError e = ParseError(*o.service, *o.op, err);
  EXPECT_FALSE(e.code.empty());
  return parsed.ok();
}

class MalformedGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(MalformedGoldenTest, TruncatedPrefixesNeverCrash) {
  json::object c = parse_test::LoadCase(GetParam());
  Op o = Find(c.at("service").as_string(), c.at("operation").as_string());
  ASSERT_NE(o.op, nullptr);
  HttpResponse full = parse_test::ResponseOf(c);
  // Every length for small bodies; a stride keeps the big EC2 page fast under sanitizers.
  size_t step = full.body.size() > 4000 ? 7 : 1;
  int failures = 0;
  for (size_t n = 0; n < full.body.size(); n += step) {
    HttpResponse r = full;
    r.body.resize(n);
    if (!Exercise(o, r)) ++failures;
  }
  if (c.contains("expected") && full.body.size() > 40 && full.body.find('<') != std::string::npos) {
    EXPECT_GT(failures, 0);  // truncated XML is never well-formed
  }
}

TEST_P(MalformedGoldenTest, RandomByteFlipsNeverCrash) {
  json::object c = parse_test::LoadCase(GetParam());
  Op o = Find(c.at("service").as_string(), c.at("operation").as_string());
  ASSERT_NE(o.op, nullptr);
  HttpResponse full = parse_test::ResponseOf(c);
  if (full.body.empty()) return;
  std::mt19937 rng(20240517);
  const char kInteresting[] = {'<', '>', '/', '"', '{', '}', '[', ']', ':', ',', '&', '\0',
                               '\xff', '\xc3', 'x', '1'};
  for (int i = 0; i < 300; ++i) {
    HttpResponse r = full;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      size_t pos = rng() % r.body.size();
      r.body[pos] = (rng() % 2) ? kInteresting[rng() % sizeof(kInteresting)]
                                : static_cast<char>(rng() & 0xff);
    }
    Exercise(o, r);
  }
}

INSTANTIATE_TEST_SUITE_P(MalformedGoldens, MalformedGoldenTest,
                         testing::ValuesIn(parse_test::GoldenCases()),
                         [](const testing::TestParamInfo<std::string>& i) { return i.param; });

HttpResponse Ok(std::string body) {
  HttpResponse r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

TEST(MalformedNesting, DeepXmlAndJson) {
  std::string deep_xml;
  for (int i = 0; i < 200000; ++i) deep_xml += "<a>";
  std::string closed = deep_xml;
  for (int i = 0; i < 200000; ++i) closed += "</a>";
  std::string deep_json(200000, '[');
  std::string deep_obj;
  for (int i = 0; i < 100000; ++i) deep_obj += "{\"Table\":";
  for (auto [svc, op] : {std::pair{"ec2", "DescribeInstances"}, {"sts", "GetCallerIdentity"},
                         {"s3", "ListBuckets"}, {"s3", "GetBucketEncryption"},
                         {"dynamodb", "DescribeTable"}, {"eks", "DescribeCluster"}}) {
    Op o = Find(svc, op);
    ASSERT_NE(o.op, nullptr) << svc << "." << op;
    for (const std::string* b : {&deep_xml, &closed, &deep_json, &deep_obj}) Exercise(o, Ok(*b));
  }
}

TEST(MalformedTypes, XmlIntegerThatIsNotANumberIsAnError) {
  Op o = Find("sts", "AssumeRole");
  auto r = ParseResponse(*o.service, *o.op, Ok(
      "<AssumeRoleResponse><AssumeRoleResult><PackedPolicySize>abc</PackedPolicySize>"
      "</AssumeRoleResult></AssumeRoleResponse>"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("sts.AssumeRole"), std::string::npos);
  EXPECT_NE(r.status().message().find("PackedPolicySize"), std::string::npos);
}

TEST(MalformedTypes, XmlHugeIntegerIsAnError) {
  Op o = Find("sts", "AssumeRole");
  auto r = ParseResponse(*o.service, *o.op, Ok(
      "<AssumeRoleResponse><AssumeRoleResult><PackedPolicySize>123456789012345678901234567890"
      "</PackedPolicySize></AssumeRoleResult></AssumeRoleResponse>"));
  EXPECT_FALSE(r.ok());
}

TEST(MalformedTypes, XmlStructureGivenAsTextIsEmpty) {
  // botocore parses the (childless) element as a structure with no members: {}.
  Op o = Find("sts", "AssumeRole");
  auto r = ParseResponse(*o.service, *o.op, Ok(
      "<AssumeRoleResponse><AssumeRoleResult><Credentials>oops</Credentials>"
      "</AssumeRoleResult></AssumeRoleResponse>"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(core::WriteJson(*r), R"({"Credentials":{}})");
}

TEST(MalformedTypes, JsonProtocolPassesScalarsThrough) {
  Op o = Find("dynamodb", "DescribeTable");
  auto r = ParseResponse(*o.service, *o.op, Ok(R"({"Table":{"ItemCount":"abc","TableName":5}})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(core::WriteJson(*r), R"({"Table":{"TableName":5,"ItemCount":"abc"}})");
}

TEST(MalformedTypes, JsonStringForStructureIsAnError) {
  Op o = Find("dynamodb", "DescribeTable");
  auto r = ParseResponse(*o.service, *o.op, Ok(R"({"Table":"oops"})"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("dynamodb.DescribeTable"), std::string::npos);
  EXPECT_NE(r.status().message().find("Table"), std::string::npos);
}

TEST(MalformedTypes, RestJsonCoercesAndRejects) {
  Op o = Find("lambda", "ListFunctions");
  auto good = ParseResponse(*o.service, *o.op,
                            Ok(R"({"Functions":[{"MemorySize":"128","Timeout":3.9}]})"));
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(core::WriteJson(*good), R"({"Functions":[{"Timeout":3,"MemorySize":128}]})");
  auto bad = ParseResponse(*o.service, *o.op, Ok(R"({"Functions":[{"MemorySize":"abc"}]})"));
  EXPECT_FALSE(bad.ok());
}

TEST(MalformedTypes, HugeJsonNumbersAndBadTimestamps) {
  Op o = Find("dynamodb", "DescribeTable");
  for (const char* body : {R"({"Table":{"ItemCount":1e400}})",
                           R"({"Table":{"ItemCount":123456789012345678901234567890}})",
                           R"({"Table":{"CreationDateTime":1e300}})",
                           R"({"Table":{"CreationDateTime":"not a date"}})",
                           R"({"Table":{"CreationDateTime":true}})",
                           R"({"Table":{"KeySchema":{"a":1}}})", R"([1,2,3])", "null", "\"s\""}) {
    Exercise(o, Ok(body));
  }
}

TEST(MalformedEncoding, InvalidUtf8IsAParseError) {
  Op x = Find("sts", "GetCallerIdentity");
  auto r = ParseResponse(*x.service, *x.op, Ok(
      "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>\xff\xfe</Arn>"
      "</GetCallerIdentityResult></GetCallerIdentityResponse>"));
  EXPECT_FALSE(r.ok());
  Op j = Find("sqs", "ListQueues");
  auto rj = ParseResponse(*j.service, *j.op, Ok("{\"QueueUrls\":[\"\xc3\x28\"]}"));
  EXPECT_FALSE(rj.ok());
  Op s = Find("s3", "GetBucketPolicy");  // raw string payload: kept, as base64
  auto rs = ParseResponse(*s.service, *s.op, Ok("\xff\xfe"));
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ(core::WriteJson(*rs), R"({"Policy":"//4="})");
}

TEST(MalformedErrors, ErrorBodiesOfEveryKindGiveACode) {
  for (auto [svc, op] : {std::pair{"ec2", "DescribeInstances"}, {"sts", "GetCallerIdentity"},
                         {"s3", "ListBuckets"}, {"dynamodb", "DescribeTable"},
                         {"eks", "DescribeCluster"}}) {
    Op o = Find(svc, op);
    for (const char* body : {"", "<", "{", "<Error>", "<Response><Errors><Error/></Errors>",
                             "{\"__type\":5}", "[]", "<html>x</html>", "\xff"}) {
      for (int status : {301, 400, 403, 404, 500, 503}) {
        HttpResponse r;
        r.status = status;
        r.body = body;
        aws::protocol::AwsError e = ParseError(*o.service, *o.op, r);
        EXPECT_FALSE(e.code.empty()) << svc << " " << status << " " << body;
        EXPECT_EQ(e.http_status, status);
      }
    }
  }
}

}  // namespace
