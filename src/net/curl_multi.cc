#include "net/curl_multi.h"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <mutex>

#include "core/log.h"

namespace net::transport_internal {
namespace {

constexpr int kRead = 0;
constexpr int kWrite = 1;
constexpr int kPollBit[2] = {CURL_POLL_IN, CURL_POLL_OUT};
constexpr int kSelectBit[2] = {CURL_CSELECT_IN, CURL_CSELECT_OUT};

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

struct CurlMulti::Watch {
  Watch(boost::asio::io_context& ioc, curl_socket_t f, bool own) : desc(ioc), fd(f), owned(own) {}
  boost::asio::posix::stream_descriptor desc;
  curl_socket_t fd;
  bool owned;           // created by OpenSocket(); we close it in CloseSocket()
  bool closed = false;  // closed or released; pending handlers must ignore it
  int want = 0;         // CURL_POLL_IN / CURL_POLL_OUT bits libcurl asked for
  bool waiting[2] = {false, false};  // a wait (or an immediate action) is queued per direction
};

CurlMulti::CurlMulti(boost::asio::io_context& ioc, const TransportOptions& options, DoneFn on_done)
    : ioc_(ioc), on_done_(std::move(on_done)) {
  GlobalInitOnce();
  timer_.emplace(ioc_);
  multi_ = curl_multi_init();
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::SocketCallback);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::TimerCallback);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
  curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.max_total_connections);
  if (options.max_cached_connections > 0) {
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, options.max_cached_connections);
    fixed_cache_size_ = true;
  }
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING,
                    options.http2 ? CURLPIPE_MULTIPLEX : CURLPIPE_NOTHING);
}

CurlMulti::~CurlMulti() { Shutdown(); }

void CurlMulti::PrepareEasy(CURL* easy) {
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &CurlMulti::OpenSocketCallback);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &CurlMulti::CloseSocketCallback);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
}

CURLMcode CurlMulti::Add(CURL* easy) {
  CURLMcode mc = curl_multi_add_handle(multi_, easy);
  if (mc != CURLM_OK) return mc;
  added_.insert(easy);
  const long in_flight = static_cast<long>(added_.size());
  if (!fixed_cache_size_ && 4 * in_flight > cache_size_) {  // see curl_multi.h
    cache_size_ = 4 * in_flight;
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, cache_size_);
  }
  return mc;
}

void CurlMulti::Remove(CURL* easy) {
  if (multi_ == nullptr) return;
  curl_multi_remove_handle(multi_, easy);
  added_.erase(easy);
}

void CurlMulti::Shutdown() {
  if (multi_ == nullptr) return;
  curl_multi_cleanup(multi_);  // closes cached connections through CloseSocket()
  multi_ = nullptr;
  for (auto& [fd, w] : watches_) {
    w->closed = true;
    boost::system::error_code ec;
    if (w->owned) {
      w->desc.close(ec);
    } else {
      w->desc.release();
    }
  }
  watches_.clear();
  added_.clear();
  timer_.reset();
  alive_.reset();
}

int CurlMulti::SocketCallback(CURL*, curl_socket_t fd, int what, void* userp, void*) {
  static_cast<CurlMulti*>(userp)->OnSocket(fd, what);
  return 0;
}

int CurlMulti::TimerCallback(CURLM*, long timeout_ms, void* userp) {
  static_cast<CurlMulti*>(userp)->OnTimer(timeout_ms);
  return 0;
}

curl_socket_t CurlMulti::OpenSocketCallback(void* clientp, curlsocktype,
                                            struct curl_sockaddr* address) {
  return static_cast<CurlMulti*>(clientp)->OpenSocket(*address);
}

int CurlMulti::CloseSocketCallback(void* clientp, curl_socket_t fd) {
  static_cast<CurlMulti*>(clientp)->CloseSocket(fd);
  return 0;
}

curl_socket_t CurlMulti::OpenSocket(const struct curl_sockaddr& address) {
  int fd = ::socket(address.family, address.socktype | SOCK_CLOEXEC, address.protocol);
  if (fd < 0) return CURL_SOCKET_BAD;
  if (auto it = watches_.find(fd); it != watches_.end()) {  // a stale foreign watch
    it->second->closed = true;
    it->second->desc.release();
    watches_.erase(it);
  }
  auto w = std::make_shared<Watch>(ioc_, fd, /*own=*/true);
  boost::system::error_code ec;
  w->desc.assign(fd, ec);
  if (ec) {
    LOG_WARN("transport: cannot register socket with the event loop: {}", ec.message());
    ::close(fd);
    return CURL_SOCKET_BAD;
  }
  watches_.emplace(fd, std::move(w));
  ++sockets_opened_;
  return fd;
}

