// fuzz-layers: ocean catalog aws core
// Fuzzes the HTTP server's request parsing as ServeConnection does it: Beast's request parser
// with the server's default body limit, fed the bytes in chunks as a socket would deliver them
// (the first input byte picks how many new bytes each read adds), then MakeRequestView (target split, path
// percent-decoding, headers, body) and the router lookup.
// Boost 1.81's Beast asserts (n >= 5 in parse_chunk_header) on a valid stream: a body whose
// first chunk is the final one ("0\r\n") arriving a few bytes at a time (boostorg/beast#2861,
// fixed in 1.86: the code after the assert handles it; only the assert is wrong). The product's
// release build has NDEBUG, so the server is unaffected; this TU (whose parser instantiation
// the harness links first) drops Boost's asserts so fuzzing continues past it.
// fuzz/regressions/http_request/beast-final-chunk-trickle replays that input.
#define BOOST_DISABLE_ASSERTS
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
  // Beast's contract (kept by async_read's buffer): bytes offered but not consumed are offered
  // again, followed by new ones, never fewer.
  size_t offered = 0;
  bool consumed = false;  // the last put consumed bytes: offer the rest again as it is
  while (!parser.is_done()) {
    size_t available = std::min(rest.size(), offered + chunk);
    if (available == offered && !consumed) break;  // the client sent nothing more
    offered = available;
    size_t used = parser.put(boost::asio::buffer(rest.data(), offered), ec);
    rest += used;  // consumed even when it also asks for more (as read() does)
    offered -= used;
    consumed = used > 0;
    if (ec == http::error::need_more) {
      ec = {};
      continue;
    }
    if (ec) return 0;  // the server answers 400/413 and closes
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
