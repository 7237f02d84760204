// AppendJqDump: a value printed exactly as libjq 1.6 prints it for `tostring` and `tojson`
// (jv_dump_string(v, 0)), for the native leaf evaluator (native_leaf.h, issue 13.2).
//
// The value is taken as libjq would see it after ToJv (jv_value.h): every number a double.
//   - compact: no spaces; objects in their key order (libjq keeps insertion order), arrays in order;
//   - strings: `"` and `\` escaped, \b \t \r \n \f, other controls (< 0x20) and DEL as \u00XX
//     (lowercase hex), every other character as its UTF-8 bytes (`/` and non-ASCII unescaped);
//   - numbers: NaN as null, infinities as +/-DBL_MAX, otherwise the shortest digits that read
//     back as the same double, laid out as jq's jvp_dtoa_fmt does: plain digits while the
//     decimal exponent is in (-4, digits + 15], else d.ddde+XX (at least two exponent digits),
//     -0 as "-0".
// Returns false, with `out` unspecified, when libjq would print something else: a string or key
// that is not valid UTF-8 (libjq replaces its bytes when converting), or nesting deeper than 64
// levels (libjq 1.6 skips levels past 256; we stay well clear of the limit).
// tests/ocean/mapping/native_leaf_diff_test.cc compares it with libjq on generated values.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/utf8.h"

namespace ocean::mapping {

bool AppendJqDump(const json::value& v, std::string& out);

// libjq's own test (jvp_utf8_is_valid): no overlongs, no surrogates, nothing above U+10FFFF.
inline bool JqValidUtf8(std::string_view s) { return core::IsValidUtf8(s); }

}  // namespace ocean::mapping
