// DefinitionReader: walks a kind definition (data/kinds/*.yaml parsed to JSON) collecting
// errors with their place, as lines "<file>: kind <name>: <path in the definition>: <what>"
// (kind_parser.h). Readers of each part of a definition (kind_parser.cc, action_parser.cc)
// take the value they need through it and get a fallback plus an error line when it has the
// wrong type, so one pass reports every problem of a definition.
//
// Thread-safety: none; one per parse.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "catalog/definition/template.h"
#include "core/json.h"

namespace catalog::definition {

class DefinitionReader {
 public:
  explicit DefinitionReader(std::string_view file) : file_(file) {}
  void SetKind(std::string kind) { kind_ = std::move(kind); }

  void Error(const std::string& path, const std::string& what) {
    if (!errors_.empty()) errors_ += "\n";
    errors_ += std::string(file_) + ": kind " + (kind_.empty() ? "?" : kind_) + ": " +
               (path.empty() ? "/" : path) + ": " + what;
  }
  const std::string& errors() const { return errors_; }
  // Appends already formatted error lines (event_parser.h).
  void Lines(const std::string& lines) {
    if (lines.empty()) return;
    if (!errors_.empty()) errors_ += "\n";
    errors_ += lines;
  }
  std::string Where(const std::string& path) const {
    return std::string(file_) + ": kind " + kind_ + ": " + path;
  }

  // Reports keys of `o` not in `known`.
  void OnlyKeys(const json::object& o, const std::string& path,
                std::initializer_list<std::string_view> known) {
    for (const auto& kv : o) {
      bool ok = false;
      for (std::string_view k : known) ok = ok || kv.key() == k;
      if (!ok) {
        std::string list;
        for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
        Error(path + "/" + std::string(kv.key()), "unknown key (expected one of: " + list + ")");
      }
    }
  }
  const json::object* Object(const json::object& o, std::string_view key, const std::string& path) {
    const json::value* v = o.if_contains(key);
    if (!v) return nullptr;
    if (!v->is_object()) {
      Error(path + "/" + std::string(key), "must be a mapping");
      return nullptr;
    }
    return &v->get_object();
  }
  std::string String(const json::object& o, std::string_view key, const std::string& path,
                     bool required, std::string fallback = "") {
    const json::value* v = o.if_contains(key);
    if (!v) {
      if (required) Error(path + "/" + std::string(key), "is required");
      return fallback;
    }
    if (!v->is_string() || v->get_string().empty()) {
      Error(path + "/" + std::string(key), "must be a non-empty string");
      return fallback;
    }
    return std::string(v->get_string());
  }
  bool Bool(const json::object& o, std::string_view key, const std::string& path, bool fallback) {
    const json::value* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_bool()) {
      Error(path + "/" + std::string(key), "must be true or false");
      return fallback;
    }
    return v->get_bool();
  }
  std::size_t Count(const json::object& o, std::string_view key, const std::string& path,
                    std::size_t fallback) {
    const json::value* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_int64() || v->get_int64() < 1 || v->get_int64() > 1000) {
      Error(path + "/" + std::string(key), "must be an integer from 1 to 1000");
      return fallback;
    }
    return static_cast<std::size_t>(v->get_int64());
  }
  std::vector<std::string> Strings(const json::object& o, std::string_view key,
                                   const std::string& path) {
    std::vector<std::string> out;
    const json::value* v = o.if_contains(key);
    if (!v) return out;
    const json::array* a = v->if_array();
    if (!a) {
      Error(path + "/" + std::string(key), "must be a list of strings");
      return out;
    }
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string()) {
        Error(path + "/" + std::string(key) + "/" + std::to_string(i), "must be a string");
      } else {
        out.emplace_back((*a)[i].get_string());
      }
    }
    return out;
  }
  // A mapping of strings to strings, in order.
  std::vector<std::pair<std::string, std::string>> Pairs(const json::object& o,
                                                         std::string_view key,
                                                         const std::string& path) {
    std::vector<std::pair<std::string, std::string>> out;
    const json::object* m = Object(o, key, path);
    if (!m) return out;
    for (const auto& kv : *m) {
      if (!kv.value().is_string()) {
        Error(path + "/" + std::string(key) + "/" + std::string(kv.key()), "must be a string");
      } else {
        out.emplace_back(std::string(kv.key()), std::string(kv.value().get_string()));
      }
    }
    return out;
  }
  // Checks the placeholders of a template against what is available there.
  void Template(const json::value& t, const std::string& path, const TemplateScope& scope) {
    std::string why = CheckTemplate(t, scope);
    if (!why.empty()) Error(path, why);
  }

 private:
  std::string_view file_;
  std::string kind_;
  std::string errors_;
};

}  // namespace catalog::definition
