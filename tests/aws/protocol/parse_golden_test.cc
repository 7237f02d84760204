// Every golden case recorded from botocore (tools/gen_parser_goldens.py): the parsed result must
// equal boto3's exactly, key order included; error cases must give botocore's code, message and
// status (and its request id whenever botocore found one; we also fall back to headers).
#include <gtest/gtest.h>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "parse_test_util.h"

namespace {

using parse_test::GoldenCases;
using parse_test::LoadCase;
using parse_test::ResponseOf;

class ProtocolGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(ProtocolGoldenTest, MatchesBotocore) {
  json::object c = LoadCase(GetParam());
  ASSERT_FALSE(c.empty());
  auto service = aws::model::GetService(c.at("service").as_string());
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  const aws::model::Operation* op = (*service)->FindOperation(c.at("operation").as_string());
  ASSERT_NE(op, nullptr);
  net::HttpResponse r = ResponseOf(c);
  if (const json::value* want = c.if_contains("expected")) {
    EXPECT_FALSE(aws::protocol::IsErrorIn2xx(**service, *op, r));
    auto got = aws::protocol::ParseResponse(**service, *op, r);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_TRUE(parse_test::SameJson(*got, *want))
        << "got:  " << core::WriteJson(*got) << "\nwant: " << core::WriteJson(*want);
  } else {
    const json::object& err = c.at("expected_error").as_object();
    aws::protocol::AwsError e = aws::protocol::ParseError(**service, *op, r);
    EXPECT_EQ(e.code, err.at("code").as_string());
    EXPECT_EQ(e.message, err.at("message").as_string());
    EXPECT_EQ(e.http_status, err.at("http_status").as_int64());
    if (!err.at("request_id").as_string().empty()) {
      EXPECT_EQ(e.request_id, err.at("request_id").as_string());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(ProtocolGoldens, ProtocolGoldenTest, testing::ValuesIn(GoldenCases()),
                         [](const testing::TestParamInfo<std::string>& i) { return i.param; });

TEST(ProtocolGoldenCoverage, HasCasesForEveryProtocol) {
  EXPECT_GE(GoldenCases().size(), 50u);
}

}  // namespace
