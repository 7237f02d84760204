#include "net/curl_request.h"

#include <algorithm>

#include "net/uri.h"

namespace net::transport_internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t OnBody(char* data, size_t size, size_t n, void* userp) {
  auto* r = static_cast<CurlRequest*>(userp);
  if (r->max_body != 0 && size * n > r->max_body - std::min(r->max_body, r->response.body.size())) {
    r->body_too_large = true;  // returning less than given aborts the transfer now
    return 0;
  }
  r->response.body.append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* userp) {
  auto* r = static_cast<CurlRequest*>(userp);
  std::string_view line = Trim(std::string_view(data, size * n));
  if (line.starts_with("HTTP/")) {  // a new response (after 1xx or a proxy CONNECT): start over
    r->response.headers.clear();
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos && colon > 0) {
    r->response.headers.emplace_back(std::string(line.substr(0, colon)),
                                     std::string(Trim(line.substr(colon + 1))));
  }
  return size * n;
}

void AddHeader(curl_slist*& list, const char* line) { list = curl_slist_append(list, line); }

}  // namespace

void ConfigureHandle(CURL* e, const TransportOptions& options) {
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
                   options.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_bundle.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_bundle.c_str());
  curl_easy_setopt(e, CURLOPT_NOPROXY, options.proxy.no_proxy.c_str());
  curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  if (options.accept_compressed) curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &OnHeader);
}

void ReleaseRequest(CURL* e) {
  static char kEmpty[] = "";
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(0));
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, kEmpty);  // never left pointing at a freed body
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(e, CURLOPT_PRIVATE, nullptr);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, nullptr);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, nullptr);
}

core::Status ConfigureEasy(CurlRequest& r, HttpRequest& req, const TransportOptions& options) {
  auto url = ParseUrl(req.url);
  if (!url.ok()) return core::Status::InvalidArgument("bad request URL: " + url.status().message());
  if (url->scheme != "http" && url->scheme != "https") {
    return core::Status::InvalidArgument("request URL scheme must be http or https");
  }
  r.where = req.method + " " + url->HostHeader();
  r.timeout_ms = static_cast<long>(std::max<int64_t>(1, req.timeout.count()));
  r.max_body = options.max_response_bytes;
  CURL* e = r.easy;

  // Everything that does not depend on the request was set once by ConfigureHandle().
  curl_easy_setopt(e, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, &r);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r.errbuf);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, r.timeout_ms);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   std::min<long>(r.timeout_ms, static_cast<long>(options.connect_timeout.count())));
  // An explicit proxy ("" = none) stops libcurl from consulting the environment on its own.
  const std::string& proxy =
      url->scheme == "https" ? options.proxy.https_proxy : options.proxy.http_proxy;
  curl_easy_setopt(e, CURLOPT_PROXY, proxy.c_str());
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &r);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &r);

  r.body = std::move(req.body);
  const std::string& m = req.method;
  bool sends_body = !r.body.empty() || m == "POST" || m == "PUT" || m == "PATCH";
  // The handle may come from an earlier request: every method option is set or cleared here.
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, nullptr);
  if (m == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (!sends_body) {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);  // also clears NOBODY
    if (m != "GET") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
  } else {
    curl_easy_setopt(e, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r.body.data());
    if (m != "POST") curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
  }

  // Send exactly the caller's (signed) headers: "Name;" is libcurl's syntax for an empty value,
  // "Name:" removes a header libcurl would add on its own.
  bool found = false;
  std::string line;
  for (const auto& [name, value] : req.headers) {
    line.assign(name);
    if (value.empty()) {
      line.push_back(';');
    } else {
      line.append(": ").append(value);
    }
    AddHeader(r.header_list, line.c_str());
  }
  FindHeader(req.headers, "Expect", &found);
  if (!found) AddHeader(r.header_list, "Expect:");  // no 100-continue round trip
  FindHeader(req.headers, "Content-Type", &found);
  if (!found && sends_body) AddHeader(r.header_list, "Content-Type:");
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, r.header_list);
  return core::Status::Ok();
}

core::Result<HttpResponse> FinishEasy(CurlRequest& r, CURLcode code) {
  std::string detail = r.errbuf[0] != '\0' ? r.errbuf : curl_easy_strerror(code);
  if (r.body_too_large) {  // not retried: the same request would bring the same body
    return core::Status::RemoteError(
        r.where + ": response body larger than " + std::to_string(r.max_body) +
        " bytes, aborted while receiving (OCEAN_AWS_MAX_RESPONSE_BYTES raises the limit)");
  }
  switch (code) {
    case CURLE_OK: {
      long status = 0;
      curl_easy_getinfo(r.easy, CURLINFO_RESPONSE_CODE, &status);
      r.response.status = static_cast<int>(status);
      return std::move(r.response);
    }
    case CURLE_OPERATION_TIMEDOUT:
      return core::Status::DeadlineExceeded(r.where + ": no complete response within " +
                                            std::to_string(r.timeout_ms) + " ms (" + detail + ")");
    case CURLE_URL_MALFORMAT:
      return core::Status::InvalidArgument(r.where + ": " + detail);
    case CURLE_OUT_OF_MEMORY:
      return core::Status::Internal(r.where + ": " + detail);
    default:
      return core::Status::Unavailable(r.where + ": " + detail);
  }
}

}  // namespace net::transport_internal