void CurlMulti::CloseSocket(curl_socket_t fd) {
  auto it = watches_.find(fd);
  if (it == watches_.end()) {
    ::close(fd);
    return;
  }
  WatchPtr w = std::move(it->second);
  watches_.erase(it);
  w->closed = true;
  boost::system::error_code ec;
  if (w->owned) {
    w->desc.close(ec);  // pending waits complete with operation_aborted
  } else {
    w->desc.release();
    ::close(fd);
  }
}

void CurlMulti::OnSocket(curl_socket_t fd, int what) {
  auto it = watches_.find(fd);
  if (what == CURL_POLL_REMOVE) {
    if (it == watches_.end()) return;
    it->second->want = 0;
    if (!it->second->owned) {  // not ours to close: stop watching, keep libcurl's descriptor
      it->second->closed = true;
      it->second->desc.release();
      watches_.erase(it);
    } else {
      // An idle cached connection: drop its waits so they do not keep the io_context busy.
      boost::system::error_code ec;
      it->second->desc.cancel(ec);
    }
    return;
  }
  WatchPtr w;
  if (it != watches_.end()) {
    w = it->second;
  } else {
    w = std::make_shared<Watch>(ioc_, fd, /*own=*/false);
    boost::system::error_code ec;
    w->desc.assign(fd, ec);
    if (ec) {
      LOG_WARN("transport: cannot watch descriptor {}: {}", fd, ec.message());
      return;
    }
    watches_.emplace(fd, w);
  }
  w->want = what & (CURL_POLL_IN | CURL_POLL_OUT);
  Arm(w);
}

void CurlMulti::Arm(const WatchPtr& w) {
  for (int dir : {kRead, kWrite}) {
    if (w->closed || (w->want & kPollBit[dir]) == 0 || w->waiting[dir]) continue;
    w->waiting[dir] = true;
    std::weak_ptr<int> alive = alive_;
    w->desc.async_wait(dir == kRead ? boost::asio::posix::descriptor_base::wait_read
                                    : boost::asio::posix::descriptor_base::wait_write,
                       [this, alive, w, dir](const boost::system::error_code& ec) {
                         if (!alive.expired()) OnReady(w, dir, ec);
                       });
  }
}

void CurlMulti::OnReady(const WatchPtr& w, int dir, const boost::system::error_code& ec) {
  w->waiting[dir] = false;
  if (w->closed || multi_ == nullptr) return;
  if (ec == boost::asio::error::operation_aborted) {
    Arm(w);  // cancelled by a CURL_POLL_REMOVE that libcurl may have reverted since
    return;
  }
  if ((w->want & kPollBit[dir]) == 0) return;  // libcurl lost interest meanwhile
  Action(w->fd, ec ? CURL_CSELECT_ERR : kSelectBit[dir]);
  if (!w->closed) Arm(w);
}

void CurlMulti::OnTimer(long timeout_ms) {
  if (!timer_) return;
  const uint64_t generation = ++timer_generation_;
  if (timeout_ms < 0) {
    deadline_.reset();
    if (armed_at_) {
      armed_at_.reset();
      timer_->cancel();  // no syscall: the stale timerfd deadline just fires into nothing
    }
    return;
  }
  if (timeout_ms == 0) {
    deadline_.reset();
    std::weak_ptr<int> alive = alive_;
    boost::asio::post(ioc_, [this, alive, generation] {
      if (alive.expired() || generation != timer_generation_) return;  // replaced meanwhile
      Action(CURL_SOCKET_TIMEOUT, 0);
    });
    return;
  }
  deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  if (armed_at_ && *armed_at_ <= *deadline_) return;  // fires first; OnTimerFired re-arms
  ArmTimer(*deadline_);
}

void CurlMulti::ArmTimer(std::chrono::steady_clock::time_point at) {
  armed_at_ = at;
  ++timer_sets_;
  const uint64_t generation = ++arm_generation_;
  timer_->expires_at(at);
  std::weak_ptr<int> alive = alive_;
  timer_->async_wait([this, alive, generation](const boost::system::error_code& ec) {
    if (ec || alive.expired()) return;
    OnTimerFired(generation);
  });
}

void CurlMulti::OnTimerFired(uint64_t generation) {
  if (generation != arm_generation_) return;  // completed just before a re-arm: superseded
  armed_at_.reset();
  if (!deadline_) return;
  if (std::chrono::steady_clock::now() < *deadline_) {  // armed for an earlier deadline
    ArmTimer(*deadline_);
    return;
  }
  deadline_.reset();
  Action(CURL_SOCKET_TIMEOUT, 0);
}

void CurlMulti::Action(curl_socket_t fd, int select_bits) {
  if (multi_ == nullptr) return;
  int running = 0;
  curl_multi_socket_action(multi_, fd, select_bits, &running);
  DrainDone();
}

void CurlMulti::DrainDone() {
  int left = 0;
  while (multi_ != nullptr) {
    CURLMsg* msg = curl_multi_info_read(multi_, &left);
    if (msg == nullptr) break;
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    CURLcode result = msg->data.result;
    on_done_(easy, result);  // removes `easy` from the multi
  }
}

}  // namespace net::transport_internal
