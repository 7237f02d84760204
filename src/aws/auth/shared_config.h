// SharedConfig: the AWS shared config and credentials files (~/.aws/config, ~/.aws/credentials)
// parsed the way botocore parses them, so a profile means the same thing to ocean-aws and boto3.
//
// File format (an INI dialect, as Python's configparser reads it):
//   - "[profile NAME]" names a profile in the config file ("[default]" too); "[NAME]" in the
//     credentials file. Other config-file sections ("[sso-session x]", "[services x]") are kept
//     apart. Section names are case-sensitive; keys are lower-cased.
//   - "key = value" or "key: value"; full-line comments start with '#' or ';'.
//   - A key with an empty value followed by indented "k = v" lines is a sub-section:
//       s3 =
//         addressing_style = path
//   - Values from the credentials file win over the config file's for the same profile.
// Parse errors name the file and line and never quote the line (it may hold a secret).
//
// Locations: AWS_CONFIG_FILE (default ~/.aws/config), AWS_SHARED_CREDENTIALS_FILE (default
// ~/.aws/credentials); "~" expands to $HOME. A missing file is not an error. The active profile is
// AWS_DEFAULT_PROFILE, then AWS_PROFILE (botocore's order), then "default".
//
// Thread-safety: an immutable value once loaded.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace aws {

// A flat INI section: key -> value, plus indented sub-sections ("s3" -> {"addressing_style": ..}).
struct ConfigSection {
  std::map<std::string, std::string, std::less<>> values;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> subsections;

  const std::string* Find(std::string_view key) const;
  const std::string* FindSub(std::string_view section, std::string_view key) const;
};

// One profile, its values kept by origin so providers can follow botocore's precedence.
struct Profile {
  std::string name;
  ConfigSection config;       // from the config file
  ConfigSection credentials;  // from the credentials file

  // The value of `key`, the credentials file's first; nullptr when absent.
  const std::string* Find(std::string_view key) const;
  // A sub-section value (e.g. FindSub("s3", "addressing_style")), config file only.
  const std::string* FindSub(std::string_view section, std::string_view key) const;
};

struct SharedConfigPaths {
  std::string config_file;       // "" = no config file
  std::string credentials_file;  // "" = no credentials file

  // From AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and $HOME.
  static SharedConfigPaths FromEnvironment();
};

class SharedConfig {
 public:
  // Reads both files (missing ones are empty). Fails with ParseError naming file and line.
  static core::Result<SharedConfig> Load(const SharedConfigPaths& paths);
  // Parses file contents; `*_name` is used in errors.
  static core::Result<SharedConfig> Parse(std::string_view config_text,
                                          std::string_view credentials_text,
                                          std::string_view config_name = "config",
                                          std::string_view credentials_name = "credentials");

  // nullptr when neither file has the profile.
  const Profile* FindProfile(std::string_view name) const;
  // "[services NAME]" sections of the config file.
  const ConfigSection* FindServices(std::string_view name) const;
  const std::map<std::string, Profile, std::less<>>& profiles() const { return profiles_; }
  // For errors: "<config path> and <credentials path>".
  const std::string& source() const { return source_; }

 private:
  std::map<std::string, Profile, std::less<>> profiles_;
  std::map<std::string, ConfigSection, std::less<>> services_;
  std::string source_;
};

// The profile to use: AWS_DEFAULT_PROFILE, AWS_PROFILE, else "default". `explicit_profile`
// (from our own configuration) wins when non-empty.
std::string ActiveProfileName(std::string_view explicit_profile = {});

// Expands a leading "~/" (or "~") with $HOME.
std::string ExpandHome(std::string_view path);

// getenv as an optional string; an unset variable is nullopt, an empty one is "".
std::optional<std::string> GetEnv(const char* name);
// The variable's value when set and non-empty.
std::optional<std::string> GetNonEmptyEnv(const char* name);

}  // namespace aws
