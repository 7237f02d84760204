#include "ocean/config/tree_values.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace ocean::config {
namespace {

std::string TrimLower(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  std::string out(s.substr(b, e - b + 1));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

core::Status ConfigError(std::string_view source, std::string_view path, std::string_view message) {
  std::string out(source);
  if (!path.empty()) {
    out += ": ";
    out += path;
  }
  out += ": ";
  out += message;
  return core::Status::InvalidArgument(std::move(out));
}

std::string_view TypeName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::string: return "string";
    case json::kind::bool_: return "boolean";
    case json::kind::null: return "null";
    case json::kind::array: return "list";
    case json::kind::object: return "mapping";
    default: return "number";
  }
}

std::string ChildPath(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  std::string out(path);
  out += '.';
  out += key;
  return out;
}

std::string IndexPath(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

const json::value* FindAlias(const json::object& o, std::string_view camel, std::string_view snake,
                             std::string* used) {
  if (auto it = o.find(camel); it != o.end()) {
    if (used) *used = std::string(camel);
    return &it->value();
  }
  if (auto it = o.find(snake); it != o.end()) {
    if (used) *used = std::string(snake);
    return &it->value();
  }
  return nullptr;
}

std::optional<bool> AsBool(const json::value& v) {
  if (v.is_bool()) return v.get_bool();
  if (v.is_int64()) {
    if (v.get_int64() == 0 || v.get_int64() == 1) return v.get_int64() == 1;
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  std::string s = TrimLower(v.get_string());
  if (s == "1" || s == "true" || s == "t" || s == "yes" || s == "y" || s == "on") return true;
  if (s == "0" || s == "false" || s == "f" || s == "no" || s == "n" || s == "off") return false;
  return std::nullopt;
}

std::optional<std::int64_t> AsInteger(const json::value& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(v.get_uint64());
  }
  if (v.is_double()) {
    double d = v.get_double();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.0e18) {
      return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
  }
  if (!v.is_string()) return std::nullopt;
  std::string s = TrimLower(v.get_string());
  std::string_view t = s;
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  std::int64_t out = 0;
  auto r = std::from_chars(t.data(), t.data() + t.size(), out);
  if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
  return out;
}

std::optional<double> AsNumber(const json::value& v) {
  if (v.is_number()) return v.to_number<double>();
  if (!v.is_string()) return std::nullopt;
  std::string s = TrimLower(v.get_string());
  std::string_view t = s;
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  double out = 0;
  auto r = std::from_chars(t.data(), t.data() + t.size(), out);
  if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size()) return std::nullopt;
  return out;
}

std::string Quoted(std::string_view text) {
  constexpr std::size_t kMax = 80;
  bool cut = text.size() > kMax;
  std::string out = core::WriteJson(json::value(json::string(text.substr(0, kMax))));
  if (cut) out.insert(out.size() - 1, "...");
  return out;
}

std::string Describe(const json::value& v) {
  if (v.is_string()) return Quoted(v.get_string());
  if (v.is_array() || v.is_object()) return std::string("a ") + std::string(TypeName(v));
  return core::WriteJson(v);
}

}  // namespace ocean::config
