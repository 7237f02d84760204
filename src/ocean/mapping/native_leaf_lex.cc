#include "ocean/mapping/native_leaf_lex.h"

#include <cstdint>

#include "ocean/mapping/jq_dump.h"

namespace ocean::mapping::leaf {
namespace {

// A code point below U+10000 (what a \uXXXX escape that is no surrogate gives) as UTF-8.
void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool JqKeyword(std::string_view w) {
  static constexpr std::string_view kWords[] = {"__loc__", "and",    "as",     "catch", "def",
                                                "elif",    "else",   "end",    "foreach", "if",
                                                "import",  "include", "label", "or",    "reduce",
                                                "then",    "try"};
  for (std::string_view k : kWords) {
    if (w == k) return true;
  }
  return false;
}

std::optional<std::string> LeafLexer::String() {
  ++pos_;  // the opening quote
  std::string out;
  while (pos_ < s_.size()) {
    char c = s_[pos_++];
    if (c == '"') {
      if (!JqValidUtf8(out)) return std::nullopt;
      return out;
    }
    if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (pos_ >= s_.size()) return std::nullopt;
    char e = s_[pos_++];
    switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        if (pos_ + 4 > s_.size()) return std::nullopt;
        std::uint32_t cp = 0;
        for (int i = 0; i < 4; ++i) {
          char h = s_[pos_++];
          cp <<= 4;
          if (h >= '0' && h <= '9') cp |= h - '0';
          else if (h >= 'a' && h <= 'f') cp |= h - 'a' + 10;
          else if (h >= 'A' && h <= 'F') cp |= h - 'A' + 10;
          else return std::nullopt;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        AppendUtf8(out, cp);
        break;
      }
      default: return std::nullopt;  // `\(` interpolation and anything unusual
    }
  }
  return std::nullopt;
}

}  // namespace ocean::mapping::leaf
