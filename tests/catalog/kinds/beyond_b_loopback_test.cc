// Issue 15 group B kinds, the parts moto 5.2 cannot show, against scripted loopback services:
//   - AWS::KMS::Key: GetKeyRotationStatus answering UnsupportedOperationException (asymmetric
//     keys; moto answers false) leaves the key without rotation properties, not an error;
//   - AWS::EFS::FileSystem: DescribeBackupPolicy with a policy (moto has no PutBackupPolicy);
//   - AWS::ResourceGroups::Group: GetGroup by ARN and GetGroupConfiguration (moto 5.2 reads only
//     the deprecated GroupName, and answers GetGroupConfiguration with a 500);
//   - AWS::ElastiCache::ServerlessCache and AWS::AppRunner::Service (moto cannot serve them):
//     listing, describe/tags, paging of App Runner's declared paginator;
//   - AWS::Route53::HostedZone: identities are the bare zone ids, and tags come from the batch
//     ListTagsForResources, at most 10 zones per call.
#include <gtest/gtest.h>

#include "catalog/kinds/scripted_kind.h"

namespace catalog {
namespace {

using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

TEST(BeyondBLoopback, KmsRotationStatusUnsupportedIsAbsentNotAnError) {
  testenv::ScriptedKind scripted("AWS::KMS::Key", [](const RecordedRequest& req) {
    std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
    const bool sign = req.body.find("key/sign") != std::string::npos;
    if (target == "TrentService.ListKeys") {
      return ScriptedResponse::Ok(R"({"Keys":[
        {"KeyId":"data","KeyArn":"arn:aws:kms:us-east-1:123456789012:key/data"},
        {"KeyId":"sign","KeyArn":"arn:aws:kms:us-east-1:123456789012:key/sign"}],"Truncated":false})");
    }
    if (target == "TrentService.DescribeKey") {
      std::string id = sign ? "sign" : "data";
      return ScriptedResponse::Ok(R"({"KeyMetadata":{"KeyId":")" + id +
                                  R"(","Arn":"arn:aws:kms:us-east-1:123456789012:key/)" + id +
                                  R"(","KeyManager":"CUSTOMER","KeySpec":")" +
                                  (sign ? "RSA_2048" : "SYMMETRIC_DEFAULT") + R"("}})");
    }
    if (target == "TrentService.GetKeyRotationStatus") {
      if (sign) return ScriptedResponse::AwsJsonError(400, "UnsupportedOperationException");
      return ScriptedResponse::Ok(R"({"KeyRotationEnabled":true,"KeyId":"data","RotationPeriodInDays":365})");
    }
    return ScriptedResponse::AwsJsonError(400, "ValidationException");
  });
  ASSERT_NE(scripted.kind(), nullptr);
  testenv::ScopeExport ex = scripted.Export({"GetKeyRotationStatusAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 2u);
  const json::value& data = ex.envelopes[0].at("Properties");
  EXPECT_EQ(data.at("KeyRotationEnabled"), json::value(true));
  EXPECT_EQ(data.at("RotationPeriodInDays"), json::value(365));
  EXPECT_EQ(data.as_object().if_contains("KeyId")->as_string(), "data");
  const json::value& sign = ex.envelopes[1].at("Properties");
  EXPECT_EQ(sign.at("KeySpec"), json::value("RSA_2048"));
  EXPECT_FALSE(sign.as_object().contains("KeyRotationEnabled"));
}

TEST(BeyondBLoopback, EfsBackupPolicyWhenThereIsOneAbsentOtherwise) {
  testenv::ScriptedKind scripted("AWS::EFS::FileSystem", [](const RecordedRequest& req) {
    if (req.path == "/2015-02-01/file-systems") {
      return ScriptedResponse::Ok(R"({"FileSystems":[
        {"FileSystemId":"fs-1","FileSystemArn":"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1","Tags":[]},
        {"FileSystemId":"fs-2","FileSystemArn":"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-2","Tags":[]}]})");
    }
    if (req.path == "/2015-02-01/file-systems/fs-1/backup-policy") {
      return ScriptedResponse::Ok(R"({"BackupPolicy":{"Status":"ENABLED"}})");
    }
    if (req.path == "/2015-02-01/file-systems/fs-2/backup-policy") {
      return ScriptedResponse::AwsJsonError(404, "PolicyNotFound");
    }
    return ScriptedResponse::AwsJsonError(400, "BadRequest");
  });
  ASSERT_NE(scripted.kind(), nullptr);
  testenv::ScopeExport ex = scripted.Export({"DescribeBackupPolicyAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 2u);
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("BackupPolicy"), json::parse(R"({"Status":"ENABLED"})"));
  EXPECT_FALSE(ex.envelopes[1].at("Properties").as_object().contains("BackupPolicy"));
}

