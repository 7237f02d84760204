// The request a route handler sees and the reply it returns (ocean/server/http_server.h).
//
// HttpRequestView points into the connection's buffers: it is valid until the handler's awaitable
// completes. A handler that keeps anything beyond that (e.g. queues a webhook body) copies it.
//
// Thread-safety: plain values.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json.h"

namespace ocean::server {

struct HttpRequestView {
  std::string_view method;      // "GET", "POST", ... as sent
  std::string_view path;        // the target's path, percent-decoded, without the query
  std::string_view query;       // the raw text after '?', "" when none
  std::vector<std::pair<std::string_view, std::string_view>> headers;  // as received, in order
  std::string_view body;
  std::string_view request_id;  // the X-Request-ID this request's response carries

  // The first header named `name` (case-insensitive); "" when absent.
  std::string_view Header(std::string_view name) const;
};

struct HttpReply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers

  // `value` serialised compactly (core::WriteJson), as application/json.
  static HttpReply Json(int status, const json::value& value);
  static HttpReply Text(int status, std::string body,
                        std::string content_type = "text/plain; charset=utf-8");
};

using Handler = std::function<boost::asio::awaitable<HttpReply>(const HttpRequestView&)>;

}  // namespace ocean::server
