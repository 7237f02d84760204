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

// `v` (a JSON body of `shape`) with the members of every structure in reverse order; maps and
// documents keep theirs (their order is data, kept as sent).
json::value ReverseStructures(const aws::model::Shape& shape, const json::value& v) {
  using aws::model::ShapeType;
  if (shape.document) return v;
  if (shape.type == ShapeType::kStructure && v.is_object()) {
    const json::object& o = v.get_object();
    json::object out;
    for (auto it = o.end(); it != o.begin();) {
      --it;
      const aws::model::Shape* ms = nullptr;
      for (const aws::model::Member& m : shape.members) {
        if (m.WireName(m.name) == it->key()) ms = m.shape;
      }
      out.emplace(it->key(), ms ? ReverseStructures(*ms, it->value()) : it->value());
    }
    return out;
  }
  if (shape.type == ShapeType::kList && v.is_array()) {
    json::array out;
    for (const json::value& e : v.get_array()) out.push_back(ReverseStructures(*shape.member().shape, e));
    return out;
  }
  if (shape.type == ShapeType::kMap && v.is_object()) {
    json::object out;
    for (const auto& kv : v.get_object()) {
      out.emplace(kv.key(), ReverseStructures(*shape.value().shape, kv.value()));
    }
    return out;
  }
  return v;
}

// The JSON parser converts an answer whose keys come in model order in place, and rebuilds any
// other: the result must not depend on the answer's key order (issue 13.2). Every JSON golden
// body, its keys reversed at every level, still gives boto3's result.
TEST(ProtocolGoldenKeyOrder, JsonBodiesInAnyKeyOrderGiveTheSameResult) {
  int checked = 0;
  for (const std::string& name : GoldenCases()) {
    json::object c = LoadCase(name);
    const json::value* want = c.if_contains("expected");
    if (!want) continue;
    auto service = aws::model::GetService(c.at("service").as_string());
    ASSERT_TRUE(service.ok()) << name;
    const std::string& protocol = (*service)->metadata().protocol;
    if (protocol != "json" && protocol != "rest-json") continue;
    const aws::model::Operation* op = (*service)->FindOperation(c.at("operation").as_string());
    ASSERT_NE(op, nullptr) << name;
    if (op->output == nullptr || !op->output->payload.empty()) continue;  // a raw payload
    net::HttpResponse r = ResponseOf(c);
    if (r.body.empty()) continue;
    auto body = core::ParseJson(r.body);
    ASSERT_TRUE(body.ok()) << name;
    r.body = core::WriteJson(ReverseStructures(*op->output, *body));
    auto got = aws::protocol::ParseResponse(**service, *op, r);
    ASSERT_TRUE(got.ok()) << name << ": " << got.status().ToString();
    EXPECT_TRUE(parse_test::SameJson(*got, *want))
        << name << "\n got: " << core::WriteJson(*got) << "\nwant: " << core::WriteJson(*want);
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

TEST(ProtocolGoldenCoverage, HasCasesForEveryProtocol) {
  EXPECT_GE(GoldenCases().size(), 50u);
}

}  // namespace
