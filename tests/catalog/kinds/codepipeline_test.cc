// The five CodePipeline kinds against a scripted loopback CodePipeline (answers in botocore's
// shapes, after the AWS API reference's examples): one GetPipeline per pipeline shared by the
// Pipeline, Stage and Action kinds of one resync (one AccountSession), executions and action
// executions (moto serves neither) across two pages, one pipeline failing while the others are
// exported and the scope is failed, and `ocean-aws get` by the kinds' "<pipeline>/..." ids.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "catalog/definition/shared_responses.h"
#include "catalog/inspector.h"
#include "catalog/kind_table.h"
#include "catalog/scope_exporter.h"
#include "fakes/loopback_http_server.h"
#include "fakes/scope_export.h"

namespace catalog {
namespace {

namespace asio = boost::asio;
using testing_fakes::RecordedRequest;
using testing_fakes::ScriptedResponse;

constexpr std::string_view kPrefix = "CodePipeline_20150709.";

std::string PipelineAnswer(const std::string& name) {
  return R"({"pipeline":{"name":")" + name + R"(","roleArn":"arn:aws:iam::123456789012:role/cp",
    "artifactStore":{"type":"S3","location":"codepipeline-us-east-1-1"},
    "stages":[
      {"name":"Source","actions":[{"name":"Source","actionTypeId":{"category":"Source",
        "owner":"AWS","provider":"S3","version":"1"},"runOrder":1,
        "configuration":{"S3Bucket":"src","S3ObjectKey":"app.zip"},
        "outputArtifacts":[{"name":"src"}],"inputArtifacts":[]}]},
      {"name":"Build","actions":[
        {"name":"Build","actionTypeId":{"category":"Build","owner":"AWS","provider":"CodeBuild",
          "version":"1"},"runOrder":1,"configuration":{"ProjectName":"p"},
          "inputArtifacts":[{"name":"src"}],"outputArtifacts":[{"name":"bin"}],
          "namespace":"BuildVariables"},
        {"name":"Test","actionTypeId":{"category":"Test","owner":"AWS","provider":"CodeBuild",
          "version":"1"},"runOrder":2,"configuration":{"ProjectName":"t"},
          "inputArtifacts":[{"name":"bin"}],"outputArtifacts":[]}],
       "onFailure":{"result":"ROLLBACK"}}],
    "version":3,"executionMode":"SUPERSEDED","pipelineType":"V2"},
    "metadata":{"pipelineArn":"arn:aws:codepipeline:us-east-1:123456789012:)" + name + R"(",
    "created":1.7e9,"updated":1.7000001e9}})";
}

// Which pipeline a request names ("name" or "pipelineName" member), "" if none.
std::string PipelineOf(const RecordedRequest& req) {
  json::value body = json::parse(req.body.empty() ? "{}" : req.body);
  for (const char* key : {"name", "pipelineName"}) {
    const json::value* v = body.as_object().if_contains(key);
    if (v) return std::string(v->as_string());
  }
  return "";
}

bool HasToken(const RecordedRequest& req) {
  return req.body.find("\"nextToken\"") != std::string::npos;
}

