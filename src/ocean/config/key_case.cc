#include "ocean/config/key_case.h"

#include <cctype>

namespace ocean::config {
namespace {

bool Upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool Lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool Digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string Decamelize(std::string_view key) {
  bool any_lower = false, any_upper = false;
  for (char c : key) any_lower |= Lower(c), any_upper |= Upper(c);
  if (!any_lower) return std::string(key);  // "AWS", "123", "" stay as they are
  if (!any_upper) return std::string(key);  // already snake_case (or one lower-case word)
  std::string out;
  out.reserve(key.size() + 4);
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    if (Upper(c) && i > 0 && key[i - 1] != '_' && key[i - 1] != '-') {
      char prev = key[i - 1];
      bool next_lower = i + 1 < key.size() && Lower(key[i + 1]);
      // fooBar, foo1Bar: a new word; AWSRegion: the 'R' starts "Region" after an acronym.
      if (Lower(prev) || Digit(prev) || (Upper(prev) && next_lower)) out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace ocean::config
