// Behaviour outside the golden cases: S3's 200-with-<Error>, the quirks table, XML edge rules.
#include <gtest/gtest.h>

#include "aws/model/service_model.h"
#include "aws/protocol/parse_internal.h"
#include "aws/protocol/protocol.h"
#include "aws/protocol/xml_shape_parser.h"

namespace {

using net::HttpResponse;

struct Op {
  const aws::model::ServiceModel* service;
  const aws::model::Operation* op;
};

Op Find(std::string_view service, std::string_view operation) {
  auto s = aws::model::GetService(service);
  return {*s, (*s)->FindOperation(operation)};
}

HttpResponse Resp(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

TEST(RestXmlErrorIn200, S3ErrorBodyAndTruncatedBodyAreErrors) {
  Op o = Find("s3", "ListBuckets");
  EXPECT_TRUE(aws::protocol::IsErrorIn2xx(*o.service, *o.op,
      Resp(200, "<Error><Code>InternalError</Code><Message>m</Message></Error>")));
  EXPECT_TRUE(aws::protocol::IsErrorIn2xx(*o.service, *o.op, Resp(200, "<ListAllMyBuck")));
  EXPECT_FALSE(aws::protocol::IsErrorIn2xx(*o.service, *o.op,
      Resp(200, "<ListAllMyBucketsResult/>")));
  EXPECT_FALSE(aws::protocol::IsErrorIn2xx(*o.service, *o.op, Resp(204, "<Error/>")));
  auto e = aws::protocol::ParseError(*o.service, *o.op,
      Resp(200, "<Error><Code>InternalError</Code><Message>m</Message></Error>"));
  EXPECT_EQ(e.code, "InternalError");
}

TEST(RestXmlErrorIn200, StringPayloadsAndOtherServicesAreNeverErrors) {
  Op policy = Find("s3", "GetBucketPolicy");
  EXPECT_FALSE(aws::protocol::IsErrorIn2xx(*policy.service, *policy.op, Resp(200, "<Error/>")));
  Op sts = Find("sts", "GetCallerIdentity");
  EXPECT_FALSE(aws::protocol::IsErrorIn2xx(*sts.service, *sts.op, Resp(200, "<Error/>")));
}

TEST(ProtocolQuirks, KeysMatchServiceAndOperation) {
  int matched = 0;
  for (const auto& q : aws::protocol::ParseQuirks()) {
    if (aws::protocol::QuirkApplies(q, "s3", "GetBucketLocation")) ++matched;
    EXPECT_FALSE(aws::protocol::QuirkApplies(q, "s", "GetBucketLocation"));
    EXPECT_FALSE(aws::protocol::QuirkApplies(q, "s3x", "GetBucketLocation"));
  }
  EXPECT_EQ(matched, 2);  // "s3.GetBucketLocation" and "s3.*"
}

TEST(QueryParse, MissingResultWrapperIsAParseError) {
  Op o = Find("sts", "GetCallerIdentity");
  auto r = aws::protocol::ParseResponse(*o.service, *o.op,
                                        Resp(200, "<GetCallerIdentityResponse/>"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("GetCallerIdentityResult"), std::string::npos);
}

TEST(QueryParse, FlattenedAndWrappedMapsCdataAndDuplicates) {
  Op o = Find("sns", "GetTopicAttributes");
  auto r = aws::protocol::ParseResponse(*o.service, *o.op, Resp(200,
      "<R><GetTopicAttributesResult><Attributes>"
      "<entry><key>A</key><value><![CDATA[x<y]]></value></entry>"
      "<entry><key>A</key><value>again</value></entry>"
      "<entry><key>B</key><value>b &amp; c</value></entry>"
      "</Attributes><Attributes><entry><key>C</key><value>ignored</value></entry></Attributes>"
      "</GetTopicAttributesResult></R>"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(core::WriteJson(*r), R"({"Attributes":{"A":"again","B":"b & c"}})");
}

TEST(QueryParse, UnknownTagInMapEntryIsAParseError) {
  Op o = Find("sns", "GetTopicAttributes");
  auto r = aws::protocol::ParseResponse(*o.service, *o.op, Resp(200,
      "<R><GetTopicAttributesResult><Attributes><entry><key>A</key><bogus/></entry>"
      "</Attributes></GetTopicAttributesResult></R>"));
  EXPECT_FALSE(r.ok());
}

TEST(Ec2Parse, OutOfOrderElementsAreStillMatched) {
  Op o = Find("ec2", "DescribeRegions");
  auto r = aws::protocol::ParseResponse(*o.service, *o.op, Resp(200,
      "<DescribeRegionsResponse><regionInfo><item><optInStatus>x</optInStatus>"
      "<regionEndpoint>e</regionEndpoint><regionName>n</regionName></item></regionInfo>"
      "</DescribeRegionsResponse>"));
  ASSERT_TRUE(r.ok());
  // Model order, whatever the wire order.
  EXPECT_EQ(core::WriteJson(*r),
            R"({"Regions":[{"OptInStatus":"x","RegionName":"n","Endpoint":"e"}]})");
}

TEST(XmlText, JoinsTextAndCdataLikeElementTree) {
  pugi::xml_document doc;
  ASSERT_TRUE(aws::protocol::LoadXml("<a>x<![CDATA[&y]]>z<b/>w</a>", doc).ok());
  std::string scratch;
  EXPECT_EQ(aws::protocol::XmlText(doc.document_element(), scratch), "x&yz");
  EXPECT_FALSE(aws::protocol::LoadXml("<a>", doc).ok());
  EXPECT_FALSE(aws::protocol::LoadXml("", doc).ok());
}

}  // namespace
