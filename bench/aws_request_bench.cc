// Per-request CPU of the AWS client (issue 13.2): AwsClient::Call against the fake endpoint
// (tools/fakeaws) served in-process on loopback on its own thread, keep-alive connections, one
// call after another: serialization, SigV4 signing, the curl transport (syscalls, timers,
// headers), response parsing and the retry/limiter bookkeeping. The time is the benchmark
// thread's CPU only (the fake runs on another thread): the counter cpu_us_per_request is the
// client's CPU per request in microseconds (target: < 60 us), answer_bytes the size of one
// answer (status line, headers and body) as the fake sent it.
//
// Each call goes out under its own account id of 1,000 (a label only: the fake serves one
// account), so that the client-side limiter keeps its bookkeeping per key but never paces: EC2's
// published 20/s would otherwise make a call wait ~50 ms on the limiter, and the benchmark would
// measure that waiting (scripts/bench_spread.py measures it) instead of the request.
//   BM_AwsRequestSqsListQueues         json 1.0, an empty account: the smallest answer
//   BM_AwsRequestSqsGetQueueAttributes json 1.0, AttributeNames=All of one queue (a per-resource
//                                      call of the SQS kind)
//   BM_AwsRequestEc2DescribeRegions    ec2 query/XML: the 17 regions
//   BM_AwsRequestEc2DescribeInstances  ec2 query/XML: a page of 10 instances
//   BM_AwsRequestS3GetBucketTagging    rest-xml, virtual-host style bucket on an IP endpoint
//                                      (so path style): a per-bucket call of the S3 kind
//   BM_AwsRequestInFlight/K            json 1.0 SQS ListQueues with K calls in flight at once
//                                      (K coroutines on one io_context, each calling in a loop),
//                                      as a resync keeps many requests in flight: the client's
//                                      CPU per request once a round trip no longer costs a
//                                      sleep and wake-up of its own (issue 13.2, session 10)
#include <benchmark/benchmark.h>
#include <time.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>

#include "aws/client.h"
#include "net/curl_transport.h"
#include "bench_inputs.h"
#include "fake_aws.h"
#include "fakes/run_coro.h"
#include "server.h"