ScriptedResponse ServeCodePipeline(const RecordedRequest& req) {
  std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
  if (!target.starts_with(kPrefix)) return ScriptedResponse::AwsJsonError(400, "UnknownOperation");
  std::string_view op = target.substr(kPrefix.size());
  std::string pipeline = PipelineOf(req);
  if (op == "ListPipelines") {
    return ScriptedResponse::Ok(R"({"pipelines":[
      {"name":"alpha","version":3,"pipelineType":"V2","executionMode":"SUPERSEDED",
       "created":1.7e9,"updated":1.7000001e9},
      {"name":"beta","version":3,"created":1.7e9,"updated":1.7000001e9},
      {"name":"gamma","version":3,"created":1.7e9,"updated":1.7000001e9}]})");
  }
  if (op == "GetPipeline") {
    if (pipeline == "missing") {
      return ScriptedResponse::AwsJsonError(400, "PipelineNotFoundException");
    }
    return ScriptedResponse::Ok(PipelineAnswer(pipeline));
  }
  if (op == "ListTagsForResource") {
    return ScriptedResponse::Ok(R"({"tags":[{"key":"team","value":"platform"}]})");
  }
  if (op == "ListPipelineExecutions") {
    if (pipeline == "beta") return ScriptedResponse::AwsJsonError(400, "ValidationException");
    if (pipeline == "gamma") return ScriptedResponse::Ok(R"({"pipelineExecutionSummaries":[]})");
    if (!HasToken(req)) {
      return ScriptedResponse::Ok(R"({"pipelineExecutionSummaries":[
        {"pipelineExecutionId":"eb7ebd40-1111","status":"Succeeded","startTime":1.70001e9,
         "lastUpdateTime":1.70002e9,"trigger":{"triggerType":"StartPipelineExecution",
         "triggerDetail":"arn:aws:iam::123456789012:user/dev"},"executionMode":"SUPERSEDED",
         "sourceRevisions":[{"actionName":"Source","revisionId":"v1"}]}],"nextToken":"page2"})");
    }
    return ScriptedResponse::Ok(R"({"pipelineExecutionSummaries":[
      {"pipelineExecutionId":"42ee4d10-2222","status":"Failed","startTime":1.70003e9,
       "lastUpdateTime":1.70004e9,"stopTrigger":{"reason":"manual"}}]})");
  }
  if (op == "GetPipelineExecution") {
    json::value body = json::parse(req.body);
    std::string id(body.at("pipelineExecutionId").as_string());
    return ScriptedResponse::Ok(R"({"pipelineExecution":{"pipelineName":")" + pipeline +
                                R"(","pipelineVersion":3,"pipelineExecutionId":")" + id +
                                R"(","status":"Succeeded","artifactRevisions":[{"name":"src",
        "revisionId":"v1"}],"variables":[{"name":"env","resolvedValue":"prod"}],
        "trigger":{"triggerType":"StartPipelineExecution"},"executionMode":"SUPERSEDED",
        "executionType":"STANDARD"}})");
  }
  if (op == "ListActionExecutions") {
    if (pipeline == "beta") return ScriptedResponse::AwsJsonError(400, "ValidationException");
    if (pipeline == "gamma") return ScriptedResponse::Ok(R"({"actionExecutionDetails":[]})");
    if (!HasToken(req)) {
      return ScriptedResponse::Ok(R"({"actionExecutionDetails":[
        {"pipelineExecutionId":"eb7ebd40-1111","actionExecutionId":"ae-1","pipelineVersion":3,
         "stageName":"Source","actionName":"Source","startTime":1.70001e9,
         "lastUpdateTime":1.70002e9,"status":"Succeeded",
         "input":{"actionTypeId":{"category":"Source","owner":"AWS","provider":"S3","version":"1"},
                  "configuration":{"S3Bucket":"src"},"resolvedConfiguration":{},
                  "region":"us-east-1","inputArtifacts":[]},
         "output":{"outputArtifacts":[{"name":"src"}],"executionResult":{
                  "externalExecutionId":"v1"},"outputVariables":{}}}],"nextToken":"page2"})");
    }
    return ScriptedResponse::Ok(R"({"actionExecutionDetails":[
      {"pipelineExecutionId":"eb7ebd40-1111","actionExecutionId":"ae-2","pipelineVersion":3,
       "stageName":"Build","actionName":"Build","startTime":1.70003e9,"status":"Failed",
       "updatedBy":"arn:aws:iam::123456789012:user/dev"}]})");
  }
  return ScriptedResponse::AwsJsonError(400, "UnknownOperation");
}

long CountOf(const testing_fakes::LoopbackHttpServer& server, std::string_view op) {
  long n = 0;
  for (const RecordedRequest& r : server.requests()) {
    std::string_view target = net::FindHeader(r.headers, "X-Amz-Target");
    if (target.size() > kPrefix.size() && target.substr(kPrefix.size()) == op) ++n;
  }
  return n;
}

