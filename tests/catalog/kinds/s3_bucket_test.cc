// AWS::S3::Bucket end to end: the envelope against moto (names, ARN, CreationDate, tags, each
// optional action, {AccountId}-only extra context), single-bucket get, merge by identity when
// one bucket's tagging fails, and per-bucket calls following S3's region redirects.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <map>

#include "net/curl_transport.h"
#include "catalog/inspector.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/moto.h"
#include "fakes/scope_export.h"


namespace catalog {
namespace {

namespace asio = boost::asio;
// The kind as interpreted from data/kinds/s3_bucket.yaml.
const KindSpec& S3BucketKind() { return *FindKind("AWS::S3::Bucket"); }
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

constexpr char kAccount[] = "123456789012";

using Exported = testenv::ScopeExport;

AccountSession MakeAccount(std::string partition = "aws") {
  return testenv::TestAccount(std::move(partition));
}

aws::AwsClient::Options ClientOptions(const std::string& endpoint) {
  return testenv::TestClientOptions(endpoint);
}

Exported RunExport(const std::string& endpoint, std::vector<std::string> include,
                   const std::string& region = "us-east-1", std::string partition = "aws") {
  Exported out = testenv::ExportOneScope(S3BucketKind(), endpoint, region, include,
                                         MakeAccount(std::move(partition)));
  EXPECT_TRUE(out.unknown_actions.empty());
  return out;
}

// S3BucketKind().get_one, then the selected actions on what it found: `ocean-aws get`'s path.
struct Got {
  core::Status status;
  std::optional<json::value> envelope;
};

Got RunGet(const std::string& endpoint, const std::string& bucket,
           std::vector<std::string> include) {
  asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io), ClientOptions(endpoint));
  AccountSession account = MakeAccount();
  auto actions = SelectActions(S3BucketKind(), include, nullptr);
  Got out;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        ListContext lctx{client, aws::CallTarget{account.credentials, "us-east-1", kAccount},
                         account};
        long errors = 0;
        ActionContext actx{client, lctx.target, account, &errors};
        core::Result<std::optional<Resource>> found = co_await S3BucketKind().get_one(
            lctx, bucket, BaseExtraContext(S3BucketKind(), account, "us-east-1"));
        if (!found.ok()) {
          out.status = found.status();
          co_return;
        }
        if (!*found) co_return;
        std::vector<Resource> batch;
        batch.push_back(std::move(**found));
        std::vector<json::value> envs =
            co_await Inspect(S3BucketKind(), actx, std::move(batch), actions);
        if (!envs.empty()) out.envelope = std::move(envs.front());
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return out;
}

const json::object* FindBucket(const std::vector<json::value>& envs, std::string_view name) {
  for (const auto& e : envs) {
    if (e.at("Properties").at("BucketName").as_string() == name) return &e.as_object();
  }
  return nullptr;
}

std::vector<std::string> Keys(const json::object& o) {
  std::vector<std::string> keys;
  for (const auto& kv : o) keys.emplace_back(kv.key());
  return keys;
}

json::value Tag(std::string_view key, std::string_view value) {
  return json::object{{"Key", key}, {"Value", value}};
}

// --- against moto --------------------------------------------------------------------------

class S3BucketMotoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    testenv::Moto* moto = testenv::Moto::Get();
    if (!moto) return;
    moto->Reset();
    seeded_ = moto->Seed("engine").is_object() && moto->Seed("s3_bucket_configs").is_object();
  }
  void SetUp() override {
    moto_ = testenv::Moto::Get();
    ASSERT_NE(moto_, nullptr);
    ASSERT_TRUE(seeded_);
  }
  testenv::Moto* moto_ = nullptr;
  static inline bool seeded_ = false;
};

