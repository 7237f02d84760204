// Merge into the model (issue 5.3): what the exporter does between a parsed page and the
// envelopes it emits.
//   - BM_Ec2PageToEnvelopes1000: a parsed DescribeInstances page of 1,000 instances through the
//     EC2 kind's to_resources (reservations flattened, reservation fields into __ExtraContext),
//     upstream's property order and the envelope.
//   - BM_InspectMergeSqs100: catalog::Inspect on a batch of 100 SQS queues with two stub actions
//     (the attributes of GetQueueAttributes and the tags of ListQueueTags, already converted) —
//     the merge by identity, property ordering and envelopes, without any AWS call.
#include <benchmark/benchmark.h>

#include "bench_inputs.h"
#include "catalog/inspector.h"
#include "fakes/run_coro.h"

namespace {

namespace asio = boost::asio;

void BM_Ec2PageToEnvelopes1000(benchmark::State& state) {
  const catalog::KindSpec* kind = catalog::FindKind("AWS::EC2::Instance");
  json::value page =
      bench::Parse("ec2", "DescribeInstances", bench::MakeDescribeInstancesPage(100, 10));
  asio::io_context io;
  aws::AwsClient client(io, nullptr, {});
  catalog::AccountSession account;
  catalog::ListContext ctx{client, aws::CallTarget{}, account};
  const json::object base = bench::BaseExtra();
  for (auto _ : state) {
    std::vector<catalog::Resource> resources;
    resources.reserve(1000);
    for (const json::value& item : page.at("Reservations").as_array()) {
      core::Status st = kind->to_resources(ctx, item, base, resources);
      if (!st.ok()) {
        state.SkipWithError(st.ToString().c_str());
        return;
      }
    }
    std::vector<json::value> out;
    out.reserve(resources.size());
    for (catalog::Resource& r : resources) {
      out.push_back(catalog::MakeEnvelope(
          kind->name, catalog::OrderProperties(*kind, std::move(r.properties)),
          std::move(r.extra_context)));
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_Ec2PageToEnvelopes1000)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();

json::object QueueAttributes(const std::string& url) {
  json::object a;
  a["QueueArn"] = "arn:aws:sqs:us-east-1:123456789012:" + url.substr(url.rfind('/') + 1);
  a["ApproximateNumberOfMessages"] = 12;
  a["ApproximateNumberOfMessagesNotVisible"] = 0;
  a["ApproximateNumberOfMessagesDelayed"] = 0;
  a["CreatedTimestamp"] = "1700000000";
  a["LastModifiedTimestamp"] = "1700000100";
  a["VisibilityTimeout"] = 30;
  a["MaximumMessageSize"] = 262144;
  a["MessageRetentionPeriod"] = 345600;
  a["DelaySeconds"] = 0;
  a["ReceiveMessageWaitTimeSeconds"] = 0;
  a["SqsManagedSseEnabled"] = true;
  return a;
}

asio::awaitable<core::Result<catalog::Enrichments>> StubAttributes(
    catalog::ActionContext&, std::span<const catalog::Resource> rs) {
  catalog::Enrichments out;
  out.reserve(rs.size());
  for (const catalog::Resource& r : rs) out.emplace_back(r.id, QueueAttributes(r.id));
  co_return out;
}

asio::awaitable<core::Result<catalog::Enrichments>> StubTags(
    catalog::ActionContext&, std::span<const catalog::Resource> rs) {
  catalog::Enrichments out;
  out.reserve(rs.size());
  for (const catalog::Resource& r : rs) {
    json::object tags;
    tags["team"] = "platform";
    tags["env"] = "prod";
    json::object p;
    p["Tags"] = std::move(tags);
    out.emplace_back(r.id, std::move(p));
  }
  co_return out;
}

void BM_InspectMergeSqs100(benchmark::State& state) {
  const catalog::KindSpec* kind = catalog::FindKind("AWS::SQS::Queue");
  static const catalog::ActionSpec kAttributes{"StubAttributes", true, &StubAttributes, ""};
  static const catalog::ActionSpec kTags{"StubTags", true, &StubTags, ""};
  const catalog::ActionSpec* actions[] = {&kAttributes, &kTags};
  asio::io_context io;
  aws::AwsClient client(io, nullptr, {});
  catalog::AccountSession account;
  long errors = 0;
  catalog::ActionContext ctx{client, aws::CallTarget{}, account, &errors};
  std::vector<catalog::Resource> batch;
  for (int i = 0; i < 100; ++i) {
    std::string url = "https://sqs.us-east-1.amazonaws.com/123456789012/bench-queue-" +
                      std::to_string(i);
    json::object props;
    props["QueueUrl"] = url;
    batch.push_back(catalog::Resource{url, std::move(props), bench::BaseExtra()});
  }
  for (auto _ : state) {
    std::vector<json::value> out =
        testing_fakes::RunCoro(io, catalog::Inspect(*kind, ctx, batch, actions));
    if (out.size() != batch.size()) {
      state.SkipWithError("Inspect lost resources");
      return;
    }
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_InspectMergeSqs100)->Unit(benchmark::kMicrosecond)->MeasureProcessCPUTime();

}  // namespace