TEST(BeyondBLoopback, ResourceGroupConfiguration) {
  testenv::ScriptedKind scripted("AWS::ResourceGroups::Group", [](const RecordedRequest& req) {
    if (req.path == "/groups-list") {
      return ScriptedResponse::Ok(R"({"GroupIdentifiers":[{"GroupName":"hosts",
        "GroupArn":"arn:aws:resource-groups:us-east-1:123456789012:group/hosts"}]})");
    }
    if (req.path == "/get-group" && req.body.find(":group/hosts") != std::string::npos) {
      return ScriptedResponse::Ok(R"({"Group":{"GroupArn":"arn:aws:resource-groups:us-east-1:123456789012:group/hosts",
        "Name":"hosts","Description":"dedicated hosts","ApplicationTag":{"awsApplication":"arn:app"}}})");
    }
    if (req.path == "/get-group-configuration") {
      return ScriptedResponse::Ok(R"({"GroupConfiguration":{"Status":"UPDATE_COMPLETE",
        "Configuration":[{"Type":"AWS::EC2::HostManagement","Parameters":[]}]}})");
    }
    return ScriptedResponse::AwsJsonError(400, "BadRequestException");
  });
  ASSERT_NE(scripted.kind(), nullptr);
  testenv::ScopeExport ex = scripted.Export({"GetGroupAction", "GetGroupConfigurationAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 1u);
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("Description"), json::value("dedicated hosts"));
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("ApplicationTag"),
            json::parse(R"({"awsApplication":"arn:app"})"));
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("GroupConfiguration").at("Status"),
            json::value("UPDATE_COMPLETE"));
}

