// HttpTransport: the only way the process talks to the network (AWS engine and Port client).
//
// Send() completes with the response for any HTTP status (4xx/5xx are responses, not errors).
// It fails with Status::Unavailable for connection failures, resets and TLS errors, and with
// Status::DeadlineExceeded when req.timeout elapses; those failures never throw.
//
// Thread-safety: a transport belongs to one io_context; call Send() from coroutines running on
// that context. Many Send() calls may be in flight at once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <memory>

#include "net/http_types.h"
#include "core/result.h"

namespace net {

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual boost::asio::awaitable<core::Result<HttpResponse>> Send(HttpRequest request) = 0;
};

using HttpTransportPtr = std::shared_ptr<HttpTransport>;

}  // namespace net
