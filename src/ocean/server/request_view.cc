#include "ocean/server/request_view.h"

#include "ocean/server/router.h"

namespace ocean::server {

void SplitRequestTarget(std::string_view target, std::string& path, std::string_view& query) {
  if (target.starts_with("http://") || target.starts_with("https://")) {
    size_t slash = target.find('/', target.find("://") + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  size_t q = target.find('?');
  path = PercentDecodePath(target.substr(0, q));
  query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
}

HttpRequestView MakeRequestView(const ParsedRequest& req, std::string& path,
                                std::string_view request_id) {
  HttpRequestView view;
  SplitRequestTarget(req.target(), path, view.query);
  view.method = req.method_string();
  view.path = path;
  for (const auto& field : req) view.headers.emplace_back(field.name_string(), field.value());
  view.body = req.body();
  view.request_id = request_id;
  return view;
}

}  // namespace ocean::server