TEST_F(S3BucketMotoTest, ExportsBucketsAsUpstreamShapesThem) {
  Exported ex = RunExport(moto_->endpoint(), {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 3u);  // the second account's bucket is not listed here

  const json::object* tagged = FindBucket(ex.envelopes, "ocean-tagged");
  ASSERT_NE(tagged, nullptr);
  EXPECT_EQ(Keys(*tagged), (std::vector<std::string>{"Type", "Properties", "__ExtraContext"}));
  EXPECT_EQ(tagged->at("Type"), json::value("AWS::S3::Bucket"));
  const json::object& p = tagged->at("Properties").as_object();
  EXPECT_EQ(Keys(p), (std::vector<std::string>{"BucketName", "Arn", "CreationDate", "Tags"}));
  EXPECT_EQ(p.at("Arn"), json::value("arn:aws:s3:::ocean-tagged"));
  // pydantic's rendering of botocore's UTC datetime: whole seconds, or microseconds, then Z.
  std::string created(p.at("CreationDate").as_string());
  EXPECT_TRUE(created.size() == 20 || created.size() == 27) << created;
  EXPECT_EQ(created[10], 'T');
  EXPECT_EQ(created.back(), 'Z');
  EXPECT_EQ(p.at("Tags"), json::value(json::array{Tag("team", "platform"), Tag("env", "prod")}));
  EXPECT_EQ(tagged->at("__ExtraContext"), json::value(json::object{{"AccountId", kAccount}}));

  // NoSuchTagSet: Tags is [], not absent.
  const json::object* plain = FindBucket(ex.envelopes, "ocean-plain");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->at("Properties").at("Tags"), json::value(json::array()));
  EXPECT_EQ(plain->at("__ExtraContext"), json::value(json::object{{"AccountId", kAccount}}));
}

TEST_F(S3BucketMotoTest, EachOptionalActionAddsItsKeyOnlyWhenIncluded) {
  struct Case {
    std::string action;
    std::string key;
  };
  const Case cases[] = {
      {"GetPublicAccessBlockAction", "PublicAccessBlockConfiguration"},
      {"GetBucketOwnershipControlsAction", "OwnershipControls"},
      {"GetBucketEncryptionAction", "BucketEncryption"},
      {"GetBucketLocationAction", "LocationConstraint"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.action);
    Exported with = RunExport(moto_->endpoint(), {c.action});
    EXPECT_EQ(with.outcome.enrichment_errors, 0);
    const json::object* third = FindBucket(with.envelopes, "ocean-third");
    ASSERT_NE(third, nullptr);
    EXPECT_TRUE(third->at("Properties").as_object().contains(c.key));
    Exported without = RunExport(moto_->endpoint(), {});
    for (const auto& e : without.envelopes) {
      EXPECT_FALSE(e.at("Properties").as_object().contains(c.key));
    }
  }
}

