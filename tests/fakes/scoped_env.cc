#include "fakes/scoped_env.h"

#include <cstdlib>
#include <cstring>
#include <vector>

extern char** environ;

namespace testing_fakes {

ScopedEnv::ScopedEnv(const std::string& home) {
  std::vector<std::string> aws;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "AWS_", 4) == 0) {
      const char* eq = std::strchr(*e, '=');
      if (eq != nullptr) aws.emplace_back(*e, static_cast<size_t>(eq - *e));
    }
  }
  for (const auto& name : aws) Unset(name);
  if (!home.empty()) Set("HOME", home);
}

ScopedEnv::~ScopedEnv() {
  for (const auto& [name, value] : saved_) {
    if (value) {
      setenv(name.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name.c_str());
    }
  }
}

void ScopedEnv::Remember(const std::string& name) {
  if (saved_.count(name)) return;
  const char* v = std::getenv(name.c_str());
  saved_[name] = v ? std::optional<std::string>(v) : std::nullopt;
}

void ScopedEnv::Set(const std::string& name, const std::string& value) {
  Remember(name);
  setenv(name.c_str(), value.c_str(), 1);
}

void ScopedEnv::Unset(const std::string& name) {
  Remember(name);
  unsetenv(name.c_str());
}

}  // namespace testing_fakes
