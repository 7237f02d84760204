#include "app/aws_command.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "aws/auth/default_chain.h"
#include "aws/client.h"
#include "aws/config/region.h"
#include "aws/pagination/paginator.h"
#include "aws/sts_client.h"
#include "net/curl_transport.h"
#include "core/json.h"
#include "core/redact.h"

namespace app {

namespace asio = boost::asio;
using core::Result;
using core::Status;

CLI::App* AddAwsCommand(CLI::App& cli, AwsCommandOptions& o) {
  CLI::App* cmd = cli.add_subcommand("aws", "Call one AWS operation and print the result as JSON");
  cmd->add_option("service", o.service, "Service, e.g. ec2, s3, sts")->required();
  cmd->add_option("operation", o.operation,
                  "Operation, e.g. DescribeInstances or describe-instances")->required();
  cmd->add_option("--params", o.params, "Parameters as a JSON object, or @file");
  cmd->add_option("--region", o.region, "Region (default: AWS_REGION, AWS_DEFAULT_REGION, profile)");
  cmd->add_option("--profile", o.profile, "Shared-config profile")->envname("AWS_PROFILE");
  cmd->add_option("--endpoint-url", o.endpoint_url, "Send requests to this endpoint");
  cmd->add_flag("--paginate", o.paginate, "Follow every page and aggregate like the AWS CLI");
  cmd->add_option("--page-size", o.page_size, "Items per page (default: the API's largest)");
  cmd->add_flag("--compact", o.compact, "Print one line of JSON");
  return cmd;
}

namespace {

Result<json::object> ReadParams(const std::string& text) {
  std::string body = text;
  std::string what = "--params";
  if (!text.empty() && text[0] == '@') {
    std::ifstream in(text.substr(1));
    if (!in) return Status::InvalidArgument("cannot read params file '" + text.substr(1) + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    body = ss.str();
    what = text.substr(1);
  }
  CORE_ASSIGN_OR_RETURN(json::value v, core::ParseJson(body, what));
  if (!v.is_object()) return Status::InvalidArgument(what + ": parameters must be a JSON object");
  return std::move(v.get_object());
}

asio::awaitable<Result<json::value>> Execute(aws::AwsClient& client, aws::CallTarget target,
                                             const AwsCommandOptions& o, json::object params) {
  Result<const aws::model::ServiceModel*> svc = aws::model::GetService(o.service);
  if (!svc.ok()) co_return svc.status();
  const aws::model::Operation* op = (*svc)->FindOperation(o.operation);
  if (!op) {
    co_return Status::InvalidArgument("service '" + o.service + "' has no operation '" +
                                      o.operation + "' (see: ocean-aws models " + o.service + ")");
  }
  if (!o.paginate) co_return co_await client.Call(target, **svc, *op, std::move(params));
  if (!op->paginator) co_return Status::InvalidArgument(op->name + " is not pageable");
  aws::pagination::PageOptions popts;
  if (o.page_size > 0) popts.page_size = o.page_size;
  aws::pagination::PageIterator pages(
      [&](const json::object& p) { return client.Call(target, **svc, *op, p); }, **svc, *op,
      std::move(params), popts);
  aws::pagination::FullResult full(*op->paginator);
  while (true) {
    Result<std::optional<json::value>> page = co_await pages.Next();
    if (!page.ok()) co_return page.status();
    if (!*page) break;
    Status st = full.Add(std::move(**page));
    if (!st.ok()) co_return st;
  }
  co_return std::move(full).Finish();
}

}  // namespace

int RunAwsCommand(const AwsCommandOptions& o) {
  Result<json::object> params = ReadParams(o.params);
  if (!params.ok()) {
    std::cerr << "error: " << core::Redact(params.status().message()) << "\n";
    return 2;
  }
  std::string region = o.region;
  if (region.empty()) {
    Result<aws::RegionSource> r = aws::ResolveRegion(o.profile);
    region = r.ok() ? r->region : "us-east-1";  // global services work without one
  }
  asio::io_context io;
  auto transport = net::MakeCurlTransport(io, net::TransportOptions::FromEnvironment());
  aws::AwsClient::Options copts;
  copts.endpoint_url = o.endpoint_url;
  aws::AwsClient client(io, transport, copts);
  aws::DefaultChainOptions chain;
  chain.profile = o.profile;
  chain.sts = std::make_shared<aws::EngineStsApi>(client, region);
  chain.transport = transport;
  chain.region = region;
  aws::CallTarget target{std::make_shared<aws::DefaultCredentialsChain>(std::move(chain)), region,
                         ""};
  std::optional<Result<json::value>> result;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        result.emplace(co_await Execute(client, target, o, std::move(*params)));
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  if (!result || !result->ok()) {
    std::cerr << "error: " << (result ? core::Redact(result->status().message()) : "no result") << "\n";
    return result && result->status().code() == core::StatusCode::kInvalidArgument ? 2 : 1;
  }
  std::cout << (o.compact ? core::WriteJson(**result) : core::WriteJsonPretty(**result)) << "\n";
  return 0;
}

}  // namespace app
