// UTF-8 validity, one definition for the whole program: the AWS response parsers (a body that
// is not UTF-8 is not text) and the native mapping evaluator (libjq's jvp_utf8_is_valid, which
// decides whether libjq would alter a string) apply the same rules.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace core {

// True when `s` is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF),
// nothing above U+10FFFF, no truncated sequence. Runs of ASCII are checked 8 bytes at a time.
bool IsValidUtf8(std::string_view s);

}  // namespace core
