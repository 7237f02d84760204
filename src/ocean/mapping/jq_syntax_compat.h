// jq syntax that jq 1.7 added and libjq 1.6 rejects, rewritten into 1.6 syntax with the same
// meaning, and a light lexical check used when embedding an expression in a larger program.
//
// Rewrites (applied only by JqProgram when the expression as written fails to compile):
//   - `if c then a end` (no else)            -> `if c then a else . end`     (also after elif)
//   - `.a.[0]`, `.a.[]`, `.a.["k"]`          -> `.a[0]`, `.a[]`, `.a["k"]`
//   - `{$k: v}` (binding value as the key)   -> `{($k): v}`
//   - `{if: 1}` (keyword as an object key)   -> `{"if": 1}`
// The lexer understands strings (with \(...) interpolation), comments, fields and variables,
// so text inside string literals is never touched.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace ocean::mapping {

std::string RewriteNewerSyntax(std::string_view expression);

// True when every string, interpolation and (), [], {} pair is closed in order: the expression
// cannot break out of a `( ... )` wrapper around it.
bool IsSelfContained(std::string_view expression);

}  // namespace ocean::mapping
