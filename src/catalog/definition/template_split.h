// The placeholder syntax shared by kind templates (template.h) and event templates
// (event_template.h): "{name}" is a placeholder, "{{" and "}}" are literal braces.
//
// Thread-safety: a pure function.
#pragma once

#include <string_view>

namespace catalog::definition {

// Calls on_text(text) and on_placeholder(name) for the pieces of `s`, in order; false on
// unbalanced braces.
template <typename Text, typename Hole>
bool SplitTemplate(std::string_view s, Text on_text, Hole on_placeholder) {
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if ((c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
      on_text(s.substr(i, 1));
      i += 2;
      continue;
    }
    if (c == '}') return false;
    if (c == '{') {
      std::size_t end = s.find('}', i + 1);
      if (end == std::string_view::npos) return false;
      on_placeholder(s.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    std::size_t next = s.find_first_of("{}", i);
    if (next == std::string_view::npos) next = s.size();
    on_text(s.substr(i, next - i));
    i = next;
  }
  return true;
}

}  // namespace catalog::definition
