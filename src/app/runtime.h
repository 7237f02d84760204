// Runtime: the event loop, transport, AWS client and STS adapter one command runs on, and the
// catalog's front door over them (catalog::Source), built once, the same way for every
// subcommand.
//
// Thread-safety: everything lives on `io`; run coroutines with RunToCompletion().
#pragma once

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <optional>
#include <string>

#include "aws/client.h"
#include "aws/sts_client.h"
#include "catalog/source.h"
#include "net/curl_transport.h"

namespace app {

struct Runtime {
  explicit Runtime(const std::string& endpoint_url, const std::string& default_region = "us-east-1");

  boost::asio::io_context io;
  std::shared_ptr<net::CurlTransport> transport;
  std::unique_ptr<aws::AwsClient> client;
  std::shared_ptr<aws::EngineStsApi> sts;
  std::unique_ptr<catalog::Source> source;  // over client, sts and transport

  // Runs `aw` on `io` until it completes and returns its value.
  template <typename T>
  T RunToCompletion(boost::asio::awaitable<T> aw) {
    std::optional<T> out;
    boost::asio::co_spawn(
        io, [&]() -> boost::asio::awaitable<void> { out.emplace(co_await std::move(aw)); },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
    io.restart();
    io.run();
    return std::move(*out);
  }
};

}  // namespace app
