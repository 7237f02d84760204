#include "ocean/server/router.h"

#include <strings.h>

#include "net/uri.h"

namespace ocean::server {

std::string_view HttpRequestView::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  }
  return {};
}

HttpReply HttpReply::Json(int status, const json::value& value) {
  HttpReply r;
  r.status = status;
  r.body = core::WriteJson(value);
  return r;
}

HttpReply HttpReply::Text(int status, std::string body, std::string content_type) {
  HttpReply r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

std::string NormalizePathPrefix(std::string_view prefix) {
  size_t b = prefix.find_first_not_of('/');
  if (b == std::string_view::npos) return "";
  size_t e = prefix.find_last_not_of('/');
  return "/" + std::string(prefix.substr(b, e - b + 1));
}

std::string PercentDecodePath(std::string_view path) { return net::UriDecode(path); }

void Router::Add(std::string_view method, std::string_view path, Handler handler) {
  std::string p = path.starts_with('/') ? std::string(path) : "/" + std::string(path);
  std::lock_guard lock(mu_);
  routes_[std::move(p)][std::string(method)] = std::move(handler);
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match m;
  std::lock_guard lock(mu_);
  auto it = routes_.find(path);
  if (it == routes_.end()) return m;
  auto h = it->second.find(method);
  if (h != it->second.end()) {
    m.handler = h->second;
    return m;
  }
  for (const auto& [meth, unused] : it->second) {
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += meth;
  }
  return m;
}

}  // namespace ocean::server
