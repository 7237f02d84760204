#include "ocean/config/dotenv.h"

#include <cctype>

namespace ocean::config {
namespace {

using core::Status;

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

std::string_view TrimBlanks(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

Status LineError(std::string_view source, std::size_t line, std::string_view what) {
  return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line) + ": " +
                                 std::string(what));
}

}  // namespace

core::Result<std::vector<std::pair<std::string, std::string>>> ParseDotenv(
    std::string_view text, std::string_view source_name) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0, line = 0;
  while (pos < text.size()) {
    ++line;
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view raw = TrimBlanks(text.substr(pos, eol - pos));
    std::size_t line_start = pos;
    pos = eol + 1;
    if (raw.empty() || raw.front() == '#') continue;
    if (raw.substr(0, 7) == "export " || raw.substr(0, 7) == "export\t") {
      raw = TrimBlanks(raw.substr(7));
    }
    std::size_t eq = raw.find('=');
    if (eq == std::string_view::npos) return LineError(source_name, line, "expected KEY=VALUE");
    std::string_view name = TrimBlanks(raw.substr(0, eq));
    if (name.empty()) return LineError(source_name, line, "a variable name is missing before '='");
    for (char c : name) {
      if (!IsNameChar(c)) return LineError(source_name, line, "invalid variable name");
    }
    // The value starts after '=' in the original text (it may continue on later lines).
    std::size_t vstart = line_start + (raw.data() - (text.data() + line_start)) + eq + 1;
    while (vstart < text.size() && (text[vstart] == ' ' || text[vstart] == '\t')) ++vstart;
    std::string value;
    char quote = vstart < text.size() ? text[vstart] : '\0';
    if (quote == '\'' || quote == '"') {
      std::size_t i = vstart + 1;
      std::size_t open_line = line;  // errors point at the opening quote, not the file's end
      bool closed = false;
      for (; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') ++line;
        if (c == quote) {
          closed = true;
          break;
        }
        if (quote == '"' && c == '\\' && i + 1 < text.size()) {
          char n = text[++i];
          switch (n) {
            case 'n': value += '\n'; break;
            case 't': value += '\t'; break;
            case 'r': value += '\r'; break;
            default: value += n;  // \" \\ and anything else: the character itself
          }
          continue;
        }
        value += c;
      }
      if (!closed) {
        return LineError(source_name, open_line,
                         "unterminated quoted value (the quote opened here is never closed)");
      }
      // After the closing quote only blanks and a comment may follow.
      std::size_t rest_end = text.find('\n', i + 1);
      if (rest_end == std::string_view::npos) rest_end = text.size();
      std::string_view rest = TrimBlanks(text.substr(i + 1, rest_end - i - 1));
      if (!rest.empty() && rest.front() != '#') {
        return LineError(source_name, line, "unexpected text after the closing quote");
      }
      pos = rest_end + 1;
    } else {
      std::string_view v = text.substr(vstart, eol - vstart);
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '#' && (i == 0 || v[i - 1] == ' ' || v[i - 1] == '\t')) {
          v = v.substr(0, i);
          break;
        }
      }
      value = std::string(TrimBlanks(v));
    }
    out.emplace_back(std::string(name), std::move(value));
  }
  return out;
}

}  // namespace ocean::config
