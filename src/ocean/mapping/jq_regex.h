// JqRegex: jq 1.6's `test(re)` and `match(re)` (first output) for a literal regex, evaluated
// with the very Oniguruma library libjq uses, for the native leaf evaluator (issue 13.2).
//
// Same engine, same settings as libjq 1.6's f_match: the UTF-8 encoding, the Perl_NG syntax,
// ONIG_OPTION_CAPTURE_GROUP plus the modifiers i x m s p l n (not g: a global match is left to
// libjq), one onig_search over the whole string. The match object is built as f_match builds it:
// {offset, length, string, captures} with offsets and lengths in code points, each capture
// {offset, length, string, name} ({offset, string, length, name} for an empty or unmatched one:
// offset -1 and string null when it did not take part), names from the named groups; a
// zero-width match has no captures. The pattern is compiled once here (libjq compiles it on
// every call; the result is the same).
//
// Oniguruma is reached through the copy libjq already loaded (dlopen with RTLD_NOLOAD), not by
// linking it: libonig exports POSIX regcomp/regexec, which would then bind before glibc's for
// the whole executable (see CMakeLists.txt). If it cannot be found, Compile() returns null and
// the leaf stays with libjq.
//
// Bounded time: Oniguruma limits one match attempt to 10M backtracking steps by default, but
// not a whole search (a string of n characters may cost n attempts). LimitRegexSearches() sets
// a process-wide budget per search (kSearchRetryLimit); it is called before libjq or this file
// runs any regex (JqProgram's warm-up and Compile() here), so libjq's match/test/sub/... and the
// native evaluator fail alike on a search over budget ("Regex failure: retry-limit-in-search
// over" from libjq; the native side declines and lets libjq give that message), and neither
// can stall mapping on a pathological pattern.
//
// Thread-safety: Compile() may run concurrently (serialised inside); a compiled JqRegex is
// immutable and Test()/First() may run concurrently (per-thread match regions).
#pragma once

#include <memory>
#include <string_view>

#include "core/json.h"

namespace ocean::mapping {

class JqRegex {
 public:
  // Oniguruma's per-search budget set by LimitRegexSearches(): ~1-5 s of CPU.
  static constexpr unsigned long kSearchRetryLimit = 100'000'000;

  // null when the pattern or modifiers are not valid for jq, or Oniguruma is not loaded.
  static std::shared_ptr<const JqRegex> Compile(std::string_view pattern, std::string_view modifiers);

  enum class Outcome { kMatch, kNoMatch, kError };

  // `input` must be valid UTF-8 (as every jq string is). kError: Oniguruma failed (a budget):
  // libjq raises an error there.
  Outcome Test(std::string_view input) const;
  // kMatch: `match` is match(re)'s first output.
  Outcome First(std::string_view input, json::value& match) const;

  ~JqRegex();
  JqRegex(const JqRegex&) = delete;
  JqRegex& operator=(const JqRegex&) = delete;

 private:
  explicit JqRegex(void* reg) : reg_(reg) {}
  int Search(std::string_view input, void* region) const;
  void* reg_;  // OnigRegex
};

// Sets Oniguruma's process-wide search budget once (see above); a no-op without Oniguruma.
void LimitRegexSearches();

}  // namespace ocean::mapping
