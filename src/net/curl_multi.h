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
// may leave bytes in the socket). Before every wait we therefore poll(2) the descriptor with a
// zero timeout and, if it is already ready, run the action right away instead of waiting.
//
// Finished transfers are reported through `on_done` (never from inside a libcurl callback).
//
// Waking costs (issue 15, docs/BENCHMARKS.md "Paced kinds"): libcurl moves its one deadline on
// almost every action (each transfer's timeout), and re-arming an Asio timer is a
// timerfd_settime, which in a VM traps to the hypervisor. So the Asio timer only ever moves
// earlier: a later deadline leaves it armed, and when it fires before libcurl's current
// deadline it is re-armed for that one (libcurl is never woken late, at most once early); it is
// cancelled when libcurl has no deadline (no transfer left). A 0 ms
// timeout ("run now", every new transfer) is one post for all of them, not a timer. And the
// connection cache keeps room for the most transfers ever in flight at once (libcurl's own
// default, 4 per transfer, shrinks as soon as fewer are in flight, closing connections that
// the next wave of a paced listing reopens).
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
  // Times the Asio timer was (re-)armed for libcurl: what the lazy re-arming above saves.
  uint64_t timer_arms() const { return timer_arms_; }

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
  void OnDue();  // the timer fired or a "run now" post ran: act if libcurl's deadline passed
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
  using TimePoint = std::chrono::steady_clock::time_point;
  TimePoint deadline_ = TimePoint::max();  // libcurl's current deadline; max: none
  bool timer_armed_ = false;
  TimePoint armed_at_;                     // when timer_ fires, if armed
  uint64_t timer_generation_ = 0;          // a handler of an earlier arming does nothing
  bool run_now_posted_ = false;
  uint64_t timer_arms_ = 0;
  std::unordered_set<CURL*> added_;        // easy handles added and not yet removed
  long cache_size_ = 0;                    // CURLMOPT_MAXCONNECTS set so far (0: libcurl's)
  bool fixed_cache_size_ = false;          // TransportOptions::max_cached_connections given
  std::unordered_map<curl_socket_t, WatchPtr> watches_;
  uint64_t sockets_opened_ = 0;
  // Handlers queued in the io_context hold a weak reference; they do nothing once we are gone.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace net::transport_internal
