// `.env` files: the simple KEY=VALUE format Ocean's settings read (python-dotenv's subset that
// matters for configuration).
//
//   # a comment line                   blank lines and comments are skipped
//   export OCEAN__PORT__CLIENT_ID=abc   an optional leading `export`
//   KEY = value # trailing comment      unquoted: trimmed, ` #...` comment removed
//   KEY='raw value # kept'              single quotes: taken literally
//   KEY="line\nbreak \"q\""             double quotes: \n \t \r \" \\ escapes; may span lines
//   KEY=                                an empty value
//
// A line without '=' or with an empty or malformed name is an error naming the file and line.
// Values are never echoed in errors (they may be secrets).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace ocean::config {

// (name, value) pairs in file order; a later duplicate overrides an earlier one for callers
// that build a map.
core::Result<std::vector<std::pair<std::string, std::string>>> ParseDotenv(
    std::string_view text, std::string_view source_name);

}  // namespace ocean::config