TEST_F(S3BucketMotoTest, OptionalActionsCarryS3sAnswers) {
  Exported ex = RunExport(moto_->endpoint(),
                          {"GetBucketLocationAction", "GetBucketEncryptionAction",
                           "GetBucketOwnershipControlsAction", "GetPublicAccessBlockAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  const json::object* third = FindBucket(ex.envelopes, "ocean-third");
  ASSERT_NE(third, nullptr);
  const json::object& p = third->at("Properties").as_object();
  EXPECT_EQ(Keys(p), (std::vector<std::string>{"BucketName", "Arn", "CreationDate",
                                               "LocationConstraint", "Tags", "BucketEncryption",
                                               "PublicAccessBlockConfiguration",
                                               "OwnershipControls"}));
  EXPECT_TRUE(p.at("LocationConstraint").is_null());  // us-east-1, as S3 and upstream say it
  EXPECT_EQ(p.at("PublicAccessBlockConfiguration"),
            json::value(json::object{{"BlockPublicAcls", true},
                                     {"IgnorePublicAcls", true},
                                     {"BlockPublicPolicy", false},
                                     {"RestrictPublicBuckets", false}}));
  const json::value& rule = p.at("BucketEncryption").at("Rules").at(0);
  EXPECT_EQ(rule.at("ApplyServerSideEncryptionByDefault").at("SSEAlgorithm"),
            json::value("aws:kms"));
  EXPECT_EQ(rule.at("BucketKeyEnabled"), json::value(true));
  json::object preferred{{"ObjectOwnership", "BucketOwnerPreferred"}};
  EXPECT_EQ(p.at("OwnershipControls"),
            json::value(json::object{{"Rules", json::array{preferred}}}));

  // No configuration (NoSuchPublicAccessBlockConfiguration, ...): no key, and not an error.
  const json::object* plain = FindBucket(ex.envelopes, "ocean-plain");
  ASSERT_NE(plain, nullptr);
  EXPECT_FALSE(plain->at("Properties").as_object().contains("PublicAccessBlockConfiguration"));
  EXPECT_FALSE(plain->at("Properties").as_object().contains("OwnershipControls"));
}

TEST_F(S3BucketMotoTest, GetOneByNameAsUpstream) {
  Got got = RunGet(moto_->endpoint(), "ocean-tagged", {"GetBucketLocationAction"});
  ASSERT_TRUE(got.status.ok()) << got.status.ToString();
  ASSERT_TRUE(got.envelope.has_value());
  const json::object& p = got.envelope->at("Properties").as_object();
  EXPECT_EQ(p.at("BucketName"), json::value("ocean-tagged"));
  EXPECT_EQ(p.at("Arn"), json::value("arn:aws:s3:::ocean-tagged"));
  EXPECT_EQ(p.at("Tags"), json::value(json::array{Tag("team", "platform"), Tag("env", "prod")}));
  EXPECT_TRUE(p.at("LocationConstraint").is_null());
  EXPECT_EQ(got.envelope->at("__ExtraContext"),
            json::value(json::object{{"AccountId", kAccount}}));

  Got missing = RunGet(moto_->endpoint(), "ocean-no-such-bucket", {});
  EXPECT_TRUE(missing.status.ok()) << missing.status.ToString();
  EXPECT_FALSE(missing.envelope.has_value());
}

// --- against the loopback server -----------------------------------------------------------

std::string ListBucketsXml(const std::vector<std::pair<std::string, std::string>>& buckets) {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult )"
      R"(xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID></Owner><Buckets>)";
  for (const auto& [name, region] : buckets) {
    xml += "<Bucket><Name>" + name + "</Name><CreationDate>2024-01-02T03:04:05.000Z</CreationDate>";
    if (!region.empty()) xml += "<BucketRegion>" + region + "</BucketRegion>";
    xml += "</Bucket>";
  }
  return xml + "</Buckets></ListAllMyBucketsResult>";
}

ScriptedResponse TagsXml(std::string_view value) {
  return ScriptedResponse::Ok(
      R"(<?xml version="1.0" encoding="UTF-8"?><Tagging><TagSet><Tag><Key>name</Key><Value>)" +
      std::string(value) + "</Value></Tag></TagSet></Tagging>");
}

ScriptedResponse S3Error(int status, std::string_view code, net::Headers headers = {}) {
  ScriptedResponse r;
  r.status = status;
  r.headers = std::move(headers);
  r.headers.emplace_back("Content-Type", "application/xml");
  r.body = R"(<?xml version="1.0" encoding="UTF-8"?><Error><Code>)" + std::string(code) +
           "</Code><Message>scripted</Message><RequestId>r1</RequestId></Error>";
  return r;
}

// "/bucket?tagging" -> {"bucket", "tagging"}.
std::pair<std::string, std::string> BucketAndQuery(const RecordedRequest& req) {
  std::string_view t = req.target;
  std::string_view q;
  if (size_t at = t.find('?'); at != std::string_view::npos) {
    q = t.substr(at + 1);
    t = t.substr(0, at);
  }
  if (!t.empty() && t.front() == '/') t.remove_prefix(1);
  return {std::string(t), std::string(q.substr(0, q.find('=')))};
}

// The region a request was signed for (its SigV4 credential scope).
std::string SigningRegion(const RecordedRequest& req) {
  std::string_view auth = net::FindHeader(req.headers, "Authorization");
  size_t at = auth.find("Credential=");
  if (at == std::string_view::npos) return "";
  std::string_view scope = auth.substr(at + 11);
  for (int i = 0; i < 2; ++i) scope = scope.substr(scope.find('/') + 1);
  return std::string(scope.substr(0, scope.find('/')));
}

// Three buckets; GetBucketTagging fails for the middle one with a non-recoverable error.
TEST(S3BucketKind, FailedTaggingOfTheMiddleBucketShiftsNothing) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    auto [bucket, query] = BucketAndQuery(req);
    if (bucket.empty()) {
      return ScriptedResponse::Ok(ListBucketsXml({{"mid-a", ""}, {"mid-b", ""}, {"mid-c", ""}}));
    }
    if (query == "tagging" && bucket != "mid-b") return TagsXml(bucket);
    return S3Error(400, "InvalidRequest");
  });
  Exported ex = RunExport(server.Url(""), {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
  ASSERT_EQ(ex.envelopes.size(), 3u);
  for (std::string_view name : {"mid-a", "mid-b", "mid-c"}) {
    SCOPED_TRACE(std::string(name));
    const json::object* e = FindBucket(ex.envelopes, name);
    ASSERT_NE(e, nullptr);
    const json::object& p = e->at("Properties").as_object();
    EXPECT_EQ(p.at("Arn"), json::value("arn:aws:s3:::" + std::string(name)));
    EXPECT_EQ(p.at("CreationDate"), json::value("2024-01-02T03:04:05Z"));
    if (name == "mid-b") {
      EXPECT_FALSE(p.contains("Tags")) << "mid-b must not get another bucket's tags";
    } else {
      EXPECT_EQ(p.at("Tags"), json::value(json::array{Tag("name", name)}));
    }
  }
}

TEST(S3BucketKind, ArnTakesTheAccountsPartition) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    if (BucketAndQuery(req).first.empty()) {
      return ScriptedResponse::Ok(ListBucketsXml({{"gov-bucket", ""}}));
    }
    return S3Error(404, "NoSuchTagSet");
  });
  Exported ex = RunExport(server.Url(""), {}, "us-gov-west-1", "aws-us-gov");
  ASSERT_EQ(ex.envelopes.size(), 1u);
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("Arn"),
            json::value("arn:aws-us-gov:s3:::gov-bucket"));
  EXPECT_EQ(ex.envelopes[0].at("Properties").at("Tags"), json::value(json::array()));
}

