#include "fakes/scope_export.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include "net/curl_transport.h"
#include "catalog/scope_exporter.h"

namespace testenv {

namespace asio = boost::asio;

catalog::AccountSession TestAccount(std::string partition) {
  aws::Credentials c{"testing", "testing", "", std::nullopt, ""};
  catalog::AccountSession account{{"123456789012", "Account 123456789012", {}},
                                  std::make_shared<aws::StaticCredentialsProvider>(c, "test")};
  account.partition = std::move(partition);
  return account;
}

aws::AwsClient::Options TestClientOptions(const std::string& endpoint) {
  aws::AwsClient::Options opts;
  opts.endpoint_url = endpoint;
  opts.max_attempts = 1;
  return opts;
}

ScopeExport ExportOneScope(const catalog::KindSpec& kind, const std::string& endpoint,
                           const std::string& region, const std::vector<std::string>& include,
                           catalog::AccountSession account) {
  asio::io_context io;
  aws::AwsClient client(io, net::MakeCurlTransport(io), TestClientOptions(endpoint));
  ScopeExport out;
  auto actions = catalog::SelectActions(kind, include, &out.unknown_actions);
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        out.outcome = co_await catalog::ExportScope(
            kind, client, account, region, actions,
            [&](std::vector<json::value> batch) -> asio::awaitable<core::Status> {
              out.batch_sizes.push_back(batch.size());
              for (auto& e : batch) out.envelopes.push_back(std::move(e));
              co_return core::Status::Ok();
            });
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  return out;
}

}  // namespace testenv
