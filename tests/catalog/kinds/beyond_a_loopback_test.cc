// Issue-15 kinds (group A) on scripted loopback endpoints, for what moto cannot show:
// - ELBv2 DescribeTagsAction batches at most 20 ARNs per DescribeTags call (ELBv2's limit) and
//   maps tags back by ResourceArn (25 load balancers: calls of 20 and 5).
// - AWS::ElasticBeanstalk::Application is listed by one DescribeApplications call (singlePage)
//   and tagged by ARN (moto 5.2 has no tags for applications).
// - AWS::ElasticBeanstalk::Environment pages DescribeEnvironments (NextToken) and tags each
//   environment through ListTagsForResource on its ARN (moto 5.2 answers an empty EnvironmentId,
//   the kind's identity, so its golden cannot run on moto).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "catalog/kinds/scripted_kind.h"

namespace catalog {
namespace {

std::string UrlDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// Values of every form field whose name starts with `prefix` ("ResourceArns.member.").
std::vector<std::string> FormValues(const std::string& body, const std::string& prefix) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t end = body.find('&', at);
    if (end == std::string::npos) end = body.size();
    std::string_view field(body.data() + at, end - at);
    std::size_t eq = field.find('=');
    if (eq != std::string_view::npos && field.substr(0, prefix.size()) == prefix) {
      out.push_back(UrlDecode(field.substr(eq + 1)));
    }
    at = end + 1;
  }
  return out;
}

using testenv::IsAction;

std::string LbArn(int i) {
  return "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/lb-" +
         std::to_string(i) + "/0123456789abcdef";
}

testing_fakes::ScriptedResponse ServeElbv2(const testing_fakes::RecordedRequest& req) {
  const std::string ns = " xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"";
  const std::string meta = "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>";
  if (IsAction(req.body, "DescribeLoadBalancers")) {
    std::string members;
    for (int i = 1; i <= 25; ++i) {
      members += "<member><LoadBalancerArn>" + LbArn(i) + "</LoadBalancerArn><LoadBalancerName>lb-" +
                 std::to_string(i) + "</LoadBalancerName><Type>application</Type></member>";
    }
    return testing_fakes::ScriptedResponse::Ok(
        "<DescribeLoadBalancersResponse" + ns + "><DescribeLoadBalancersResult><LoadBalancers>" +
        members + "</LoadBalancers></DescribeLoadBalancersResult>" + meta +
        "</DescribeLoadBalancersResponse>");
  }
  if (IsAction(req.body, "DescribeTags")) {
    std::string members;
    for (const std::string& arn : FormValues(req.body, "ResourceArns.member.")) {
      std::string name = arn.substr(arn.find("/app/") + 5);
      name = name.substr(0, name.find('/'));
      members += "<member><ResourceArn>" + arn + "</ResourceArn><Tags><member><Key>Name</Key>"
                 "<Value>" + name + "</Value></member></Tags></member>";
    }
    return testing_fakes::ScriptedResponse::Ok(
        "<DescribeTagsResponse" + ns + "><DescribeTagsResult><TagDescriptions>" + members +
        "</TagDescriptions></DescribeTagsResult>" + meta + "</DescribeTagsResponse>");
  }
  return testenv::QueryError(ns, "ValidationError");
}

