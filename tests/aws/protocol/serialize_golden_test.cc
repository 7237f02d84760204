// Golden request-serialization cases produced by botocore 1.43.11 (tools/gen_serializer_goldens.py)
// replayed through aws::protocol::SerializeRequest with the embedded models.
//
// Compared exactly: method, path, query pairs (order included), headers, host prefix, and form
// and raw bodies byte for byte. JSON bodies are compared as parsed JSON (botocore's json.dumps
// spacing differs); XML bodies after a pugixml round trip of both sides, which only normalizes
// "<a />" vs "<a/>" and attribute escaping.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "aws/model/service_model.h"
#include "aws/protocol/protocol.h"
#include "core/json.h"
#include "test_env.h"

namespace aws::protocol {
namespace {

struct GoldenCase {
  std::string file;
  json::object c;
};

void PrintTo(const GoldenCase& g, std::ostream* os) {
  *os << g.file << "/" << core::FindString(g.c, "name");
}

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> out;
  for (const char* f : {"ec2", "query", "json", "rest_json", "rest_xml"}) {
    std::string path = testenv::SourcePath(std::string("tests/aws/protocol/serialize/") + f +
                                           ".json");
    auto doc = core::ParseJson(testenv::ReadFile(path), path);
    if (!doc.ok() || !doc->is_object()) continue;
    const json::array* cases = core::FindArray(doc->get_object(), "cases");
    if (!cases) continue;
    for (const auto& c : *cases) out.push_back({f, c.get_object()});
  }
  return out;
}

std::string CanonicalXml(const std::string& xml) {
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return "unparseable XML: " + xml;
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

class SerializeGoldenTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(SerializeGoldenTest, MatchesBotocore) {
  const json::object& c = GetParam().c;
  auto service = model::GetService(core::FindString(c, "service"));
  ASSERT_TRUE(service.ok()) << service.status().ToString();
  const model::Operation* op = (*service)->FindOperation(core::FindString(c, "operation"));
  ASSERT_NE(op, nullptr);
  auto req = SerializeRequest(**service, *op, *core::FindObject(c, "params"));
  ASSERT_TRUE(req.ok()) << req.status().ToString();
  const json::object& want = *core::FindObject(c, "expected");

  EXPECT_EQ(req->method, core::FindString(want, "method"));
  EXPECT_EQ(req->path, core::FindString(want, "path"));
  EXPECT_EQ(req->host_prefix, core::FindString(want, "host_prefix"));
  Pairs want_query;
  for (const auto& p : *core::FindArray(want, "query")) {
    want_query.emplace_back(p.get_array()[0].get_string(), p.get_array()[1].get_string());
  }
  EXPECT_EQ(req->query, want_query);
  Pairs want_headers;
  for (const auto& kv : *core::FindObject(want, "headers")) {
    want_headers.emplace_back(kv.key(), kv.value().get_string());
  }
  Pairs got_headers(req->headers.begin(), req->headers.end());
  std::sort(want_headers.begin(), want_headers.end());
  std::sort(got_headers.begin(), got_headers.end());
  EXPECT_EQ(got_headers, want_headers);

  const std::string want_body(core::FindString(want, "body"));
  const std::string_view kind = core::FindString(want, "body_kind");
  if (kind == "json") {
    auto got = core::ParseJson(req->body, "serialized body");
    ASSERT_TRUE(got.ok()) << req->body;
    EXPECT_EQ(*got, *core::ParseJson(want_body)) << req->body;
  } else if (kind == "xml") {
    EXPECT_EQ(CanonicalXml(req->body), CanonicalXml(want_body));
  } else {
    EXPECT_EQ(req->body, want_body);
  }
}

INSTANTIATE_TEST_SUITE_P(Botocore, SerializeGoldenTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
                           return info.param.file + "_" +
                                  std::string(core::FindString(info.param.c, "name"));
                         });

TEST(SerializeGoldenFiles, EveryProtocolHasCases) {
  std::vector<GoldenCase> cases = LoadCases();
  for (const char* f : {"ec2", "query", "json", "rest_json", "rest_xml"}) {
    EXPECT_GE(std::count_if(cases.begin(), cases.end(),
                            [&](const GoldenCase& g) { return g.file == f; }),
              5)
        << f;
  }
}

}  // namespace
}  // namespace aws::protocol
