// FakeTransport: an HttpTransport that answers from a FIFO of canned responses or from a handler
// function, and records every request (like botocore's Stubber). Never touches the network.
//
// An unexpected request (empty FIFO, no handler) is answered with Status::Internal naming it,
// so a test sees exactly which call it did not plan for.
//
// Thread-safety: single-threaded tests only.
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "net/http_transport.h"

namespace testing_fakes {

class FakeTransport final : public net::HttpTransport {
 public:
  using Handler = std::function<core::Result<net::HttpResponse>(const net::HttpRequest&)>;

  FakeTransport() = default;
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  // Queues an answer (response or transport failure) for the next request.
  void Enqueue(core::Result<net::HttpResponse> response);
  void EnqueueResponse(int status, std::string body, net::Headers headers = {});
  void SetHandler(Handler handler) { handler_ = std::move(handler); }

  // Implements net::HttpTransport.
  boost::asio::awaitable<core::Result<net::HttpResponse>> Send(net::HttpRequest request) override;

  const std::vector<net::HttpRequest>& requests() const { return requests_; }
  size_t pending() const { return queue_.size(); }

 private:
  Handler handler_;
  std::deque<core::Result<net::HttpResponse>> queue_;
  std::vector<net::HttpRequest> requests_;
};

}  // namespace testing_fakes
