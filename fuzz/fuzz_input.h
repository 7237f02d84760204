// Small helpers the harnesses in fuzz/ share to split a fuzzer input into text fields.
// Header-only so each harness stays one file; no dependency on the product's libraries.
//
// Thread-safety: plain values over the caller's buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fuzz {

// Reads '\n'-separated lines from the front of a buffer; Rest() is what is left.
class Lines {
 public:
  Lines(const uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}
  std::string_view Line() {
    std::size_t nl = rest_.find('\n');
    std::string_view line = rest_.substr(0, nl);
    rest_.remove_prefix(nl == std::string_view::npos ? rest_.size() : nl + 1);
    return line;
  }
  // Everything up to a line equal to `separator` (which is consumed), or the rest.
  std::string_view UpTo(std::string_view separator) {
    std::string marker = "\n" + std::string(separator) + "\n";
    std::size_t at = rest_.find(marker);
    if (at == std::string_view::npos) return Rest();
    std::string_view part = rest_.substr(0, at + 1);
    rest_.remove_prefix(at + marker.size());
    return part;
  }
  std::string_view Rest() {
    std::string_view r = rest_;
    rest_ = {};
    return r;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

// The next space-separated word of `line` (consumed from it).
inline std::string_view Word(std::string_view& line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  std::size_t end = line.find(' ');
  std::string_view word = line.substr(0, end);
  line.remove_prefix(end == std::string_view::npos ? line.size() : end);
  return word;
}

// Decimal digits of `text` as a number no larger than `max` (non-digits ignored).
inline int SmallInt(std::string_view text, int max) {
  int n = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
    if (n > max) return max;
  }
  return n;
}

}  // namespace fuzz