std::vector<std::string> KeysOf(const json::value& props) {
  std::vector<std::string> keys;
  for (const auto& kv : props.as_object()) keys.emplace_back(kv.key());
  return keys;
}

const KindSpec& Kind(std::string_view name) {
  const KindSpec* k = FindKind(name);
  EXPECT_NE(k, nullptr) << name;
  return *k;
}

// `ocean-aws get`'s path: get_one, then the default actions. Null when absent.
json::value GetOne(const KindSpec& kind, const std::string& endpoint, const std::string& id) {
  asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io), testenv::TestClientOptions(endpoint));
  AccountSession account = testenv::TestAccount();
  std::vector<std::string> unknown;
  auto actions = SelectActions(kind, {}, &unknown);
  json::value out;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        ListContext lctx{client, aws::CallTarget{account.credentials, "us-east-1", account.info.id},
                         account};
        json::object extra = BaseExtraContext(kind, account, "us-east-1");
        core::Result<std::optional<Resource>> r = co_await kind.get_one(lctx, id, extra);
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        if (!r.ok() || !*r) co_return;
        ActionContext actx{client, lctx.target, account, nullptr};
        std::vector<Resource> batch;
        batch.push_back(std::move(**r));
        std::vector<json::value> env = co_await Inspect(kind, actx, std::move(batch), actions);
        if (!env.empty()) out = std::move(env.front());
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return out;
}

TEST(CodePipelineKinds, OneGetPipelinePerPipelineForPipelineStageAndActionOfOneResync) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(ServeCodePipeline);
  AccountSession resync = testenv::TestAccount();  // one resync: one session, shared by copies
  auto pipelines = testenv::ExportOneScope(Kind("AWS::CodePipeline::Pipeline"), server.Url(""),
                                           "us-east-1", {}, resync);
  auto stages = testenv::ExportOneScope(Kind("AWS::CodePipeline::Stage"), server.Url(""),
                                        "us-east-1", {}, resync);
  auto actions = testenv::ExportOneScope(Kind("AWS::CodePipeline::Action"), server.Url(""),
                                         "us-east-1", {}, resync);
  for (auto* ex : {&pipelines, &stages, &actions}) {
    EXPECT_EQ(ex->outcome.state, ScopeState::kComplete) << ex->outcome.error.ToString();
    EXPECT_EQ(ex->outcome.enrichment_errors, 0);
  }
  EXPECT_EQ(pipelines.envelopes.size(), 3u);
  EXPECT_EQ(stages.envelopes.size(), 6u);   // 2 stages x 3 pipelines
  EXPECT_EQ(actions.envelopes.size(), 9u);  // 3 actions x 3 pipelines
  EXPECT_EQ(CountOf(server, "GetPipeline"), 3);  // not 9
  EXPECT_EQ(CountOf(server, "ListPipelines"), 3);
  auto stats = resync.shared_responses->stats();
  EXPECT_EQ(stats.fetches, 3);
  EXPECT_EQ(stats.hits, 6);

  // Another resync (new sessions) asks again: nothing outlives the resync.
  auto again = testenv::ExportOneScope(Kind("AWS::CodePipeline::Stage"), server.Url(""),
                                       "us-east-1", {});
  EXPECT_EQ(again.envelopes.size(), 6u);
  EXPECT_EQ(CountOf(server, "GetPipeline"), 6);
}

