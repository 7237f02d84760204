// ScopedEnv: sets and unsets environment variables for one test and restores them all when it
// goes out of scope. Construct it first in a fixture: it also clears every AWS_* variable and
// points HOME at `home` (when given) so the developer's own ~/.aws never leaks into a test.
//
// Thread-safety: setenv/unsetenv are process-wide; single-threaded tests only.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace testing_fakes {

class ScopedEnv {
 public:
  explicit ScopedEnv(const std::string& home = "");
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

  void Set(const std::string& name, const std::string& value);
  void Unset(const std::string& name);

 private:
  void Remember(const std::string& name);
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace testing_fakes