namespace {

namespace asio = boost::asio;

constexpr int kCalls = 200;
constexpr int kAccountLabels = 1000;

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Setup {
  std::function<void(fakeaws::FakeConfig&)> universe;
  // Finds the call's parameters with the client (e.g. a queue URL); runs before the warm-up.
  std::function<json::object(aws::AwsClient&, const aws::CallTarget&, asio::io_context&)> params;
  int calls = kCalls;  // calls per benchmark iteration
  int in_flight = 1;   // coroutines calling in a loop at once
};

json::value CallOnce(aws::AwsClient& client, const aws::CallTarget& target, asio::io_context& io,
                     std::string_view service, std::string_view op, json::object params) {
  core::Result<json::value> r = testing_fakes::RunCoro(
      io, client.Call(target, service, op, std::move(params)));
  if (!r.ok()) bench::Die(std::string(service) + "." + std::string(op) + ": " + r.status().ToString());
  return std::move(*r);
}

void RunRequests(benchmark::State& state, std::string_view service, std::string_view operation,
                 const Setup& setup = {}) {
  const int calls_per_round = setup.calls;
  const int in_flight = setup.in_flight;
  fakeaws::FakeConfig config;
  config.accounts = 1;
  config.regions = {"us-east-1"};
  config.threads = 1;
  if (setup.universe) setup.universe(config);
  fakeaws::FakeAws fake(config);
  fakeaws::FakeAwsServer server(fake);
  if (core::Status st = server.Listen(); !st.ok()) bench::Die(st.ToString());
  server.Start();

  asio::io_context io;
  aws::AwsClient::Options opts;
  opts.endpoint_url = server.endpoint();
  opts.max_attempts = 1;
  aws::AwsClient client(io, net::MakeCurlTransport(io), opts);
  aws::Credentials creds{"AKIDBENCHBASE0000000", "secret", "", std::nullopt, ""};
  auto provider = std::make_shared<aws::StaticCredentialsProvider>(creds, "bench");
  std::vector<aws::CallTarget> targets(kAccountLabels);
  for (int i = 0; i < kAccountLabels; ++i) {
    targets[i].account_id = std::to_string(100000000000LL + i);
    targets[i].region = "us-east-1";
    targets[i].credentials = provider;
  }
  const json::object params = setup.params ? setup.params(client, targets[0], io) : json::object();
  size_t next = 0;
  int started = 0;  // calls started in the current round
  int failures = 0;
  auto worker = [&]() -> asio::awaitable<void> {
    while (started < calls_per_round) {
      ++started;
      const aws::CallTarget& target = targets[next++ % targets.size()];
      core::Result<json::value> r = co_await client.Call(target, service, operation, params);
      failures += r.ok() ? 0 : 1;
    }
  };
  auto round = [&]() {  // calls_per_round calls, `in_flight` at a time; returns the failed ones
    started = 0;
    failures = 0;
    for (int i = 0; i < in_flight; ++i) asio::co_spawn(io, worker(), asio::detached);
    io.restart();
    io.run();
    return failures;
  };
  round();  // warm-up: connections opened, models loaded
  const json::object before = fake.stats().ToJson();
  double cpu = 0;
  for (auto _ : state) {
    const double start = ThreadCpuSeconds();
    const int failed = round();
    cpu += ThreadCpuSeconds() - start;
    if (failed != 0) {
      state.SkipWithError("requests failed");
      break;
    }
  }
  const json::object after = fake.stats().ToJson();
  const double requests = static_cast<double>(state.iterations()) * calls_per_round;
  auto count = [](const json::object& o, std::string_view k) {
    return static_cast<double>(o.at(k).to_number<uint64_t>());
  };
  state.SetItemsProcessed(state.iterations() * calls_per_round);
  state.counters["cpu_us_per_request"] = cpu * 1e6 / requests;
  state.counters["answer_bytes"] =
      (count(after, "bytes_sent") - count(before, "bytes_sent")) /
      std::max(1.0, count(after, "requests") - count(before, "requests"));
  server.Stop();
}

void BM_AwsRequestSqsListQueues(benchmark::State& state) { RunRequests(state, "sqs", "ListQueues"); }

void BM_AwsRequestSqsGetQueueAttributes(benchmark::State& state) {
  Setup s;
  s.universe = [](fakeaws::FakeConfig& c) { c.sqs_queues = 1; };
  s.params = [](aws::AwsClient& client, const aws::CallTarget& t, asio::io_context& io) {
    json::value listed = CallOnce(client, t, io, "sqs", "ListQueues", {});
    const json::value* urls = listed.as_object().if_contains("QueueUrls");
    if (urls == nullptr || urls->as_array().empty()) bench::Die("the fake listed no queue");
    json::object p;
    p["QueueUrl"] = urls->as_array().front();
    p["AttributeNames"] = json::array{"All"};
    return p;
  };
  RunRequests(state, "sqs", "GetQueueAttributes", s);
}

void BM_AwsRequestEc2DescribeRegions(benchmark::State& state) {
  Setup s;
  s.universe = [](fakeaws::FakeConfig& c) { c.regions.clear(); };  // the 17 default regions
  RunRequests(state, "ec2", "DescribeRegions", s);
}

void BM_AwsRequestEc2DescribeInstances(benchmark::State& state) {
  Setup s;
  s.universe = [](fakeaws::FakeConfig& c) { c.ec2_instances = 10; };
  RunRequests(state, "ec2", "DescribeInstances", s);
}

void BM_AwsRequestS3GetBucketTagging(benchmark::State& state) {
  Setup s;
  s.universe = [](fakeaws::FakeConfig& c) { c.s3_buckets = 20; };
  s.params = [](aws::AwsClient& client, const aws::CallTarget& t, asio::io_context& io) {
    json::value listed = CallOnce(client, t, io, "s3", "ListBuckets", {});
    for (const json::value& b : listed.as_object().at("Buckets").as_array()) {
      json::object p;
      p["Bucket"] = b.as_object().at("Name");
      core::Result<json::value> tags =
          testing_fakes::RunCoro(io, client.Call(t, "s3", "GetBucketTagging", p));
      if (tags.ok()) return p;  // a bucket with tags (others answer NoSuchTagSet)
    }
    bench::Die("no bucket of the fake has tags");
  };
  RunRequests(state, "s3", "GetBucketTagging", s);
}

void BM_AwsRequestInFlight(benchmark::State& state) {
  Setup s;
  s.calls = 1000;  // a round ends with fewer than K in flight: keep that tail short
  s.in_flight = static_cast<int>(state.range(0));
  RunRequests(state, "sqs", "ListQueues", s);
}

BENCHMARK(BM_AwsRequestSqsListQueues)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AwsRequestSqsGetQueueAttributes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AwsRequestEc2DescribeRegions)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AwsRequestEc2DescribeInstances)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AwsRequestS3GetBucketTagging)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AwsRequestInFlight)->Arg(1)->Arg(4)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

}  // namespace
