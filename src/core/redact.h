// Redactor: the process-wide set of secret strings that must never reach logs, errors or output.
//
// Register every secret as soon as it is loaded (Port client secret and tokens, AWS secret keys
// and session tokens, API keys). Redact() replaces each registered secret, and anything that
// looks like an AWS secret key, a bearer token or a private key block, with "[REDACTED]".
// InitLogging() installs a formatter that passes every log line through Redact().
//
// Thread-safety: all functions may be called from any thread (a mutex guards the set; Redact
// takes a snapshot).
#pragma once

#include <string>
#include <string_view>

namespace core {

// Adds `secret` (ignored when shorter than 4 characters, which would redact ordinary text).
void RegisterSecret(std::string_view secret);

// `text` with every registered secret and every secret-looking token replaced.
std::string Redact(std::string_view text);

// For tests: forgets every registered secret.
void ClearSecretsForTesting();

}  // namespace core
