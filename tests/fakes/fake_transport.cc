#include "fakes/fake_transport.h"

namespace testing_fakes {

void FakeTransport::Enqueue(core::Result<net::HttpResponse> response) {
  queue_.push_back(std::move(response));
}

void FakeTransport::EnqueueResponse(int status, std::string body, net::Headers headers) {
  net::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  queue_.push_back(std::move(r));
}

boost::asio::awaitable<core::Result<net::HttpResponse>> FakeTransport::Send(
    net::HttpRequest request) {
  requests_.push_back(request);
  if (!queue_.empty()) {
    auto r = std::move(queue_.front());
    queue_.pop_front();
    co_return r;
  }
  if (handler_) co_return handler_(request);
  co_return core::Status::Internal("FakeTransport: unexpected request " + request.method + " " +
                                   request.url);
}

}  // namespace testing_fakes