TEST(BeyondKindsA, Elbv2DescribeTagsBatchesTwentyArnsAndMapsBackByArn) {
  testenv::ScriptedKind elbv2("AWS::ElasticLoadBalancingV2::LoadBalancer", ServeElbv2);
  ASSERT_NE(elbv2.kind(), nullptr);
  testenv::ScopeExport ex = elbv2.Export({"DescribeTagsAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 25u);
  for (const json::value& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    ASSERT_TRUE(p.contains("Tags")) << p;
    EXPECT_EQ(p.at("Tags").at(0).at("Value"), p.at("LoadBalancerName"));
  }
  std::vector<std::size_t> batch_sizes;
  for (const auto& r : elbv2.server().requests()) {
    if (IsAction(r.body, "DescribeTags")) {
      batch_sizes.push_back(FormValues(r.body, "ResourceArns.member.").size());
    }
  }
  std::sort(batch_sizes.begin(), batch_sizes.end());
  EXPECT_EQ(batch_sizes, (std::vector<std::size_t>{5, 20}));
}

testing_fakes::ScriptedResponse ServeBeanstalk(const testing_fakes::RecordedRequest& req) {
  const std::string ns = " xmlns=\"http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/\"";
  const std::string meta = "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>";
  auto env = [](const std::string& id, const std::string& name) {
    return "<member><EnvironmentName>" + name + "</EnvironmentName><EnvironmentId>" + id +
           "</EnvironmentId><ApplicationName>site</ApplicationName><Status>Ready</Status>"
           "<EnvironmentArn>arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/site/" +
           name + "</EnvironmentArn></member>";
  };
  if (IsAction(req.body, "DescribeEnvironments")) {
    bool second = req.body.find("NextToken=page2") != std::string::npos;
    return testing_fakes::ScriptedResponse::Ok(
        "<DescribeEnvironmentsResponse" + ns + "><DescribeEnvironmentsResult><Environments>" +
        (second ? env("e-bbbbbbbbbb", "site-staging") : env("e-aaaaaaaaaa", "site-prod")) +
        "</Environments>" + (second ? "" : "<NextToken>page2</NextToken>") +
        "</DescribeEnvironmentsResult>" + meta + "</DescribeEnvironmentsResponse>");
  }
  if (IsAction(req.body, "DescribeApplications")) {
    return testing_fakes::ScriptedResponse::Ok(
        "<DescribeApplicationsResponse" + ns + "><DescribeApplicationsResult><Applications>"
        "<member><ApplicationName>site</ApplicationName><ApplicationArn>"
        "arn:aws:elasticbeanstalk:us-east-1:123456789012:application/site</ApplicationArn>"
        "</member></Applications></DescribeApplicationsResult>" + meta +
        "</DescribeApplicationsResponse>");
  }
  if (IsAction(req.body, "ListTagsForResource")) {
    std::vector<std::string> arn = FormValues(req.body, "ResourceArn");
    std::string name = arn.empty() ? "" : arn[0].substr(arn[0].rfind('/') + 1);
    return testing_fakes::ScriptedResponse::Ok(
        "<ListTagsForResourceResponse" + ns + "><ListTagsForResourceResult><ResourceArn>" +
        (arn.empty() ? "" : arn[0]) + "</ResourceArn><ResourceTags><member><Key>env</Key><Value>" +
        name + "</Value></member></ResourceTags></ListTagsForResourceResult>" + meta +
        "</ListTagsForResourceResponse>");
  }
  return testenv::QueryError(ns, "InvalidParameterValue");
}

TEST(BeyondKindsA, BeanstalkEnvironmentsArePagedAndTaggedByArn) {
  testenv::ScriptedKind beanstalk("AWS::ElasticBeanstalk::Environment", ServeBeanstalk);
  ASSERT_NE(beanstalk.kind(), nullptr);
  testenv::ScopeExport ex = beanstalk.Export({"ListTagsForResourceAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 2u);
  std::vector<std::string> ids;
  for (const json::value& e : ex.envelopes) {
    EXPECT_EQ(e.at("Type"), json::value("AWS::ElasticBeanstalk::Environment"));
    EXPECT_EQ(e.at("__ExtraContext").at("Region"), json::value("us-east-1"));
    const json::object& p = e.at("Properties").as_object();
    EXPECT_EQ(p.begin()->key(), "EnvironmentName");  // propertyOrder
    ids.emplace_back(p.at("EnvironmentId").as_string());
    ASSERT_TRUE(p.contains("Tags")) << p;
    EXPECT_EQ(p.at("Tags").at(0).at("Value"), p.at("EnvironmentName"));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"e-aaaaaaaaaa", "e-bbbbbbbbbb"}));
}

// A live event that names an environment only by name (AWS's UpdateEnvironment example) routes
// to "name:<EnvironmentName>": the get asks DescribeEnvironments by EnvironmentNames (live
// environments only) and keeps only the environment of exactly that name. The scripted service
// ignores the filter, as a service might: asked for "site-staging" it answers "site-prod",
// which must not stand for it.
TEST(BeyondKindsA, BeanstalkEnvironmentIsFoundByItsNameOnly) {
  testenv::ScriptedKind beanstalk("AWS::ElasticBeanstalk::Environment", ServeBeanstalk);
  ASSERT_NE(beanstalk.kind(), nullptr);
  auto got = beanstalk.GetEach({"name:site-prod", "name:site-staging", "e-aaaaaaaaaa"});
  ASSERT_TRUE(got["name:site-prod"].has_value());
  EXPECT_EQ(got["name:site-prod"]->id, "e-aaaaaaaaaa");
  EXPECT_EQ(got["name:site-prod"]->properties.at("EnvironmentName"), json::value("site-prod"));
  EXPECT_FALSE(got["name:site-staging"].has_value()) << got["name:site-staging"]->id;
  ASSERT_TRUE(got["e-aaaaaaaaaa"].has_value());
  EXPECT_EQ(got["e-aaaaaaaaaa"]->id, "e-aaaaaaaaaa");
  std::vector<testing_fakes::RecordedRequest> reqs = beanstalk.server().requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(FormValues(reqs[0].body, "EnvironmentNames.member."),
            std::vector<std::string>{"site-prod"});
  EXPECT_EQ(FormValues(reqs[0].body, "IncludeDeleted"), std::vector<std::string>{"false"});
  EXPECT_TRUE(FormValues(reqs[0].body, "EnvironmentIds.member.").empty());
  EXPECT_EQ(FormValues(reqs[2].body, "EnvironmentIds.member."),
            std::vector<std::string>{"e-aaaaaaaaaa"});
  EXPECT_TRUE(FormValues(reqs[2].body, "EnvironmentNames.member.").empty());
}

// DescribeApplications does not page (singlePage: one call); the application's tags come from
// ListTagsForResource on its ARN (moto 5.2 answers ResourceNotFound for application ARNs).
TEST(BeyondKindsA, BeanstalkApplicationsAreListedInOneCallAndTaggedByArn) {
  testenv::ScriptedKind beanstalk("AWS::ElasticBeanstalk::Application", ServeBeanstalk);
  ASSERT_NE(beanstalk.kind(), nullptr);
  testenv::ScopeExport ex = beanstalk.Export({"ListTagsForResourceAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  ASSERT_EQ(ex.envelopes.size(), 1u);
  const json::object& p = ex.envelopes[0].at("Properties").as_object();
  EXPECT_EQ(p.at("ApplicationName"), json::value("site"));
  ASSERT_TRUE(p.contains("Tags")) << p;
  EXPECT_EQ(p.at("Tags").at(0).at("Value"), json::value("site"));
  int lists = 0;
  for (const auto& r : beanstalk.server().requests()) lists += IsAction(r.body, "DescribeApplications");
  EXPECT_EQ(lists, 1);
}

}  // namespace
}  // namespace catalog
