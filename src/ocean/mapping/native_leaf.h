// NativeLeaf: a mapping leaf evaluated without libjq when its text is one of the simple forms
// that make up most real mappings (issue 13.2):
//   path        .  |  .Name.Name...  with ["key"] and [N] / [-N] steps: .a["b c"], .a[0], .[-1]
//               (no `..`, `[]`, slices, `?`)
//   literal     "string" (escapes allowed, no interpolation) | null | true | false
//   object      {key: TERM, "key": TERM, key, ...}      (key = identifier or plain string)
//   array       [EXPR, EXPR, ...] | []
//   sum         TERM + TERM + ...                        (strings, nulls, arrays, objects)
//   pipe        EXPR | EXPR | ...                        (top level or inside parentheses)
//   tostring    of any value: strings as they are, the rest printed as libjq 1.6 prints them
//               (jq_dump.h: key order, escapes, number layout)
//   split("s")  a non-empty literal separator, on a string
//   match("re"), test("re"), match("re"; "mods"), test("re"; "mods")
//               a literal regex run by libjq's own Oniguruma with its options (jq_regex.h);
//               match gives its first output (no match: no output), no "g" modifier
//   (EXPR)
//   CALL.name / CALL[...] / (EXPR).name ...   steps right after a call or parentheses
//               (`match("re").string`), i.e. `CALL | .name`
// Anything else (other functions, numbers, `//`, comments, ...) is not native: Parse() returns
// nullopt and the leaf stays with libjq.
//
// Evaluate() returns exactly what libjq returns through JqProgram + FromJv for the same input
// (null when the leaf has no output, as LeafSet takes libjq's), or false ("ask libjq") whenever
// libjq would raise an error or could differ: indexing a non-object, adding mismatched types or
// numbers, strings that are not valid UTF-8 (libjq replaces bytes), matching a non-string, a
// regex search over Oniguruma's budget, no output inside an object, array or sum. Values are copied with libjq's number model (every number a double, shown
// as an int64 when integral: NumberFromDouble). Objects keep their key order as libjq does
// (insertion order; a duplicate key keeps its first position).
// tests/ocean/mapping/native_leaf_diff_test.cc checks this against libjq over the repository's
// mappings and generated inputs.
//
// Evaluation is bounded: no loops, and a regex search has Oniguruma's budget (jq_regex.h).
//
// Thread-safety: immutable after Parse(); Evaluate() may run concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"

namespace ocean::mapping {

class NativeLeaf {
 public:
  // `body` is the leaf's text after single-quote normalisation (NormalizeSingleQuotes).
  static std::optional<NativeLeaf> Parse(std::string_view body);

  // true: `out` is the leaf's first output. false: evaluate with libjq instead (`out` unspecified).
  bool Evaluate(const json::value& input, json::value& out) const;

  // A selector that is the literal `true` / `false` (most are): no per-item work at all.
  std::optional<bool> ConstantBool() const;

  struct Node;
  NativeLeaf(NativeLeaf&&) noexcept;
  NativeLeaf& operator=(NativeLeaf&&) noexcept;
  ~NativeLeaf();

 private:
  explicit NativeLeaf(std::unique_ptr<Node> root);
  std::unique_ptr<Node> root_;
};

// A copy of `v` as libjq would give it back: numbers through a double, false when a string
// (or key) is not valid UTF-8 (libjq would alter it).
bool CopyAsJq(const json::value& v, json::value& out);

}  // namespace ocean::mapping
