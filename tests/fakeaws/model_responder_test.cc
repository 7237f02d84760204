// The model-driven responder through the real AwsClient (each protocol's serializer and parser):
// calls keyed by the identities the fake lists, batch not-found lists from the model, the
// services' own not-found errors, and rest-json routing by requestUri template.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "aws/client.h"
#include "net/curl_transport.h"
#include "fake_aws.h"
#include "fakes/run_coro.h"
#include "server.h"

namespace fakeaws {
namespace {

namespace asio = boost::asio;

class ModelResponder : public testing::Test {
 protected:
  ModelResponder() : aws_(Config()), server_(aws_) {
    EXPECT_TRUE(server_.Listen().ok());
    server_.Start();
  }
  static FakeConfig Config() {
    FakeConfig c;
    c.regions = {"us-east-1", "eu-west-1"};
    c.kind_resources = 3;
    return c;
  }
  core::Result<json::value> Call(std::string_view service, std::string_view op,
                                 json::object params) {
    aws::AwsClient::Options opts;
    opts.endpoint_url = server_.endpoint();
    opts.max_attempts = 1;
    aws::AwsClient client(io_, net::MakeCurlTransport(io_), opts);
    aws::Credentials creds{"AKIDMODELRESPONDER00", "secret", "", std::nullopt, ""};
    aws::CallTarget target{std::make_shared<aws::StaticCredentialsProvider>(creds, "keys"),
                           "us-east-1", "123456789012"};
    return testing_fakes::RunCoro(io_, client.Call(target, service, op, params));
  }

  asio::io_context io_;
  FakeAws aws_;
  FakeAwsServer server_;
};

TEST_F(ModelResponder, BatchAnswersKnownIdsAndListsUnknownOnesInTheModelsNotFoundList) {
  json::object p;
  p["names"] = json::array{"codebuildproject-0000001", "codebuildproject-0000099"};
  core::Result<json::value> r = Call("codebuild", "BatchGetProjects", p);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->at("projects").as_array().size(), 1u);
  EXPECT_EQ(r->at("projects").at(0).at("name"), json::value("codebuildproject-0000001"));
  EXPECT_EQ(r->at("projectsNotFound"), (json::array{"codebuildproject-0000099"}));
}

TEST_F(ModelResponder, RestJsonRoutesByUriTemplateAndSetsTheGetIdentity) {
  json::object p;
  p["name"] = "ekscluster-0000002";
  core::Result<json::value> r = Call("eks", "DescribeCluster", p);  // GET /clusters/{name}
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at("cluster").at("name"), json::value("ekscluster-0000002"));
  EXPECT_TRUE(r->at("cluster").as_object().contains("arn"));

  p["name"] = "ekscluster-0000003";  // index 3 of 3: does not exist
  r = Call("eks", "DescribeCluster", p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().remote_code(), "ResourceNotFoundException");
  EXPECT_EQ(r.status().http_status(), 404);
  EXPECT_EQ(r.status().code(), core::StatusCode::kNotFound);
}

TEST_F(ModelResponder, QueryListingNamingAnIdentityAnswersJustIt) {
  json::object p;
  p["DBInstanceIdentifier"] = "arn:aws:rds:us-east-1:123456789012:rdsdbinstance/rdsdbinstance-0000001";
  core::Result<json::value> r = Call("rds", "DescribeDBInstances", p);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->at("DBInstances").as_array().size(), 1u);
  EXPECT_EQ(r->at("DBInstances").at(0).at("DBInstanceArn"), p["DBInstanceIdentifier"]);

  p["DBInstanceIdentifier"] = "rdsdbinstance-0000007";
  r = Call("rds", "DescribeDBInstances", p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().remote_code(), "DBInstanceNotFound");  // the model's DBInstanceNotFoundFault
}

TEST_F(ModelResponder, ListingPagesWithTheModelsTokensAndLimit) {
  json::object p;
  p["MaxRecords"] = 20;  // RDS's minimum; 3 instances: one page, no Marker
  core::Result<json::value> r = Call("rds", "DescribeDBInstances", p);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at("DBInstances").as_array().size(), 3u);
  EXPECT_FALSE(r->as_object().contains("Marker"));

  json::object q;
  q["maxResults"] = 2;  // EKS: nextToken / maxResults, in the query string
  r = Call("eks", "ListClusters", q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at("clusters"), (json::array{"ekscluster-0000000", "ekscluster-0000001"}));
  ASSERT_TRUE(r->at("nextToken").is_string());
  q["nextToken"] = r->at("nextToken");
  r = Call("eks", "ListClusters", q);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->at("clusters"), (json::array{"ekscluster-0000002"}));
  EXPECT_FALSE(r->as_object().contains("nextToken") && !r->at("nextToken").is_null());
}

}  // namespace
}  // namespace fakeaws
