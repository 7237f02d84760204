#include "net/curl_transport.h"

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <set>
#include <unordered_map>
#include <vector>

#include "net/curl_multi.h"
#include "net/curl_request.h"

namespace net {

using transport_internal::CurlMulti;
using transport_internal::CurlRequest;
using transport_internal::SendHandler;

namespace {

constexpr size_t kMaxPooledEasyHandles = 256;

// Shuts every live transport down when its io_context shuts down, while the io_context's
// services still exist (so descriptors and timers are released in a valid order).
class ShutdownService final : public boost::asio::execution_context::service {
 public:
  using key_type = ShutdownService;
  static inline boost::asio::execution_context::id id;
  explicit ShutdownService(boost::asio::execution_context& ctx) : service(ctx) {}
  void Add(CurlTransport::Impl* t) { live_.insert(t); }
  void Erase(CurlTransport::Impl* t) { live_.erase(t); }
  void shutdown() override;

 private:
  std::set<CurlTransport::Impl*> live_;
};

}  // namespace

class CurlTransport::Impl {
 public:
  Impl(boost::asio::io_context& ioc, TransportOptions options)
      : ioc_(ioc),
        options_(std::move(options)),
        multi_(ioc, options_, [this](CURL* easy, CURLcode code) { OnDone(easy, code); }),
        service_(&boost::asio::use_service<ShutdownService>(ioc)) {
    service_->Add(this);
  }

  ~Impl() {
    Shutdown();
    if (service_ != nullptr) service_->Erase(this);
  }

  void Start(HttpRequest request, SendHandler handler) {
    if (multi_.shut_down()) {
      Post(std::move(handler), core::Status::Aborted("HTTP transport is shut down"));
      return;
    }
    auto r = std::make_unique<CurlRequest>();
    r->easy = TakeEasy();
    if (r->easy == nullptr) {
      Post(std::move(handler), core::Status::Internal("curl_easy_init failed"));
      return;
    }
    if (core::Status st = ConfigureEasy(*r, request, options_); !st.ok()) {
      GiveBackEasy(r->easy);
      Post(std::move(handler), st);
      return;
    }
    if (CURLMcode mc = multi_.Add(r->easy); mc != CURLM_OK) {
      GiveBackEasy(r->easy);
      Post(std::move(handler),
           core::Status::Internal(r->where + ": " + curl_multi_strerror(mc)));
      return;
    }
    r->slot = boost::asio::get_associated_cancellation_slot(handler);
    if (r->slot.is_connected()) {
      CURL* easy = r->easy;
      r->slot.assign([this, easy](boost::asio::cancellation_type) {
        Finish(easy, core::Status::Aborted("HTTP request cancelled"));
      });
    }
    r->handler.emplace(std::move(handler));
    ++counters_.requests_started;
    ++counters_.in_flight;
    active_.emplace(r->easy, std::move(r));
  }

  // Drops every in-flight request (its coroutine is destroyed, not resumed) and the multi.
  void Shutdown() {
    auto active = std::move(active_);
    active_.clear();
    for (auto& [easy, r] : active) {
      if (r->slot.is_connected()) r->slot.clear();
      multi_.Remove(easy);
      curl_easy_cleanup(easy);
      r->easy = nullptr;
    }
    counters_.in_flight = 0;
    active.clear();  // destroys the handlers
    for (CURL* e : pool_) curl_easy_cleanup(e);
    pool_.clear();
    multi_.Shutdown();
  }

  void Detach() { service_ = nullptr; }

  TransportCounters counters() const {
    TransportCounters c = counters_;
    c.sockets_opened = multi_.sockets_opened();
    c.timer_sets = multi_.timer_sets();
    return c;
  }

 private:
  void OnDone(CURL* easy, CURLcode code) {
    auto it = active_.find(easy);
    if (it == active_.end()) {
      multi_.Remove(easy);
      return;
    }
    long connects = 0;
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
    counters_.connections_opened += static_cast<uint64_t>(connects);
    Finish(easy, FinishEasy(*it->second, code));
  }

  void Finish(CURL* easy, core::Result<HttpResponse> result) {
    auto it = active_.find(easy);
    if (it == active_.end()) return;
    std::unique_ptr<CurlRequest> r = std::move(it->second);
    active_.erase(it);
    multi_.Remove(easy);
    GiveBackEasy(easy);
    --counters_.in_flight;
    ++(result.ok() ? counters_.responses : counters_.failures);
    if (r->slot.is_connected()) r->slot.clear();
    Post(std::move(*r->handler), std::move(result));
  }

  // Completes `handler` later, never from inside a libcurl callback. The transport and its
  // callers share one single-threaded io_context, so running it there is running it in place.
  void Post(SendHandler handler, core::Result<HttpResponse> result) {
    // any_completion_handler's converting constructor makes a lambda holding one look copyable
    // (and copying it recurses), so the lambda holds it through a unique_ptr.
    auto h = std::make_unique<SendHandler>(std::move(handler));
    boost::asio::post(ioc_, [h = std::move(h), res = std::move(result)]() mutable {
      std::move (*h)(std::move(res));
    });
  }

  // A pooled handle keeps the options every request shares (ConfigureHandle, the socket
  // callbacks); only the per-request ones are set again (ConfigureEasy).
  CURL* TakeEasy() {
    if (pool_.empty()) {
      CURL* e = curl_easy_init();
      if (e == nullptr) return nullptr;
      transport_internal::ConfigureHandle(e, options_);
      multi_.PrepareEasy(e);
      return e;
    }
    CURL* e = pool_.back();
    pool_.pop_back();
    return e;
  }

  void GiveBackEasy(CURL* e) {
    if (pool_.size() >= kMaxPooledEasyHandles) {
      curl_easy_cleanup(e);
      return;
    }
    transport_internal::ReleaseRequest(e);
    pool_.push_back(e);
  }

  boost::asio::io_context& ioc_;
  TransportOptions options_;
  CurlMulti multi_;
  ShutdownService* service_;  // null once the io_context has shut down
  std::unordered_map<CURL*, std::unique_ptr<CurlRequest>> active_;
  std::vector<CURL*> pool_;  // reset easy handles ready for reuse
  TransportCounters counters_;
};

namespace {

void ShutdownService::shutdown() {
  auto live = std::move(live_);
  live_.clear();
  for (CurlTransport::Impl* t : live) {
    t->Shutdown();
    t->Detach();
  }
}

}  // namespace

CurlTransport::CurlTransport(boost::asio::io_context& ioc, TransportOptions options)
    : impl_(std::make_unique<Impl>(ioc, std::move(options))) {}

CurlTransport::~CurlTransport() = default;

boost::asio::awaitable<core::Result<HttpResponse>> CurlTransport::Send(HttpRequest request) {
  Impl* impl = impl_.get();
  co_return co_await boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                                 void(core::Result<HttpResponse>)>(
      [impl](auto handler, HttpRequest req) { impl->Start(std::move(req), std::move(handler)); },
      boost::asio::use_awaitable, std::move(request));
}

TransportCounters CurlTransport::counters() const { return impl_->counters(); }

void CurlTransport::Shutdown() { impl_->Shutdown(); }

std::shared_ptr<CurlTransport> MakeCurlTransport(boost::asio::io_context& ioc,
                                                 TransportOptions options) {
  return std::make_shared<CurlTransport>(ioc, std::move(options));
}

std::shared_ptr<CurlTransport> MakeCurlTransport(boost::asio::io_context& ioc) {
  return MakeCurlTransport(ioc, TransportOptions::FromEnvironment());
}

}  // namespace net
