// NormalizeSingleQuotes: Ocean's `_format_filter`, i.e. Python's
//   re.sub(r"(^|\s)'(?!\s|\")|(?<!\s|\")'(\s|$)", r'\1"\2', expression)
// written out by hand (std::regex has no lookbehind). The scan mirrors re.sub: at each position
// the first alternative is tried before the second, a match consumes the whitespace it captured,
// and the lookbehind looks at the original text. `\s` is Python's Unicode whitespace.
#include <string>
#include <string_view>
#include <vector>

#include "ocean/mapping/jq_program.h"

namespace ocean::mapping {
namespace {

struct CodePoint {
  char32_t cp;
  std::size_t begin;
  std::size_t size;
};

// Decodes UTF-8; a byte that does not start a valid sequence stands for itself (never a space).
std::vector<CodePoint> Decode(std::string_view s) {
  std::vector<CodePoint> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!ok) {
      out.push_back({0xFFFD, i, 1});
      ++i;
      continue;
    }
    out.push_back({cp, i, len});
    i += len;
  }
  return out;
}

// Python's str.isspace() / re's \s for str patterns.
bool IsSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

}  // namespace

std::string NormalizeSingleQuotes(std::string_view expression) {
  const std::vector<CodePoint> cps = Decode(expression);
  const std::size_t n = cps.size();
  auto at = [&](std::size_t i) -> char32_t { return i < n ? cps[i].cp : 0; };
  auto bytes = [&](std::size_t i) { return expression.substr(cps[i].begin, cps[i].size); };
  // (?!\s|") after position i-1, i.e. the code point at i is neither (end of text passes).
  auto not_space_or_dquote = [&](std::size_t i) { return i >= n || !(IsSpace(at(i)) || at(i) == '"'); };

  std::string out;
  out.reserve(expression.size());
  std::size_t i = 0;
  while (i < n) {
    // Alternative 1: (^|\s)'(?!\s|")
    if (i == 0 && at(0) == '\'' && not_space_or_dquote(1)) {
      out.push_back('"');
      i += 1;
      continue;
    }
    if (IsSpace(at(i)) && i + 1 < n && at(i + 1) == '\'' && not_space_or_dquote(i + 2)) {
      out.append(bytes(i));
      out.push_back('"');
      i += 2;
      continue;
    }
    // Alternative 2: (?<!\s|")'(\s|$)
    if (at(i) == '\'' && (i == 0 || !(IsSpace(at(i - 1)) || at(i - 1) == '"'))) {
      if (i + 1 < n && IsSpace(at(i + 1))) {
        out.push_back('"');
        out.append(bytes(i + 1));
        i += 2;
        continue;
      }
      if (i + 1 == n) {
        out.push_back('"');
        i += 1;
        continue;
      }
    }
    out.append(bytes(i));
    ++i;
  }
  return out;
}

}  // namespace ocean::mapping
