// The jq prelude: definitions prepended to every compiled program so that mappings written for
// the jq that Ocean embeds (1.7/1.8) behave the same on Debian's libjq 1.6 (see jq_prelude.cc for
// the list), plus Ocean's environment lock-out.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace ocean::mapping {

// The text to put in front of `expression` (already quote-normalised): the prelude on one line,
// and with allow_env=false Ocean's `def env: {}; {} as $ENV | `; with allow_env=true and an
// expression that mentions env/ENV, `env` and `$ENV` without the secret variables (names
// containing SECRET, TOKEN, PASSWORD, PASSWD, ACCESS_KEY, PRIVATE_KEY, CREDENTIAL or API_KEY).
std::string ProgramPrefix(std::string_view expression, bool allow_env);

// A compile error as jq reported it for prefix+expression, with the prefix removed from the
// echoed source line and trailing padding dropped.
std::string CleanCompileMessage(std::string_view message, std::string_view prefix);

}  // namespace ocean::mapping