TEST(CodePipelineKinds, PipelineStageAndActionTakeUpstreamsShape) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(ServeCodePipeline);
  auto pipelines = testenv::ExportOneScope(Kind("AWS::CodePipeline::Pipeline"), server.Url(""),
                                           "us-east-1");
  ASSERT_EQ(pipelines.envelopes.size(), 3u);
  const json::value& p = pipelines.envelopes[0].at("Properties");
  EXPECT_EQ(KeysOf(p), (std::vector<std::string>{"ArtifactStore", "Created", "ExecutionMode",
                                                 "Name", "PipelineArn", "PipelineType", "RoleArn",
                                                 "Stages", "Tags", "Updated", "Version"}));
  EXPECT_EQ(p.at("PipelineArn"), json::value("arn:aws:codepipeline:us-east-1:123456789012:alpha"));
  EXPECT_EQ(p.at("Tags"), json::parse(R"([{"key":"team","value":"platform"}])"));
  EXPECT_EQ(p.at("Version"), json::value(3));
  EXPECT_EQ(p.at("Stages").as_array()[0].at("name"), json::value("Source"));  // nested: AWS's keys

  auto stages = testenv::ExportOneScope(Kind("AWS::CodePipeline::Stage"), server.Url(""),
                                        "us-east-1");
  ASSERT_EQ(stages.envelopes.size(), 6u);
  const json::value& build = stages.envelopes[1].at("Properties");
  EXPECT_EQ(KeysOf(build), (std::vector<std::string>{"Actions", "Name", "OnFailure", "Order",
                                                     "PipelineArn", "PipelineName"}));
  EXPECT_EQ(build.at("Name"), json::value("Build"));
  EXPECT_EQ(build.at("Order"), json::value(2));
  EXPECT_EQ(build.at("PipelineName"), json::value("alpha"));
  EXPECT_EQ(stages.envelopes[3].at("Properties").at("PipelineName"), json::value("beta"));
  EXPECT_EQ(stages.envelopes[3].at("__ExtraContext"),
            json::parse(R"({"AccountId":"123456789012","Region":"us-east-1"})"));

  auto actions = testenv::ExportOneScope(Kind("AWS::CodePipeline::Action"), server.Url(""),
                                         "us-east-1");
  ASSERT_EQ(actions.envelopes.size(), 9u);
  const json::value& build_action = actions.envelopes[1].at("Properties");
  EXPECT_EQ(KeysOf(build_action),
            (std::vector<std::string>{"ActionTypeId", "Configuration", "InputArtifacts", "Name",
                                      "Namespace", "OutputArtifacts", "PipelineName",
                                      "PipelineArn", "PipelineVersion", "RunOrder", "StageName"}));
  EXPECT_EQ(build_action.at("ActionTypeId"),
            json::parse(
                R"({"Category":"Build","Owner":"AWS","Provider":"CodeBuild","Version":"1"})"));
  EXPECT_EQ(build_action.at("StageName"), json::value("Build"));
  EXPECT_EQ(build_action.at("PipelineVersion"), json::value(3));
  EXPECT_EQ(actions.envelopes[2].at("Properties").at("Name"), json::value("Test"));
}

// When ListPipelines' summary and GetPipeline disagree (the pipeline changed between the two
// calls), GetPipeline's values are kept; upstream keeps the summary's (docs/COMPATIBILITY.md,
// U4). With consistent answers, as AWS gives them, both are the same output.
TEST(CodePipelineKinds, GetPipelineWinsOverADisagreeingSummary) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault([](const RecordedRequest& req) {
    std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
    if (target == std::string(kPrefix) + "ListPipelines") {
      return ScriptedResponse::Ok(R"({"pipelines":[{"name":"alpha","version":2,
        "pipelineType":"V1","executionMode":"QUEUED","created":1.6e9,"updated":1.6e9}]})");
    }
    return ServeCodePipeline(req);
  });
  auto ex = testenv::ExportOneScope(Kind("AWS::CodePipeline::Pipeline"), server.Url(""),
                                    "us-east-1");
  ASSERT_EQ(ex.envelopes.size(), 1u);
  const json::value& p = ex.envelopes[0].at("Properties");
  EXPECT_EQ(p.at("Version"), json::value(3));
  EXPECT_EQ(p.at("PipelineType"), json::value("V2"));
  EXPECT_EQ(p.at("ExecutionMode"), json::value("SUPERSEDED"));
  EXPECT_EQ(p.at("Created"), json::value("2023-11-14T22:13:20Z"));
}

