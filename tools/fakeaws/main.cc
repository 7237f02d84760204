// ocean-aws-fakeaws: a fast local AWS-compatible endpoint for benchmarks and fault tests.
// See tools/fakeaws/README.md. Prints "READY <port>" on stdout once listening; SIGINT/SIGTERM
// stop it and print the final stats (JSON) on stderr.
#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "fake_aws.h"
#include "server.h"

namespace {

int Fail(const core::Status& st) {
  std::cerr << "ocean-aws-fakeaws: " << st.message() << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{
      "ocean-aws-fakeaws: a local AWS-compatible endpoint with synthetic resources, "
      "throttling, latency and faults"};
  std::string config_file;
  fakeaws::FakeConfig flags;
  std::vector<std::string> limits, faults, regions, removed, kind_counts, denied, failing;
  std::vector<std::string> cc_types;
  std::vector<std::string> cc_bare;
  bool no_throttle = false;
  cli.add_option("--config", config_file, "JSON config file (flags override it)");
  cli.add_option("--host", flags.host, "Listen address (default 127.0.0.1)");
  cli.add_option("--port", flags.port, "Port (0: any free port)");
  cli.add_option("--threads", flags.threads, "Serving threads (default 1)");
  cli.add_option("--seed", flags.seed, "Seed of every synthetic value");
  cli.add_option("--accounts", flags.accounts, "Number of accounts");
  cli.add_option("--first-account", flags.first_account, "First (default) account id");
  cli.add_option("--regions", regions, "Regions (default: the 17 enabled by default)")
      ->delimiter(',');
  cli.add_option("--ec2-instances", flags.ec2_instances, "EC2 instances per populated region");
  cli.add_option("--sqs-queues", flags.sqs_queues, "SQS queues per populated region");
  cli.add_option("--ecs-clusters", flags.ecs_clusters, "ECS clusters per populated region");
  cli.add_option("--s3-buckets", flags.s3_buckets, "S3 buckets per populated account");
  cli.add_option("--kind-resources", flags.kind_resources,
                 "Resources of every other kind of the kind table per populated scope");
  cli.add_option("--kind-count", kind_counts, "KIND=N: resources of one kind (repeatable)");
  cli.add_option("--cloudcontrol-type", cc_types,
                 "A Cloud Control type served (repeatable; replaces the default types)");
  cli.add_option("--cloudcontrol-identifier-only", cc_bare,
                 "A served Cloud Control type whose list gives identifiers only (repeatable)");
  cli.add_option("--page-cap", flags.page_cap, "Largest page a list call returns (0: API's)");
  cli.add_option("--deny-region", denied, "Calls in this region are access denied (repeatable)");
  cli.add_option("--fail-id", failing, "Detail calls for this identity fail (repeatable)");
  cli.add_option("--populated", flags.populated, "Share of scopes holding resources (0..1)");
  cli.add_option("--remove", removed, "A resource id that no longer exists (repeatable)");
  cli.add_flag("--throttle", flags.throttle, "Token-bucket throttling with AWS's limits");
  cli.add_flag("--no-throttle", no_throttle, "Turn throttling off (over a config file)");
  cli.add_option("--limit", limits, "SERVICE:OP=BURST/REFILL override (repeatable)");
  cli.add_option("--latency-ms", flags.latency_ms, "Fixed latency before every AWS answer");
  cli.add_option("--jitter-ms", flags.jitter_ms, "Uniform extra latency in [0, jitter)");
  cli.add_option("--fault", faults, "TYPE:p=P or TYPE:every=N (repeatable)");
  cli.add_option("--slow-body-ms", flags.slow_body_ms, "Duration of a slow body's trickle");
  cli.add_option("--fault-seed", flags.fault_seed, "Seed of the fault schedule");
  CLI11_PARSE(cli, argc, argv);

  fakeaws::FakeConfig config;
  if (!config_file.empty()) {
    std::ifstream in(config_file);
    if (!in) return Fail(core::Status::NotFound("cannot read config file " + config_file));
    std::stringstream ss;
    ss << in.rdbuf();
    core::Result<json::value> doc = core::ParseJson(ss.str(), config_file);
    if (!doc.ok()) return Fail(doc.status());
    if (!doc->is_object())
      return Fail(core::Status::InvalidArgument(config_file + ": not an object"));
    core::Result<fakeaws::FakeConfig> c = fakeaws::ConfigFromJson(doc->get_object());
    if (!c.ok()) return Fail(c.status().WithContext(config_file));
    config = std::move(*c);
  }
  // Flags given on the command line override the file.
  auto given = [&](const char* name) { return cli.count(name) > 0; };
  if (given("--host")) config.host = flags.host;
  if (given("--port")) config.port = flags.port;
  if (given("--threads")) config.threads = flags.threads;
  if (given("--seed")) config.seed = flags.seed;
  if (given("--accounts")) config.accounts = flags.accounts;
  if (given("--first-account")) config.first_account = flags.first_account;
  if (given("--regions")) config.regions = regions;
  if (given("--ec2-instances")) config.ec2_instances = flags.ec2_instances;
  if (given("--sqs-queues")) config.sqs_queues = flags.sqs_queues;
  if (given("--ecs-clusters")) config.ecs_clusters = flags.ecs_clusters;
  if (given("--s3-buckets")) config.s3_buckets = flags.s3_buckets;
  if (given("--populated")) config.populated = flags.populated;
  if (given("--kind-resources")) config.kind_resources = flags.kind_resources;
  if (given("--page-cap")) config.page_cap = flags.page_cap;
  for (const std::string& kc : kind_counts) {
    size_t eq = kc.rfind('=');
    uint64_t n = 0;
    if (eq == kc.npos || std::from_chars(kc.data() + eq + 1, kc.data() + kc.size(), n).ec !=
                             std::errc()) {
      return Fail(core::Status::InvalidArgument("--kind-count " + kc + ": expected KIND=N"));
    }
    config.kind_counts[kc.substr(0, eq)] = n;
  }
  if (!cc_types.empty()) config.cloudcontrol_types = cc_types;
  for (const std::string& t : cc_bare) config.cloudcontrol_identifier_only.push_back(t);
  for (const std::string& r : denied) config.denied_regions.push_back(r);
  for (const std::string& f : failing) config.failing_ids.push_back(f);
  if (given("--latency-ms")) config.latency_ms = flags.latency_ms;
  if (given("--jitter-ms")) config.jitter_ms = flags.jitter_ms;
  if (given("--slow-body-ms")) config.slow_body_ms = flags.slow_body_ms;
  if (given("--fault-seed")) config.fault_seed = flags.fault_seed;
  if (flags.throttle) config.throttle = true;
  if (no_throttle) config.throttle = false;
  for (const std::string& r : removed) config.removed.push_back(r);
  for (const std::string& l : limits) {
    if (core::Status st = fakeaws::ParseLimitFlag(l, config); !st.ok()) return Fail(st);
  }
  for (const std::string& f : faults) {
    if (core::Status st = fakeaws::ParseFaultFlag(f, config); !st.ok()) return Fail(st);
  }
  if (core::Status st = fakeaws::Validate(config); !st.ok()) return Fail(st);

  fakeaws::FakeAws fake(config);
  fakeaws::FakeAwsServer server(fake);
  if (core::Status st = server.Listen(); !st.ok()) return Fail(st);
  boost::asio::signal_set signals(server.io(), SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int) { server.io().stop(); });
  std::cout << "READY " << server.port() << std::endl;
  server.Run();
  std::cerr << core::WriteJson(fake.StatsJson(false)) << std::endl;
  return 0;
}
