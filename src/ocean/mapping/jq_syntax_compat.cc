#include "ocean/mapping/jq_syntax_compat.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace ocean::mapping {
namespace {

enum class Tok { kIdent, kField, kVar, kString, kNumber, kFormat, kPunct, kOpen, kClose };

struct Token {
  Tok type;
  std::size_t begin;
  std::size_t end;
  char c = 0;  // punctuation / bracket character
};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

struct Lexed {
  std::vector<Token> tokens;
  bool closed = true;  // every string, interpolation and bracket closed in order
};

// Tokenizes jq source. A string literal with interpolations becomes kString tokens for its
// literal parts, with the interpolated code tokenized in place between kOpen '(' / kClose ')'.
Lexed Lex(std::string_view s) {
  Lexed out;
  std::vector<char> stack;  // '(', '[', '{', or 'i' for an interpolation
  std::size_t i = 0;
  auto lex_string_from = [&](std::size_t pos) {  // pos: just after an opening quote or ')'
    std::size_t start = pos;
    while (pos < s.size()) {
      if (s[pos] == '\\' && pos + 1 < s.size()) {
        if (s[pos + 1] == '(') {
          out.tokens.push_back({Tok::kString, start, pos});
          out.tokens.push_back({Tok::kOpen, pos, pos + 2, '('});
          stack.push_back('i');
          return pos + 2;
        }
        pos += 2;
        continue;
      }
      if (s[pos] == '"') {
        out.tokens.push_back({Tok::kString, start, pos + 1});
        return pos + 1;
      }
      ++pos;
    }
    out.closed = false;
    return s.size();
  };
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '"') {
      i = lex_string_from(i + 1);
    } else if (IsIdentStart(c)) {
      std::size_t b = i;
      while (i < s.size() && (IsIdentChar(s[i]) || (s[i] == ':' && i + 1 < s.size() && s[i + 1] == ':' &&
                                                    i + 2 < s.size() && IsIdentStart(s[i + 2])))) {
        i += s[i] == ':' ? 2 : 1;
      }
      out.tokens.push_back({Tok::kIdent, b, i});
    } else if (c == '$' && i + 1 < s.size() && IsIdentStart(s[i + 1])) {
      std::size_t b = i++;
      while (i < s.size() && IsIdentChar(s[i])) ++i;
      out.tokens.push_back({Tok::kVar, b, i});
    } else if (c == '@' && i + 1 < s.size() && IsIdentStart(s[i + 1])) {
      std::size_t b = i++;
      while (i < s.size() && IsIdentChar(s[i])) ++i;
      out.tokens.push_back({Tok::kFormat, b, i});
    } else if (c == '.' && i + 1 < s.size() && IsIdentStart(s[i + 1])) {
      std::size_t b = i++;
      while (i < s.size() && IsIdentChar(s[i])) ++i;
      out.tokens.push_back({Tok::kField, b, i});
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      std::size_t b = i;
      while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      }
      out.tokens.push_back({Tok::kNumber, b, i});
    } else if (c == '(' || c == '[' || c == '{') {
      stack.push_back(c);
      out.tokens.push_back({Tok::kOpen, i, i + 1, c});
      ++i;
    } else if (c == ')' || c == ']' || c == '}') {
      char want = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (stack.empty() || (stack.back() != want && !(c == ')' && stack.back() == 'i'))) {
        out.closed = false;
        out.tokens.push_back({Tok::kClose, i, i + 1, c});
        ++i;
        continue;
      }
      bool interpolation = stack.back() == 'i';
      stack.pop_back();
      out.tokens.push_back({Tok::kClose, i, i + 1, c});
      i = interpolation ? lex_string_from(i + 1) : i + 1;
    } else if (c == '.' && i + 1 < s.size() && s[i + 1] == '.') {
      out.tokens.push_back({Tok::kPunct, i, i + 2, 'R'});
      i += 2;
    } else {
      out.tokens.push_back({Tok::kPunct, i, i + 1, c});
      ++i;
    }
  }
  if (!stack.empty()) out.closed = false;
  return out;
}

bool IsKeyword(std::string_view w) {
  static constexpr std::string_view kWords[] = {"if",    "then",    "elif", "else",  "end",
                                                "as",    "def",     "reduce", "foreach", "try",
                                                "catch", "label",   "import", "include", "and",
                                                "or",    "__loc__"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

}  // namespace

std::string RewriteNewerSyntax(std::string_view s) {
  const Lexed lexed = Lex(s);
  const std::vector<Token>& t = lexed.tokens;
  std::map<std::size_t, std::string> inserts;  // position -> text inserted before it
  std::vector<std::size_t> erased;             // single characters removed
  std::vector<bool> if_has_else;               // open `if` frames
  std::vector<char> brackets;                  // '(', '[', '{'
  auto text = [&](const Token& k) { return s.substr(k.begin, k.end - k.begin); };
  auto is_kw = [&](std::size_t k, std::string_view w) { return t[k].type == Tok::kIdent && text(t[k]) == w; };
  auto next_is_colon = [&](std::size_t k) {
    return k + 1 < t.size() && t[k + 1].type == Tok::kPunct && t[k + 1].c == ':';
  };
  auto at_object_key = [&](std::size_t k) {
    if (brackets.empty() || brackets.back() != '{' || k == 0) return false;
    const Token& p = t[k - 1];
    return (p.type == Tok::kOpen && p.c == '{') || (p.type == Tok::kPunct && p.c == ',');
  };
  for (std::size_t k = 0; k < t.size(); ++k) {
    const Token& tok = t[k];
    if (tok.type == Tok::kOpen) brackets.push_back(tok.c);
    if (tok.type == Tok::kClose && !brackets.empty()) brackets.pop_back();
    if (tok.type == Tok::kIdent && at_object_key(k) && next_is_colon(k) && IsKeyword(text(tok))) {
      inserts[tok.begin] += "\"";
      inserts[tok.end] += "\"";
      continue;
    }
    if (tok.type == Tok::kVar && at_object_key(k) && next_is_colon(k)) {
      inserts[tok.begin] += "(";
      inserts[tok.end] += ")";
      continue;
    }
    if (is_kw(k, "if")) {
      if_has_else.push_back(false);
    } else if (is_kw(k, "else") && !if_has_else.empty()) {
      if_has_else.back() = true;
    } else if (is_kw(k, "end") && !if_has_else.empty()) {
      if (!if_has_else.back()) inserts[tok.begin] += "else . ";
      if_has_else.pop_back();
    } else if (tok.type == Tok::kPunct && tok.c == '.' && k > 0 && k + 1 < t.size() &&
               t[k + 1].type == Tok::kOpen && t[k + 1].c == '[') {
      const Token& p = t[k - 1];
      bool postfix = p.type == Tok::kField || p.type == Tok::kVar || p.type == Tok::kString ||
                     p.type == Tok::kClose ||
                     (p.type == Tok::kPunct && p.c == '?') ||
                     (p.type == Tok::kIdent && !IsKeyword(text(p)));
      if (postfix) erased.push_back(tok.begin);
    }
  }
  if (inserts.empty() && erased.empty()) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i <= s.size(); ++i) {
    auto it = inserts.find(i);
    if (it != inserts.end()) out += it->second;
    if (i == s.size()) break;
    if (std::find(erased.begin(), erased.end(), i) != erased.end()) continue;
    out.push_back(s[i]);
  }
  return out;
}

bool IsSelfContained(std::string_view expression) { return Lex(expression).closed; }

}  // namespace ocean::mapping