TEST(CodePipelineKinds, ExecutionsPageAndOneFailingPipelineLeavesTheOthersAndTheScopeFailed) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(ServeCodePipeline);
  auto ex = testenv::ExportOneScope(Kind("AWS::CodePipeline::PipelineExecution"), server.Url(""),
                                    "us-east-1");
  EXPECT_EQ(ex.outcome.state, ScopeState::kFailed);  // beta's listing failed: incomplete
  ASSERT_EQ(ex.envelopes.size(), 2u);                // alpha's two pages; gamma has none
  const json::value& first = ex.envelopes[0].at("Properties");
  EXPECT_EQ(KeysOf(first),
            (std::vector<std::string>{"ArtifactRevisions", "ExecutionMode", "ExecutionType",
                                      "LastUpdateTime", "PipelineExecutionId", "PipelineName",
                                      "PipelineVersion", "SourceRevisions", "StartTime", "Status",
                                      "Trigger", "Variables"}));
  EXPECT_EQ(first.at("PipelineExecutionId"), json::value("eb7ebd40-1111"));
  EXPECT_EQ(first.at("PipelineName"), json::value("alpha"));
  const json::value& second = ex.envelopes[1].at("Properties");
  EXPECT_EQ(second.at("PipelineExecutionId"), json::value("42ee4d10-2222"));
  EXPECT_EQ(second.at("StopTrigger"), json::parse(R"({"reason":"manual"})"));
  EXPECT_EQ(CountOf(server, "GetPipelineExecution"), 2);
  EXPECT_EQ(CountOf(server, "ListPipelineExecutions"), 4);  // alpha x2, beta, gamma

  auto ae = testenv::ExportOneScope(Kind("AWS::CodePipeline::ActionExecution"), server.Url(""),
                                    "us-east-1");
  EXPECT_EQ(ae.outcome.state, ScopeState::kFailed);
  ASSERT_EQ(ae.envelopes.size(), 2u);
  EXPECT_EQ(KeysOf(ae.envelopes[0].at("Properties")),
            (std::vector<std::string>{"ActionExecutionId", "ActionName", "Input", "LastUpdateTime",
                                      "Output", "PipelineExecutionId", "PipelineVersion",
                                      "StageName", "StartTime", "Status"}));
  EXPECT_EQ(ae.envelopes[1].at("Properties").at("UpdatedBy"),
            json::value("arn:aws:iam::123456789012:user/dev"));
  EXPECT_EQ(ae.envelopes[0].at("Properties").at("Input").at("actionTypeId").at("category"),
            json::value("Source"));  // nested values keep AWS's keys
}

// ServeCodePipeline, except: ListPipelines denied in eu-west-1, GetPipeline of "beta" and
// GetPipelineExecution of "42ee4d10-2222" failing (a 500 InternalFailure: not NotFound).
ScriptedResponse ServeWithFaults(const RecordedRequest& req) {
  std::string_view target = net::FindHeader(req.headers, "X-Amz-Target");
  std::string_view auth = net::FindHeader(req.headers, "Authorization");
  if (target.ends_with(".ListPipelines") && auth.find("/eu-west-1/") != std::string_view::npos) {
    return ScriptedResponse::AwsJsonError(400, "AccessDeniedException");
  }
  if (target.ends_with(".GetPipeline") && PipelineOf(req) == "beta") {
    return ScriptedResponse::AwsJsonError(400, "InternalFailure");
  }
  if (target.ends_with(".GetPipelineExecution") &&
      req.body.find("42ee4d10-2222") != std::string::npos) {
    return ScriptedResponse::AwsJsonError(400, "InternalFailure");
  }
  return ServeCodePipeline(req);
}

