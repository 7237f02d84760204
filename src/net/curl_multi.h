// CurlMulti: one libcurl multi handle driven by an Asio io_context ("multi socket" interface).
//
// libcurl tells us which sockets to watch (CURLMOPT_SOCKETFUNCTION) and when to wake it
// (CURLMOPT_TIMERFUNCTION); Asio waits for readiness and calls curl_multi_socket_action().
// Connection sockets are created by us (CURLOPT_OPENSOCKETFUNCTION) and owned by an Asio
// descriptor, and libcurl closes them through us (CURLOPT_CLOSESOCKETFUNCTION), so the reactor
// never holds a descriptor that libcurl already closed. Descriptors libcurl creates itself (the
// threaded resolver's socketpair) are watched without ownership and released on CURL_POLL_REMOVE.
//
// Asio's epoll reactor is edge-triggered, while libcurl expects level-triggered readiness (it
// may leave bytes in the socket). That needs nothing of ours: every wait Asio starts on an empty
// queue re-registers the descriptor (EPOLL_CTL_MOD), and the kernel then re-evaluates readiness,
// so bytes already waiting are reported by the next epoll_wait.
//
// Timers cost a timerfd_settime(2) each time Asio's earliest deadline moves, which is the most
// expensive syscall per request on a virtual machine. So libcurl's timer is followed lazily
// (issue 13.2): "0 ms" runs the action from a posted handler, without a timer; a later deadline
// keeps an armed timer that fires earlier (it re-arms for the rest when it fires); only an
// earlier deadline, or one with no timer armed, sets the timer. "-1" cancels it, so that an idle
// transport leaves the io_context with no work.
//
// The connection cache keeps room for the most transfers ever in flight at once: libcurl's own
// default, 4 per transfer in flight at that moment, shrinks as soon as fewer are in flight and
// closes connections that the next wave of a paced listing reopens (issue 15, "Paced kinds").
//
// Finished transfers are reported through `on_done` (never from inside a libcurl callback).
//
// Thread-safety: none; every call must come from the thread running the io_context.
// Lifetime: must be destroyed (or Shutdown()) before its io_context; remove every easy handle
// from the multi before Shutdown().
#pragma once

#include <curl/curl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "net/transport_options.h"

namespace net::transport_internal {

class CurlMulti {
 public:
  using DoneFn = std::function<void(CURL* easy, CURLcode result)>;

  CurlMulti(boost::asio::io_context& ioc, const TransportOptions& options, DoneFn on_done);
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  // Installs the socket open/close callbacks on `easy`; call before Add().
  void PrepareEasy(CURL* easy);
  // REQUIRES: !shut_down().
  CURLMcode Add(CURL* easy);
  void Remove(CURL* easy);

  // Closes cached connections, stops watching every descriptor and drops the timer. Idempotent.
  void Shutdown();
  bool shut_down() const { return multi_ == nullptr; }

  uint64_t sockets_opened() const { return sockets_opened_; }
  size_t watched_descriptors() const { return watches_.size(); }
  uint64_t timer_sets() const { return timer_sets_; }  // ArmTimer() calls: one syscall each

 private:
  struct Watch;
  using WatchPtr = std::shared_ptr<Watch>;

  static int SocketCallback(CURL* easy, curl_socket_t fd, int what, void* userp, void* socketp);
  static int TimerCallback(CURLM* multi, long timeout_ms, void* userp);
  static curl_socket_t OpenSocketCallback(void* clientp, curlsocktype purpose,
                                          struct curl_sockaddr* address);
  static int CloseSocketCallback(void* clientp, curl_socket_t fd);

  void OnSocket(curl_socket_t fd, int what);
  void OnTimer(long timeout_ms);
  void ArmTimer(std::chrono::steady_clock::time_point at);
  void OnTimerFired(uint64_t generation);
  curl_socket_t OpenSocket(const struct curl_sockaddr& address);
  void CloseSocket(curl_socket_t fd);
  void Arm(const WatchPtr& w);
  void OnReady(const WatchPtr& w, int dir, const boost::system::error_code& ec);
  void Action(curl_socket_t fd, int select_bits);
  void DrainDone();

  boost::asio::io_context& ioc_;
  DoneFn on_done_;
  CURLM* multi_ = nullptr;  // null after Shutdown()
  std::optional<boost::asio::steady_timer> timer_;
  // libcurl's wanted deadline (nullopt: none) and what timer_ is armed for (see above).
  std::optional<std::chrono::steady_clock::time_point> deadline_;
  std::optional<std::chrono::steady_clock::time_point> armed_at_;
  uint64_t timer_generation_ = 0;  // bumped by every OnTimer: an older posted "0 ms" is stale
  uint64_t arm_generation_ = 0;    // bumped by every ArmTimer: an older fired wait is stale
  std::unordered_map<curl_socket_t, WatchPtr> watches_;
  uint64_t sockets_opened_ = 0;
  uint64_t timer_sets_ = 0;
  std::unordered_set<CURL*> added_;  // easy handles added and not yet removed
  long cache_size_ = 0;              // CURLMOPT_MAXCONNECTS set so far (0: libcurl's)
  bool fixed_cache_size_ = false;    // TransportOptions::max_cached_connections given
  // Handlers queued in the io_context hold a weak reference; they do nothing once we are gone.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace net::transport_internal
