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

#include "aws/transport/http_transport.h"

namespace testing_fakes {

class FakeTransport final : public aws::HttpTransport {
 public:
  using Handler = std::function<core::Result<aws::HttpResponse>(const aws::HttpRequest&)>;

  FakeTransport() = default;
  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  // Queues an answer (response or transport failure) for the next request.
  void Enqueue(core::Result<aws::HttpResponse> response);
  void EnqueueResponse(int status, std::string body, aws::Headers headers = {});
  void SetHandler(Handler handler) { handler_ = std::move(handler); }

  // Implements aws::HttpTransport.
  boost::asio::awaitable<core::Result<aws::HttpResponse>> Send(aws::HttpRequest request) override;

  const std::vector<aws::HttpRequest>& requests() const { return requests_; }
  size_t pending() const { return queue_.size(); }

 private:
  Handler handler_;
  std::deque<core::Result<aws::HttpResponse>> queue_;
  std::vector<aws::HttpRequest> requests_;
};

}  // namespace testing_fakes
