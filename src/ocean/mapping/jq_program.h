// JqProgram: one jq expression compiled once with libjq, run on many inputs.
//
// Compile() applies Ocean's preprocessing: single-quoted string delimiters become double quotes
// (Ocean's `_format_filter` regex), and the prelude of functions that newer jq versions have
// (pick, abs, toarray, have_decnum, @base32d, ltrimstr/rtrimstr/splits edge cases, ...) is
// defined so that mappings written for current jq work on Debian's libjq 1.6. With
// allow_env=false, `env` and `$ENV` are `{}` (OCEAN__ALLOW_ENVIRONMENT_VARIABLES_JQ_ACCESS).
//
// First() returns the first output, nullopt when the program yields nothing, or an error with
// jq's message for a runtime error.
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

struct JqOptions {
  bool allow_env = true;
};

class JqProgram {
 public:
  static core::Result<JqProgram> Compile(std::string_view expression, const JqOptions& options = {});

  JqProgram(JqProgram&&) noexcept;
  JqProgram& operator=(JqProgram&&) noexcept;
  ~JqProgram();

  core::Result<std::optional<json::value>> First(const json::value& input) const;

  // The expression as given (before preprocessing), for error messages.
  const std::string& expression() const { return expression_; }

 private:
  struct State;
  JqProgram(std::string expression, std::unique_ptr<State> state);
  std::string expression_;
  std::unique_ptr<State> state_;
};

// Ocean's single-quote normalisation (exposed for tests).
std::string NormalizeSingleQuotes(std::string_view expression);

}  // namespace ocean::mapping
