// HTTP request and response values, independent of any HTTP library.
//
// Thread-safety: plain values.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace net {

// Header names keep the case they were given; lookups are case-insensitive.
using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup; returns "" when absent. `found` (optional) tells absent from empty.
std::string_view FindHeader(const Headers& headers, std::string_view name, bool* found = nullptr);
// Replaces every header named `name` (case-insensitive) with one `name: value`.
void SetHeader(Headers& headers, std::string_view name, std::string value);

struct HttpRequest {
  std::string method = "GET";
  std::string url;      // absolute: scheme://host[:port]/path[?query], path and query encoded
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{30'000};  // whole exchange, connect included
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
};

}  // namespace net
