// Helpers for the parser tests: golden case files (tests/aws/protocol/parse/*.json, written by
// tools/gen_parser_goldens.py from botocore) and an order-sensitive JSON comparison.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "net/http_types.h"
#include "core/json.h"
#include "test_env.h"

namespace parse_test {

inline std::string GoldenDir() { return testenv::SourcePath("tests/aws/protocol/parse"); }

// Case names (file stems), sorted.
inline std::vector<std::string> GoldenCases() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(GoldenDir())) {
    if (e.path().extension() == ".json") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline json::object LoadCase(const std::string& name) {
  auto v = core::ParseJson(testenv::ReadFile(GoldenDir() + "/" + name + ".json"), name);
  if (!v.ok() || !v->is_object()) return {};
  return v->get_object();
}

inline net::HttpResponse ResponseOf(const json::object& c) {
  net::HttpResponse r;
  const json::object& resp = c.at("response").as_object();
  r.status = static_cast<int>(resp.at("status").as_int64());
  r.body = resp.at("body").as_string();
  for (const auto& h : resp.at("headers").as_array()) {
    r.headers.emplace_back(h.as_array()[0].as_string(), h.as_array()[1].as_string());
  }
  return r;
}

// Equal values, objects with keys in the same order, and integers distinct from doubles (boto3
// returns 5 for an integer member and 5.0 for a double one).
inline bool SameJson(const json::value& a, const json::value& b) {
  if (a.is_object() && b.is_object()) {
    const auto& x = a.get_object();
    const auto& y = b.get_object();
    if (x.size() != y.size()) return false;
    auto i = x.begin();
    for (auto j = y.begin(); j != y.end(); ++i, ++j) {
      if (i->key() != j->key() || !SameJson(i->value(), j->value())) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    const auto& x = a.get_array();
    const auto& y = b.get_array();
    if (x.size() != y.size()) return false;
    for (size_t k = 0; k < x.size(); ++k) {
      if (!SameJson(x[k], y[k])) return false;
    }
    return true;
  }
  if (a.is_double() || b.is_double()) return a.is_double() && b.is_double() && a == b;
  if (a.is_number() && b.is_number()) {
    return (a.is_int64() ? a.get_int64() : static_cast<int64_t>(a.get_uint64())) ==
           (b.is_int64() ? b.get_int64() : static_cast<int64_t>(b.get_uint64()));
  }
  return a == b;
}

}  // namespace parse_test
