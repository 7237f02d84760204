// LeafLexer: the token level of the native leaf parser (native_leaf_parse.cc): whitespace,
// single characters, identifiers, jq string literals (with jq 1.6's escapes) and operators.
// The parser derives from it and reads `s_` at `pos_` for what is grammar, not tokens.
//
// Thread-safety: one lexer per parse.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ocean::mapping::leaf {

inline bool IdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool IdentChar(char c) { return IdentStart(c) || (c >= '0' && c <= '9'); }

// jq's keywords: jq 1.6 does not accept all of them as field names or object keys, so a leaf
// that uses one stays with libjq (which reports what it thinks of it).
bool JqKeyword(std::string_view w);

class LeafLexer {
 protected:
  explicit LeafLexer(std::string_view s) : s_(s) {}

  void Ws() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  // Skips whitespace, then takes `c` if it is next.
  bool Eat(char c) {
    Ws();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  // Skips whitespace; the next character, '\0' at the end.
  char Peek() {
    Ws();
    return pos_ < s_.size() ? s_[pos_] : '\0';
  }
  // The identifier at pos_ ("" when none), taken.
  std::string Ident() {
    std::size_t start = pos_;
    if (pos_ < s_.size() && IdentStart(s_[pos_])) {
      while (pos_ < s_.size() && IdentChar(s_[pos_])) ++pos_;
    }
    return std::string(s_.substr(start, pos_ - start));
  }
  // `op` next, and not jq's update-assignment `op=` (not a native form).
  bool AtOperator(char op) {
    return Peek() == op && !(pos_ + 1 < s_.size() && s_[pos_ + 1] == '=');
  }
  // The string literal whose opening quote is at pos_, decoded; nullopt for what jq would
  // treat otherwise or reject (interpolation `\(`, control characters, surrogates, \u0000,
  // text that is not valid UTF-8).
  std::optional<std::string> String();

  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace ocean::mapping::leaf