TEST(CodePipelineKinds, DeniedRegionSkippedAndAFailingDetailCallCostsOnlyItsResource) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(ServeWithFaults);
  auto denied = testenv::ExportOneScope(Kind("AWS::CodePipeline::Pipeline"), server.Url(""),
                                        "eu-west-1");
  EXPECT_EQ(denied.outcome.state, ScopeState::kSkipped);
  EXPECT_TRUE(denied.envelopes.empty());

  // beta's GetPipeline fails: beta keeps its summary, counted; alpha and gamma are whole.
  auto pipelines = testenv::ExportOneScope(Kind("AWS::CodePipeline::Pipeline"), server.Url(""),
                                           "us-east-1");
  EXPECT_EQ(pipelines.outcome.state, ScopeState::kComplete);
  EXPECT_EQ(pipelines.outcome.enrichment_errors, 1);
  ASSERT_EQ(pipelines.envelopes.size(), 3u);
  EXPECT_TRUE(pipelines.envelopes[0].at("Properties").as_object().contains("Stages"));
  EXPECT_FALSE(pipelines.envelopes[1].at("Properties").as_object().contains("Stages"));
  EXPECT_EQ(pipelines.envelopes[1].at("Properties").at("Name"), json::value("beta"));
  EXPECT_TRUE(pipelines.envelopes[2].at("Properties").as_object().contains("Stages"));

  // One execution's details fail: it keeps its summary; the other execution is whole.
  auto executions = testenv::ExportOneScope(Kind("AWS::CodePipeline::PipelineExecution"),
                                            server.Url(""), "us-east-1");
  EXPECT_EQ(executions.outcome.enrichment_errors, 1);
  ASSERT_EQ(executions.envelopes.size(), 2u);
  EXPECT_EQ(executions.envelopes[0].at("Properties").at("PipelineName"), json::value("alpha"));
  EXPECT_FALSE(executions.envelopes[1].at("Properties").as_object().contains("PipelineName"));
  EXPECT_EQ(executions.envelopes[1].at("Properties").at("Status"), json::value("Failed"));
}

TEST(CodePipelineKinds, GetByPipelineScopedIds) {
  testing_fakes::LoopbackHttpServer server;
  server.SetDefault(ServeCodePipeline);
  json::value pipeline = GetOne(Kind("AWS::CodePipeline::Pipeline"), server.Url(""), "alpha");
  ASSERT_TRUE(pipeline.is_object());
  EXPECT_EQ(pipeline.at("Properties").at("RoleArn"),
            json::value("arn:aws:iam::123456789012:role/cp"));

  json::value stage = GetOne(Kind("AWS::CodePipeline::Stage"), server.Url(""), "alpha/Build");
  ASSERT_TRUE(stage.is_object());
  EXPECT_EQ(stage.at("Properties").at("Order"), json::value(2));
  EXPECT_EQ(stage.at("Properties").at("PipelineName"), json::value("alpha"));
  EXPECT_TRUE(GetOne(Kind("AWS::CodePipeline::Stage"), server.Url(""), "alpha/Nope").is_null());
  EXPECT_TRUE(GetOne(Kind("AWS::CodePipeline::Stage"), server.Url(""), "missing/Build").is_null());

  json::value action =
      GetOne(Kind("AWS::CodePipeline::Action"), server.Url(""), "alpha/Build/Test");
  ASSERT_TRUE(action.is_object());
  EXPECT_EQ(action.at("Properties").at("RunOrder"), json::value(2));
  EXPECT_EQ(action.at("Properties").at("StageName"), json::value("Build"));

  json::value execution = GetOne(Kind("AWS::CodePipeline::PipelineExecution"), server.Url(""),
                                 "alpha/eb7ebd40-1111");
  ASSERT_TRUE(execution.is_object());
  EXPECT_EQ(execution.at("Properties").at("Status"), json::value("Succeeded"));
  EXPECT_EQ(execution.at("Properties").at("PipelineName"), json::value("alpha"));

  // On the second page of alpha's action executions.
  json::value ae = GetOne(Kind("AWS::CodePipeline::ActionExecution"), server.Url(""), "alpha/ae-2");
  ASSERT_TRUE(ae.is_object());
  EXPECT_EQ(ae.at("Properties").at("ActionName"), json::value("Build"));
  EXPECT_TRUE(
      GetOne(Kind("AWS::CodePipeline::ActionExecution"), server.Url(""), "alpha/ae-9").is_null());
}

}  // namespace
}  // namespace catalog
