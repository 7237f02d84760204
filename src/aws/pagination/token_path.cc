#include "aws/pagination/token_path.h"

#include <cctype>
#include <charconv>

namespace aws::pagination {
namespace {

bool Empty(const json::value* v) {
  return v == nullptr || v->is_null() || (v->is_string() && v->get_string().empty());
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

core::Status Unsupported(std::string_view expr) {
  return core::Status::InvalidArgument("unsupported pagination expression '" + std::string(expr) +
                                       "'");
}

// True when `path` is Name(.Name)* where each Name may carry [int] indexes.
bool ValidPath(std::string_view path) {
  if (path.empty()) return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string_view seg = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    size_t i = 0;
    while (i < seg.size() && (std::isalnum(static_cast<unsigned char>(seg[i])) || seg[i] == '_')) {
      ++i;
    }
    if (i == 0) return false;
    while (i < seg.size()) {
      if (seg[i] != '[') return false;
      size_t close = seg.find(']', i);
      if (close == std::string_view::npos || close == i + 1) return false;
      for (size_t j = i + 1; j < close; ++j) {
        if (!(std::isdigit(static_cast<unsigned char>(seg[j])) || (j == i + 1 && seg[j] == '-'))) {
          return false;
        }
      }
      i = close + 1;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
  return false;
}

// One path without "||".
core::Result<const json::value*> EvaluatePath(const json::value& doc, std::string_view expr) {
  const json::value* cur = &doc;
  std::string_view rest = Trim(expr);
  if (!ValidPath(rest)) return Unsupported(expr);
  while (!rest.empty()) {
    size_t end = rest.find_first_of(".[");
    std::string_view name = rest.substr(0, end);
    rest = end == std::string_view::npos ? "" : rest.substr(end);
    if (!name.empty()) {
      for (char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return Unsupported(expr);
      }
      if (!cur->is_object()) return static_cast<const json::value*>(nullptr);
      cur = cur->get_object().if_contains(name);
      if (!cur) return cur;
    }
    if (!rest.empty() && rest[0] == '[') {
      size_t close = rest.find(']');
      if (close == std::string_view::npos) return Unsupported(expr);
      std::string_view idx_text = rest.substr(1, close - 1);
      long idx;
      auto r = std::from_chars(idx_text.data(), idx_text.data() + idx_text.size(), idx);
      if (r.ec != std::errc() || r.ptr != idx_text.data() + idx_text.size()) return Unsupported(expr);
      if (!cur->is_array()) return static_cast<const json::value*>(nullptr);
      const json::array& a = cur->get_array();
      long n = static_cast<long>(a.size());
      if (idx < 0) idx += n;
      if (idx < 0 || idx >= n) return static_cast<const json::value*>(nullptr);
      cur = &a[idx];
      rest = rest.substr(close + 1);
    }
    if (!rest.empty()) {
      if (rest[0] != '.') {
        if (rest[0] != '[') return Unsupported(expr);
        continue;
      }
      rest.remove_prefix(1);
      if (rest.empty()) return Unsupported(expr);
    }
  }
  return cur;
}

}  // namespace

core::Result<const json::value*> Evaluate(const json::value& doc, std::string_view expr) {
  std::string_view rest = expr;
  const json::value* found = nullptr;
  while (true) {
    size_t bar = rest.find("||");
    CORE_ASSIGN_OR_RETURN(const json::value* v, EvaluatePath(doc, rest.substr(0, bar)));
    if (!Empty(v)) return v;
    if (!found) found = v;
    if (bar == std::string_view::npos) return found && !found->is_null() ? found : nullptr;
    rest = rest.substr(bar + 2);
  }
}

core::Status Assign(json::object& doc, std::string_view path, json::value value) {
  json::object* cur = &doc;
  std::string_view rest = Trim(path);
  while (true) {
    size_t dot = rest.find('.');
    std::string_view name = rest.substr(0, dot);
    if (name.empty() || name.find_first_of("[]| ") != std::string_view::npos) {
      return Unsupported(path);
    }
    if (dot == std::string_view::npos) {
      (*cur)[name] = std::move(value);
      return core::Status::Ok();
    }
    json::value& next = (*cur)[name];
    if (!next.is_object()) next = json::object();
    cur = &next.get_object();
    rest = rest.substr(dot + 1);
  }
}

}  // namespace aws::pagination