// S3 answers a request signed for the wrong region with 301 PermanentRedirect (and
// x-amz-bucket-region); GetBucketLocation answers from anywhere, as in AWS.
TEST(S3BucketKind, PerBucketCallsFollowTheBucketsRegion) {
  const std::map<std::string, std::string> home = {
      {"redir-home", "us-east-1"}, {"redir-away", "eu-west-1"}, {"redir-listed", "ap-south-1"}};
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([&home](const RecordedRequest& req) {
    auto [bucket, query] = BucketAndQuery(req);
    if (bucket.empty()) {
      // BucketRegion is given for redir-listed only.
      return ScriptedResponse::Ok(ListBucketsXml(
          {{"redir-home", ""}, {"redir-away", ""}, {"redir-listed", "ap-south-1"}}));
    }
    const std::string& region = home.at(bucket);
    if (query == "location") {
      return ScriptedResponse::Ok(
          region == "us-east-1"
              ? R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>)"
              : R"(<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">)" +
                    region + "</LocationConstraint>");
    }
    if (SigningRegion(req) != region) {
      return S3Error(301, "PermanentRedirect", {{"x-amz-bucket-region", region}});
    }
    return TagsXml(region);
  });
  // Tagging calls signed for another region than the bucket's: each got a redirect.
  auto redirects = [&server, &home] {
    int n = 0;
    for (const RecordedRequest& r : server.requests()) {
      auto [bucket, query] = BucketAndQuery(r);
      if (query == "tagging" && SigningRegion(r) != home.at(bucket)) ++n;
    }
    return n;
  };

  Exported ex = RunExport(server.Url(""), {"GetBucketLocationAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 0);
  ASSERT_EQ(ex.envelopes.size(), 3u);
  for (const auto& [bucket, region] : home) {
    SCOPED_TRACE(bucket);
    const json::object* e = FindBucket(ex.envelopes, bucket);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->at("Properties").at("Tags"), json::value(json::array{Tag("name", region)}));
    const json::value& location = e->at("Properties").at("LocationConstraint");
    if (region == "us-east-1") {
      EXPECT_TRUE(location.is_null());
    } else {
      EXPECT_EQ(location, json::value(region));
    }
  }
  // redir-away: one redirect, then its region is known; redir-listed: known from the listing.
  EXPECT_EQ(redirects(), 1);

  // The next resync remembers where redir-away lives.
  Exported again = RunExport(server.Url(""), {});
  EXPECT_EQ(again.outcome.enrichment_errors, 0);
  EXPECT_EQ(redirects(), 1);
}

TEST(S3BucketKind, AnUnfollowableRedirectIsAnEnrichmentError) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    auto [bucket, query] = BucketAndQuery(req);
    if (bucket.empty()) return ScriptedResponse::Ok(ListBucketsXml({{"lost-bucket", ""}}));
    return S3Error(301, "PermanentRedirect");  // GetBucketLocation too
  });
  Exported ex = RunExport(server.Url(""), {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
  ASSERT_EQ(ex.envelopes.size(), 1u);
  EXPECT_FALSE(ex.envelopes[0].at("Properties").as_object().contains("Tags"));
}

TEST(S3BucketKind, AccessDeniedListingIsSkippedNotFailed) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(S3Error(403, "AccessDenied")));
  Exported ex = RunExport(server.Url(""), {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kSkipped);
  EXPECT_TRUE(ex.envelopes.empty());
}

}  // namespace
}  // namespace catalog
