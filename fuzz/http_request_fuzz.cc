// fuzz-layers: ocean catalog aws core
// Fuzzes the HTTP server's request parsing as ServeConnection does it: Beast's request parser
// with the server's default body limit, fed the bytes in chunks as a socket would deliver them
// (the first input byte picks the chunk size), then MakeRequestView (target split, path
// percent-decoding, headers, body) and the router lookup.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <algorithm>
#include <string>

#include "ocean/server/http_server.h"
#include "ocean/server/request_view.h"
#include "ocean/server/router.h"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk = 1 + data[0] % 64;
  boost::asio::const_buffer rest(data + 1, size - 1);

  http::request_parser<http::string_body> parser;
  parser.body_limit(ocean::server::HttpServerOptions{}.max_body_bytes);
  boost::beast::error_code ec;
  size_t offered = 0;
  while (!parser.is_done()) {
    offered = std::min(rest.size(), offered + chunk);
    if (offered == 0) break;
    size_t used = parser.put(boost::asio::buffer(rest.data(), offered), ec);
    if (ec == http::error::need_more) {
      if (offered == rest.size()) break;
      ec = {};
      continue;
    }
    if (ec) return 0;  // the server answers 400/413 and closes
    rest += used;
    offered = 0;
  }
  if (!parser.is_done()) return 0;

  const auto& req = parser.get();
  std::string path;
  ocean::server::HttpRequestView view = ocean::server::MakeRequestView(req, path, "fuzz");
  (void)view.Header("content-type");
  static ocean::server::Router* router = [] {
    auto* r = new ocean::server::Router;
    ocean::server::Handler none;
    r->Add("GET", "/health/live", none);
    r->Add("POST", "/resync", none);
    return r;
  }();
  (void)router->Find(view.method, view.path);
  (void)ocean::server::NormalizePathPrefix(view.path);
  return 0;
}
