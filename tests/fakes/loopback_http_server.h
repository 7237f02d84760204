// LoopbackHttpServer: a scriptable HTTP/1.1 server on 127.0.0.1 (port 0) for transport and retry
// tests, the "fault-injecting endpoint".
//
// It runs its own io_context on its own thread, keeps connections alive (unless the client or a
// response says "Connection: close"), records every request (method, target, headers, body and
// the connection it came on) and counts accepted connections. Responses come from a handler
// chosen by the request path (query stripped; absolute-form proxy targets are reduced to their
// path), else from the default handler (200, empty body). A response may be delayed, trickled
// slowly, truncated, malformed, or replaced by a reset (RST) or a silent close.
//
// It also serves as an HTTP forward proxy stub: a request in absolute form ("GET http://h/p")
// is recorded with its full target, so a test can check that a client went through a proxy.
//
// Thread-safety: every public method may be called from any thread. Handlers run on the server
// thread (one at a time), so a handler's own state needs no lock unless a test shares it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_types.h"

namespace testing_fakes {

struct RecordedRequest {
  std::string method;
  std::string target;  // as sent: "/path?query" or "http://host/path?query" through a proxy
  std::string path;    // target without scheme, authority and query
  net::Headers headers;
  std::string body;
  int connection = 0;  // 1-based id of the connection it arrived on
};

enum class Fault {
  kNone,
  kReset,          // close with SO_LINGER 0 (RST) instead of answering
  kClose,          // close cleanly (FIN) without answering
  kTruncatedBody,  // announce Content-Length, send half the body, close
  kMalformed,      // send bytes that are not an HTTP response, close
};

struct ScriptedResponse {
  int status = 200;
  net::Headers headers;  // Content-Length is added unless present
  std::string body;
  std::chrono::milliseconds delay{0};    // before anything is sent
  std::chrono::milliseconds trickle{0};  // > 0: pause this long between body chunks
  size_t trickle_chunk = 1;              // bytes per chunk when trickling
  Fault fault = Fault::kNone;
  bool close = false;  // "Connection: close" and close after sending

  static ScriptedResponse Ok(std::string body = "");
  // An AWS JSON-protocol error: {"__type": code, "message": ...} with x-amzn-ErrorType.
  static ScriptedResponse AwsJsonError(int status, std::string code);
  static ScriptedResponse WithFault(Fault fault);
};

using Handler = std::function<ScriptedResponse(const RecordedRequest&)>;

// Always the same response.
Handler Always(ScriptedResponse response);
// The first `n` requests get `failure`, every later one `success`.
Handler FailFirst(int n, ScriptedResponse failure, ScriptedResponse success);
// The i-th request gets responses[i]; the last one repeats. REQUIRES: !responses.empty().
Handler Sequence(std::vector<ScriptedResponse> responses);

class LoopbackHttpServer {
 public:
  LoopbackHttpServer();  // listening and serving when the constructor returns
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:<port>" + path.
  std::string Url(std::string_view path = "/") const;

  void Route(std::string path, Handler handler);
  void SetDefault(Handler handler);

  std::vector<RecordedRequest> requests() const;
  size_t request_count() const;
  int connections_accepted() const { return connections_.load(); }

  class Impl;

 private:
  friend class Impl;
  Handler HandlerFor(const std::string& path) const;
  void Record(RecordedRequest request);

  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::map<std::string, Handler> routes_;  // guarded by mu_
  Handler default_;                        // guarded by mu_
  std::vector<RecordedRequest> requests_;  // guarded by mu_
};

}  // namespace testing_fakes
