// Per-request CPU of the AWS client (issue 13.2): AwsClient::Call against the fake endpoint
// (tools/fakeaws) served in-process on loopback on its own thread, keep-alive connections, one
// call after another: serialization, SigV4 signing, the curl transport (syscalls, timers,
// headers), response parsing and the retry/limiter bookkeeping. The time is the benchmark
// thread's CPU only (the fake runs on another thread), so 1e6 / items_per_second is the client's
// CPU per request in microseconds. Target: < 60 us.
//   BM_AwsRequestSqsListQueues   sqs ListQueues (json 1.0), an empty account: small answer
//   BM_AwsRequestEc2DescribeRegions ec2 DescribeRegions (ec2 query/XML): the 17 regions
#include <benchmark/benchmark.h>

#include <boost/asio/io_context.hpp>

#include "aws/client.h"
#include "net/curl_transport.h"
#include "bench_inputs.h"
#include "fake_aws.h"
#include "fakes/run_coro.h"
#include "server.h"

namespace {

namespace asio = boost::asio;

void RunRequests(benchmark::State& state, std::string_view service, std::string_view operation) {
  fakeaws::FakeConfig config;
  config.accounts = 1;
  config.regions = {"us-east-1"};
  config.threads = 1;
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
  aws::CallTarget target;
  target.account_id = "123456789012";
  target.region = "us-east-1";
  target.credentials = std::make_shared<aws::StaticCredentialsProvider>(creds, "bench");
  constexpr int kCalls = 200;
  auto calls = [&]() -> asio::awaitable<int> {
    int failed = 0;
    for (int i = 0; i < kCalls; ++i) {
      core::Result<json::value> r = co_await client.Call(target, service, operation, json::object());
      failed += r.ok() ? 0 : 1;
    }
    co_return failed;
  };
  testing_fakes::RunCoro(io, calls());  // warm-up: connections opened, models loaded
  for (auto _ : state) {
    if (int failed = testing_fakes::RunCoro(io, calls()); failed != 0) {
      state.SkipWithError("requests failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * kCalls);
  server.Stop();
}

void BM_AwsRequestSqsListQueues(benchmark::State& state) { RunRequests(state, "sqs", "ListQueues"); }
void BM_AwsRequestEc2DescribeRegions(benchmark::State& state) { RunRequests(state, "ec2", "DescribeRegions"); }

BENCHMARK(BM_AwsRequestSqsListQueues)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AwsRequestEc2DescribeRegions)->Unit(benchmark::kMillisecond);

}  // namespace
