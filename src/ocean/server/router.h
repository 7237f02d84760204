// Router: exact (method, path) -> handler table of the HTTP server, and Ocean's path-prefix
// normalisation.
//
// Paths match exactly (no parameters, no trailing-slash redirects): register "/metrics" and
// "/metrics/" separately when both are wanted. A path that exists under other methods only is
// reported as such, so the server can answer 405 with an Allow header instead of 404.
//
// Thread-safety: Add and Find may be called concurrently from any thread (one mutex; Find copies
// the handler out, so a route replaced during a request does not affect that request).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "ocean/server/http_message.h"

namespace ocean::server {

// Ocean's route_prefix: "/" + prefix.strip("/"), or "" when nothing remains.
// "integration/" -> "/integration", "/a/b/" -> "/a/b", "/" -> "", "" -> "".
std::string NormalizePathPrefix(std::string_view prefix);

// Decodes %XX escapes (invalid escapes are kept as written); '+' stays '+' (paths, not forms).
std::string PercentDecodePath(std::string_view path);

class Router {
 public:
  // Registers (or replaces) the handler for `method` (case-sensitive, e.g. "GET") on `path`
  // (a missing leading '/' is added).
  void Add(std::string_view method, std::string_view path, Handler handler);

  struct Match {
    std::optional<Handler> handler;  // set when (method, path) is registered
    std::string allow;               // otherwise: the path's methods ("GET, POST"), "" if unknown
  };
  Match Find(std::string_view method, std::string_view path) const;

 private:
  mutable std::mutex mu_;
  // path -> method -> handler
  std::map<std::string, std::map<std::string, Handler, std::less<>>, std::less<>> routes_;
};

}  // namespace ocean::server
