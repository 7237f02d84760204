// From a parsed HTTP request to the HttpRequestView a route handler sees (ocean/server): the
// target split into a percent-decoded path and the raw query, the headers in order, the body.
// ServeConnection reads requests with Beast's parser under these limits and builds views with
// MakeRequestView; fuzz/http_request_fuzz.cc drives the same parser and function with raw bytes.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>
#include <string_view>

#include "ocean/server/http_message.h"

namespace ocean::server {

using ParsedRequest = boost::beast::http::request<boost::beast::http::string_body>;

// "/a%20b?x=1" -> path "/a b", query "x=1". An absolute-form target keeps only its path.
void SplitRequestTarget(std::string_view target, std::string& path, std::string_view& query);

// The view of `req`; `path` receives the decoded path the view points into. The view is valid
// while `req`, `path` and `request_id` are.
HttpRequestView MakeRequestView(const ParsedRequest& req, std::string& path,
                                std::string_view request_id);

}  // namespace ocean::server
