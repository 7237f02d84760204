// Key spellings in configuration: humps-style decamelising (Ocean applies humps.decamelize to
// config.yaml keys and to .port/spec.yaml configuration names) and ASCII case folding.
//
//   Decamelize("accountRoleArns") == "account_role_arns"
//   Decamelize("AWSRegion")       == "aws_region"
//   Decamelize("aws_partition")   == "aws_partition"   (already snake_case: unchanged)
//   Decamelize("AWS")             == "AWS"             (all capitals: unchanged, as humps does)
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace ocean::config {

std::string Decamelize(std::string_view key);
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

}  // namespace ocean::config
