// JqProgram: one jq expression compiled once with libjq, run on many inputs.
//
// Compile() applies Ocean's preprocessing: single-quoted string delimiters become double quotes
// (Ocean's `_format_filter` regex), and the prelude of functions that newer jq versions have
// (pick, abs, toarray, have_decnum, @base32d, limit/nth/last/indices/sub edge cases, ...) is
// defined so that mappings written for current jq work on Debian's libjq 1.6 (jq_prelude.cc).
// With allow_env=false, `env` and `$ENV` are `{}` (OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS).
// A compile error is InvalidArgument carrying jq's message.
//
// First() returns the first output, nullopt when the program yields nothing, or an error with
// jq's message for a runtime error (InvalidArgument too; a non-string error value is rendered as
// JSON followed by " (not a string)"). Only the first output is computed, as Python's
// `.first()`: later outputs, and errors after the first output, are never evaluated. (A body
// that mentions a path generator runs inside `label $l | (BODY) | ., break $l`, stepped once
// past its first output, so that libjq 1.6 does not abort at the program's next run.)
//
// Thread-safety: a JqProgram owns a jq_state, which is not thread-safe: use one program from
// one thread at a time. Programs are movable, not copyable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/result.h"

namespace ocean::mapping {

class JvValue;  // jv_value.h

struct JqOptions {
  bool allow_env = true;
  // EntityMapper only: evaluate all leaves of a mapping in one jq program (leaf_set.h) instead of
  // one program per leaf. Same results; kept switchable for benchmarks and diagnosis. Off by
  // default: bench/jq_mapping_bench.cc measured the combined program slower on the default EC2
  // mapping (about 60 vs 35 ms per 1,000 entities).
  bool combine_leaves = false;
  // Evaluate leaves (and selectors) of the simple forms of native_leaf.h without libjq, with
  // identical results (issue 13.2). Off only for benchmarks and the differential test.
  bool native_leaves = true;
};

class JqProgram {
 public:
  static core::Result<JqProgram> Compile(std::string_view expression, const JqOptions& options = {});

  JqProgram(JqProgram&&) noexcept;
  JqProgram& operator=(JqProgram&&) noexcept;
  ~JqProgram();

  core::Result<std::optional<json::value>> First(const json::value& input) const;

  // The same on an input already converted with ToJv, returning the jv itself: callers that run
  // several programs on one item convert it once.
  core::Result<std::optional<JvValue>> FirstJv(const JvValue& input) const;

  // The expression as given (before preprocessing), for error messages.
  const std::string& expression() const { return expression_; }
  // The text compiled after the prelude: quote-normalised, and rewritten into jq 1.6 syntax when
  // the expression uses 1.7 syntax (jq_syntax_compat.h).
  const std::string& body() const { return body_; }

  // Compiles `body` exactly as given (no quote normalisation or rewrite) after the prelude;
  // `expression` is what expression() reports. For callers that assemble programs from bodies.
  static core::Result<JqProgram> CompileBody(std::string_view body, std::string expression,
                                             const JqOptions& options = {});

 private:
  struct State;
  JqProgram(std::string expression, std::string body, std::unique_ptr<State> state);
  std::string expression_;
  std::string body_;
  std::unique_ptr<State> state_;
};

// Ocean's single-quote normalisation (exposed for tests).
std::string NormalizeSingleQuotes(std::string_view expression);

}  // namespace ocean::mapping
