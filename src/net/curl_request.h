// CurlRequest: one HTTP exchange as a libcurl easy handle: option setup from an HttpRequest and
// the mapping of the outcome (CURLcode + collected status/headers/body) to Result<HttpResponse>.
//
// Thread-safety: none; owned by CurlTransport on the io_context thread.
#pragma once

#include <curl/curl.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <optional>
#include <string>

#include "net/http_types.h"
#include "net/transport_options.h"
#include "core/result.h"

namespace net::transport_internal {

using SendHandler = boost::asio::any_completion_handler<void(core::Result<HttpResponse>)>;

struct CurlRequest {
  CurlRequest() = default;
  CurlRequest(const CurlRequest&) = delete;
  CurlRequest& operator=(const CurlRequest&) = delete;
  ~CurlRequest() { curl_slist_free_all(header_list); }

  CURL* easy = nullptr;  // borrowed from the transport's pool
  curl_slist* header_list = nullptr;
  std::string body;      // POSTFIELDS points here; must live until the handle is removed
  HttpResponse response;
  std::string where;     // "GET host:port", for messages
  long timeout_ms = 0;
  std::size_t max_body = 0;      // TransportOptions::max_response_bytes
  bool body_too_large = false;   // the write callback refused a chunk beyond max_body
  char errbuf[CURL_ERROR_SIZE] = {};
  // Optional only to be constructed in place: Boost 1.81's any_completion_handler move
  // assignment is broken (it copies an lvalue and recurses), its move constructor is fine.
  std::optional<SendHandler> handler;
  boost::asio::cancellation_slot slot;
};

// Sets the options that do not depend on the request, once per easy handle (a pooled handle
// keeps them from one request to the next instead of a curl_easy_reset and ~25 setopts each).
void ConfigureHandle(CURL* easy, const TransportOptions& options);

// Clears what a finished request left pointing into its CurlRequest (headers, body, buffers),
// so a pooled handle holds no dangling pointer; the options of ConfigureHandle() stay.
void ReleaseRequest(CURL* easy);

// Sets every per-request option of `r.easy` (a handle prepared by ConfigureHandle()) for `req`
// and moves the body into `r`. Fails with InvalidArgument when the URL cannot be parsed.
core::Status ConfigureEasy(CurlRequest& r, HttpRequest& req, const TransportOptions& options);

// The outcome of a finished transfer.
core::Result<HttpResponse> FinishEasy(CurlRequest& r, CURLcode code);

}  // namespace net::transport_internal
