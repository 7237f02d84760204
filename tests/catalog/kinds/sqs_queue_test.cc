// AWS::SQS::Queue end to end: listing, default and optional actions, the envelope, and the
// positional-merge regression (one failed enrichment never shifts data onto another queue).
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/moto.h"
#include "fakes/scope_export.h"

namespace catalog {
namespace {

namespace asio = boost::asio;

using Exported = testenv::ScopeExport;

Exported RunExport(const std::string& endpoint, const std::string& region,
                   std::vector<std::string> include) {
  return testenv::ExportOneScope(*FindKind("AWS::SQS::Queue"), endpoint, region, include);
}

const json::object* FindQueue(const std::vector<json::value>& envs, std::string_view suffix) {
  for (const auto& e : envs) {
    std::string_view url = e.at("Properties").at("QueueUrl").as_string();
    if (url.ends_with(suffix)) return &e.as_object();
  }
  return nullptr;
}

// A moto holding the "engine" scenario. ctest runs every test case in its own process (and
// moto), so each test seeds what it reads.
testenv::Moto* SeededMoto() {
  testenv::Moto* moto = testenv::Moto::Get();
  if (!moto) return nullptr;
  moto->Reset();
  return moto->Seed("engine").is_object() ? moto : nullptr;
}

TEST(SqsQueueKind, ExportsQueuesAsUpstreamShapesThem) {
  testenv::Moto* moto = SeededMoto();
  ASSERT_NE(moto, nullptr);
  Exported ex = RunExport(moto->endpoint(), "us-east-1", {"ListQueueTagsAction"});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete) << ex.outcome.error.ToString();
  EXPECT_EQ(ex.outcome.resources, 3);
  ASSERT_EQ(ex.envelopes.size(), 3u);

  const json::object* orders = FindQueue(ex.envelopes, "/ocean-orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->at("Type"), json::value("AWS::SQS::Queue"));
  const json::object& p = orders->at("Properties").as_object();
  EXPECT_EQ(p.begin()->key(), "QueueUrl");  // upstream's property order
  EXPECT_EQ(p.at("QueueArn"), json::value("arn:aws:sqs:us-east-1:123456789012:ocean-orders"));
  EXPECT_EQ(p.at("VisibilityTimeout"), json::value(45));  // number, not "45"
  EXPECT_TRUE(p.at("CreatedTimestamp").is_string());      // upstream keeps SQS's string
  EXPECT_EQ(p.at("Tags"), json::value(json::object{{"team", "platform"}}));
  EXPECT_EQ(orders->at("__ExtraContext"),
            json::value(json::object{{"AccountId", "123456789012"}, {"Region", "us-east-1"}}));

  const json::object* fifo = FindQueue(ex.envelopes, "/ocean-events.fifo");
  ASSERT_NE(fifo, nullptr);
  EXPECT_EQ(fifo->at("Properties").at("FifoQueue"), json::value(true));
  EXPECT_EQ(fifo->at("Properties").at("ContentBasedDeduplication"), json::value(true));
  EXPECT_EQ(fifo->at("Properties").at("Tags"), json::value(json::object()));
}

TEST(SqsQueueKind, OptionalActionsRunOnlyWhenIncluded) {
  testenv::Moto* moto = SeededMoto();
  ASSERT_NE(moto, nullptr);
  Exported ex = RunExport(moto->endpoint(), "us-east-1", {});
  ASSERT_FALSE(ex.envelopes.empty());
  for (const auto& e : ex.envelopes) {
    EXPECT_FALSE(e.at("Properties").as_object().contains("Tags"));
    EXPECT_TRUE(e.at("Properties").as_object().contains("QueueArn"));
  }
}

TEST(SqsQueueKind, EmptyRegionIsCompleteWithNothing) {
  testenv::Moto* moto = SeededMoto();
  ASSERT_NE(moto, nullptr);
  Exported ex = RunExport(moto->endpoint(), "ap-south-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_TRUE(ex.envelopes.empty());
}

// Serves ListQueues with three queues; GetQueueAttributes fails for the middle one only.
TEST(SqsQueueKind, FailedEnrichmentOfTheMiddleQueueShiftsNothing) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const testing_fakes::RecordedRequest& req) {
    std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
    if (target == "AmazonSQS.ListQueues") {
      return testing_fakes::ScriptedResponse::Ok(
          R"({"QueueUrls":["https://q/1/a","https://q/1/b","https://q/1/c"]})");
    }
    for (std::string_view q : {"a", "c"}) {
      if (req.body.find("https://q/1/" + std::string(q)) != std::string::npos) {
        return testing_fakes::ScriptedResponse::Ok(
            R"({"Attributes":{"QueueArn":"arn:aws:sqs:us-east-1:1:)" + std::string(q) +
            R"(","DelaySeconds":"7"}})");
      }
    }
    return testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidAttributeName");
  });
  Exported ex = RunExport(server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(ex.outcome.enrichment_errors, 1);
  ASSERT_EQ(ex.envelopes.size(), 3u);
  for (const auto& e : ex.envelopes) {
    const json::object& p = e.at("Properties").as_object();
    std::string_view url = p.at("QueueUrl").as_string();
    if (url.ends_with("/b")) {
      EXPECT_FALSE(p.contains("QueueArn")) << "b must not get another queue's data";
    } else {
      std::string expected = "arn:aws:sqs:us-east-1:1:" + std::string(url.substr(url.size() - 1));
      EXPECT_EQ(p.at("QueueArn"), json::value(expected));
      EXPECT_EQ(p.at("DelaySeconds"), json::value(7));
    }
  }
}

TEST(SqsQueueKind, AccessDeniedListingIsSkippedNotFailed) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(
      testing_fakes::ScriptedResponse::AwsJsonError(400, "AccessDeniedException")));
  Exported ex = RunExport(server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kSkipped);
  EXPECT_TRUE(ex.envelopes.empty());
}

TEST(SqsQueueKind, OtherListingErrorsFailTheScope) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(testing_fakes::Always(
      testing_fakes::ScriptedResponse::AwsJsonError(400, "InvalidParameterValue")));
  Exported ex = RunExport(server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.outcome.state, ScopeState::kFailed);
  EXPECT_EQ(ex.outcome.error.remote_code(), "InvalidParameterValue");
}

TEST(SqsQueueKind, BatchesNeverExceedOneHundred) {
  testing_fakes::LoopbackHttpServer server;
  std::string urls;
  for (int i = 0; i < 250; ++i) urls += std::string(i ? "," : "") + "\"https://q/1/" + std::to_string(i) + "\"";
  server.SetDefault([urls](const testing_fakes::RecordedRequest& req) {
    if (net::FindHeader(req.headers, "X-Amz-Target") == "AmazonSQS.ListQueues") {
      return testing_fakes::ScriptedResponse::Ok(R"({"QueueUrls":[)" + urls + "]}");
    }
    return testing_fakes::ScriptedResponse::Ok(R"({"Attributes":{}})");
  });
  Exported ex = RunExport(server.Url(""), "us-east-1", {});
  EXPECT_EQ(ex.envelopes.size(), 250u);
  EXPECT_EQ(ex.batch_sizes, (std::vector<size_t>{100, 100, 50}));
}

}  // namespace
}  // namespace catalog