TEST(BeyondBLoopback, Route53ZonesAreBareIdsAndTagsComeInBatchesOfTen) {
  constexpr int kZones = 12;
  testenv::ScriptedKind scripted("AWS::Route53::HostedZone", [](const RecordedRequest& req) {
    constexpr const char* kNs = R"( xmlns="https://route53.amazonaws.com/doc/2013-04-01/")";
    if (req.method == "GET" && req.path == "/2013-04-01/hostedzone") {
      std::string zones;
      for (int i = 0; i < kZones; ++i) {
        zones += "<HostedZone><Id>/hostedzone/Z" + std::to_string(i) + "</Id><Name>z" +
                 std::to_string(i) + ".example.com.</Name><CallerReference>r</CallerReference>"
                 "<ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>";
      }
      return ScriptedResponse::Ok(std::string("<ListHostedZonesResponse") + kNs + "><HostedZones>" +
                                  zones + "</HostedZones><IsTruncated>false</IsTruncated>"
                                  "<MaxItems>100</MaxItems></ListHostedZonesResponse>");
    }
    if (req.method == "POST" && req.path == "/2013-04-01/tags/hostedzone") {
      // Tag every zone named in the request: <ResourceId>Zn</ResourceId>.
      std::string sets;
      for (std::size_t at = req.body.find("<ResourceId>"); at != std::string::npos;
           at = req.body.find("<ResourceId>", at + 1)) {
        std::size_t end = req.body.find("</ResourceId>", at);
        std::string id = req.body.substr(at + 12, end - at - 12);
        sets += "<ResourceTagSet><ResourceType>hostedzone</ResourceType><ResourceId>" + id +
                "</ResourceId><Tags><Tag><Key>zone</Key><Value>" + id +
                "</Value></Tag></Tags></ResourceTagSet>";
      }
      return ScriptedResponse::Ok(std::string("<ListTagsForResourcesResponse") + kNs +
                                  "><ResourceTagSets>" + sets +
                                  "</ResourceTagSets></ListTagsForResourcesResponse>");
    }
    ScriptedResponse r;
    r.status = 404;
    r.body = "<ErrorResponse><Error><Code>NoSuchHostedZone</Code></Error></ErrorResponse>";
    return r;
  });
  ASSERT_NE(scripted.kind(), nullptr);
  testenv::ScopeExport ex = scripted.Export({"ListTagsForResourcesAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), static_cast<std::size_t>(kZones));
  for (int i = 0; i < kZones; ++i) {
    const json::value& props = ex.envelopes[i].at("Properties");
    std::string id = "Z" + std::to_string(i);
    EXPECT_EQ(props.at("Id"), json::value("/hostedzone/" + id));  // AWS's own form
    EXPECT_EQ(props.at("Tags"), json::parse(R"([{"Key":"zone","Value":")" + id + R"("}])"));
    EXPECT_FALSE(ex.envelopes[i].at("__ExtraContext").as_object().contains("Region"));
  }
  int tag_calls = 0;
  for (const RecordedRequest& r : scripted.server().requests()) {
    if (r.method != "POST") continue;
    ++tag_calls;
    int ids = 0;
    for (std::size_t at = r.body.find("<ResourceId>"); at != std::string::npos;
         at = r.body.find("<ResourceId>", at + 1)) {
      ++ids;
    }
    EXPECT_LE(ids, 10) << r.body;
    EXPECT_EQ(r.body.find("hostedzone/"), std::string::npos) << r.body;  // bare ids only
  }
  EXPECT_EQ(tag_calls, 2);  // 12 zones: 10 + 2
}

TEST(BeyondBLoopback, ElastiCacheServerlessCachesWithTags) {
  testenv::ScriptedKind scripted("AWS::ElastiCache::ServerlessCache", [](const RecordedRequest& req) {
    constexpr const char* kNs = R"( xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/")";
    if (req.body.find("Action=DescribeServerlessCaches") != std::string::npos) {
      return ScriptedResponse::Ok(std::string("<DescribeServerlessCachesResponse") + kNs +
                                  "><DescribeServerlessCachesResult><ServerlessCaches><member>"
                                  "<ServerlessCacheName>ocean-sl</ServerlessCacheName>"
                                  "<Status>available</Status><Engine>valkey</Engine>"
                                  "<ARN>arn:aws:elasticache:us-east-1:123456789012:serverlesscache:ocean-sl</ARN>"
                                  "<Endpoint><Address>ocean-sl.cache.amazonaws.com</Address><Port>6379</Port></Endpoint>"
                                  "</member></ServerlessCaches></DescribeServerlessCachesResult>"
                                  "</DescribeServerlessCachesResponse>");
    }
    if (req.body.find("Action=ListTagsForResource") != std::string::npos) {
      return ScriptedResponse::Ok(std::string("<ListTagsForResourceResponse") + kNs +
                                  "><ListTagsForResourceResult><TagList><Tag><Key>team</Key>"
                                  "<Value>platform</Value></Tag></TagList></ListTagsForResourceResult>"
                                  "</ListTagsForResourceResponse>");
    }
    ScriptedResponse r;
    r.status = 400;
    r.body = "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>";
    return r;
  });
  ASSERT_NE(scripted.kind(), nullptr);
  testenv::ScopeExport ex = scripted.Export({"ListTagsForResourceAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 1u);
  const json::value& p = ex.envelopes[0].at("Properties");
  EXPECT_EQ(p.at("ServerlessCacheName"), json::value("ocean-sl"));
  EXPECT_EQ(p.at("Endpoint").at("Port"), json::value(6379));
  EXPECT_EQ(p.at("TagList"), json::parse(R"([{"Key":"team","Value":"platform"}])"));
  EXPECT_EQ(ex.envelopes[0].at("__ExtraContext").at("Region"), json::value("us-east-1"));
}

TEST(BeyondBLoopback, AppRunnerServicesArePagedDescribedAndTagged) {
  testenv::ScriptedKind scripted("AWS::AppRunner::Service", [](const RecordedRequest& req) {
    std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
    auto summary = [](const char* name) {
      return std::string(R"({"ServiceName":")") + name +
             R"(","ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/)" + name +
             R"(/1","Status":"RUNNING"})";
    };
    if (target == "AppRunner.ListServices") {
      if (req.body.find("page-2") == std::string::npos) {
        return ScriptedResponse::Ok(R"({"ServiceSummaryList":[)" + summary("api") +
                                    R"(],"NextToken":"page-2"})");
      }
      return ScriptedResponse::Ok(R"({"ServiceSummaryList":[)" + summary("web") + "]}");
    }
    if (target == "AppRunner.DescribeService") {
      const bool api = req.body.find("service/api") != std::string::npos;
      return ScriptedResponse::Ok(std::string(R"({"Service":{"ServiceName":")") +
                                  (api ? "api" : "web") +
                                  R"(","ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/)" +
                                  (api ? "api" : "web") +
                                  R"(/1","ServiceUrl":"x.awsapprunner.com","Status":"RUNNING",
                                  "InstanceConfiguration":{"Cpu":"1024","Memory":"2048"}}})");
    }
    if (target == "AppRunner.ListTagsForResource") {
      return ScriptedResponse::Ok(R"({"Tags":[{"Key":"team","Value":"platform"}]})");
    }
    return ScriptedResponse::AwsJsonError(400, "InvalidRequestException");
  });
  ASSERT_NE(scripted.kind(), nullptr);
  testenv::ScopeExport ex = scripted.Export({"ListTagsForResourceAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 2u);  // one per page
  const json::value& api = ex.envelopes[0].at("Properties");
  EXPECT_EQ(api.at("ServiceName"), json::value("api"));
  EXPECT_EQ(api.at("ServiceUrl"), json::value("x.awsapprunner.com"));
  EXPECT_EQ(api.at("InstanceConfiguration").at("Memory"), json::value("2048"));
  EXPECT_EQ(api.at("Tags"), json::parse(R"([{"Key":"team","Value":"platform"}])"));
  EXPECT_EQ(ex.envelopes[1].at("Properties").at("ServiceName"), json::value("web"));
}

}  // namespace
}  // namespace catalog
